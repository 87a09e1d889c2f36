// Settings in sections beside a side navigation, one shown at a time and each a deep link
// (/settings#obs). Every section has one Save and one status; the others stay mounted, so a
// draft left in one is kept while another shows, and the navigation marks it unsaved.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShow } from '../context';
import { AccountSettings } from '../settings/AccountSettings';
import { AudienceSettings } from '../settings/AudienceSettings';
import { GuestSettings } from '../settings/GuestSettings';
import { IceSettings } from '../settings/IceSettings';
import { ObsSettings } from '../settings/ObsSettings';
import { PeopleSettings } from '../settings/PeopleSettings';
import { ReenterSecrets } from '../settings/ReenterSecrets';
import { RelaySettings } from '../settings/RelaySettings';
import { RundownSettings } from '../settings/RundownSettings';
import { SettingsSection } from '../settings/section-draft';
import {
  SETTINGS_SECTIONS,
  sectionFromHash,
  type SettingsSection as Section,
} from '../settings/sections';
import { ShowSettings } from '../settings/ShowSettings';
import { SourceSettings } from '../settings/SourceSettings';

const CONTENT: Record<Section, () => ReactNode> = {
  show: () => <ShowSettings />,
  obs: () => <ObsSettings />,
  sources: () => (
    <>
      <SourceSettings />
      <AccountSettings />
    </>
  ),
  audience: () => <AudienceSettings />,
  destinations: () => <RelaySettings />,
  rundown: () => <RundownSettings />,
  guests: () => (
    <>
      <GuestSettings />
      <IceSettings />
    </>
  ),
  people: () => <PeopleSettings />,
};

function useSectionFromHash(): [Section, (section: Section) => void] {
  const [section, setSection] = useState<Section>(() => sectionFromHash(location.hash));
  useEffect(() => {
    const onChange = (): void => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  const open = useCallback((next: Section) => {
    history.replaceState(null, '', `#${next}`);
    setSection(next);
  }, []);
  return [section, open];
}

export function SettingsView() {
  const { t } = useTranslation();
  const { state } = useShow();
  const [active, open] = useSectionFromHash();
  const [unsaved, setUnsaved] = useState<ReadonlySet<string>>(new Set());
  const onDirty = useCallback((id: string, dirty: boolean) => {
    setUnsaved((current) => {
      if (current.has(id) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  // Closing or reloading the window with a draft left asks first (the browser words it).
  const anyUnsaved = unsaved.size > 0;
  useEffect(() => {
    if (!anyUnsaved) return;
    const onLeave = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [anyUnsaved]);
  const elsewhere = SETTINGS_SECTIONS.filter((s) => s !== active && unsaved.has(s));
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label={t('settings.sectionsLabel')}>
        {SETTINGS_SECTIONS.map((section) => (
          <a
            key={section}
            href={`#${section}`}
            className={`settings__navlink${section === active ? ' settings__navlink--active' : ''}`}
            aria-current={section === active ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              open(section);
            }}
          >
            <span className="settings__navname">{t(`settings.sectionNames.${section}`)}</span>
            {unsaved.has(section) && (
              <span className="settings__unsaved" data-testid={`unsaved-${section}`}>
                {t('settings.unsavedMark')}
              </span>
            )}
          </a>
        ))}
      </nav>
      <div className="settings__body">
        <ReenterSecrets names={state?.config.secretsToReenter ?? []} />
        {elsewhere.length > 0 && (
          <p className="banner banner--warn" role="status" data-testid="unsaved-elsewhere">
            {t('settings.unsavedElsewhere', {
              sections: elsewhere.map((s) => t(`settings.sectionNames.${s}`)).join(', '),
            })}
          </p>
        )}
        {SETTINGS_SECTIONS.map((section) => (
          <SettingsSection
            key={section}
            id={section}
            label={t(`settings.sectionNames.${section}`)}
            active={section === active}
            saveLabel={section === 'obs' ? t('settings.saveConnect') : undefined}
            onDirty={onDirty}
          >
            {CONTENT[section]()}
          </SettingsSection>
        ))}
      </div>
    </div>
  );
}
