// The sections of Settings, in the order of the side navigation; each is a deep link
// (`/settings#obs`) that the first-run checklist points to.
export const SETTINGS_SECTIONS = [
  'show',
  'obs',
  'sources',
  'audience',
  'destinations',
  'rundown',
  'guests',
  'people',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export function sectionFromHash(hash: string): SettingsSection {
  const name = hash.replace(/^#/, '');
  return (SETTINGS_SECTIONS as readonly string[]).includes(name)
    ? (name as SettingsSection)
    : 'show';
}
