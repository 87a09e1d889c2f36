// The list of the moderator's keyboard shortcuts, opened with "?".
import { useTranslation } from 'react-i18next';

const KEYS: [string, string][] = [
  ['J / K', 'move'],
  ['H / L', 'column'],
  ['A', 'approve'],
  ['R', 'reject'],
  ['P', 'pin'],
  ['Enter', 'air'],
  ['Esc', 'offAir'],
  ['N', 'next'],
  ['U', 'undo'],
  ['/', 'search'],
  ['Shift+J / K', 'reorder'],
  ['Q', 'questions'],
  ['S', 'split'],
  ['?', 'help'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="help" aria-label={t('moderator.shortcuts')}>
      <h2>{t('moderator.shortcuts')}</h2>
      <dl>
        {KEYS.map(([keys, name]) => (
          <div key={name}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`moderator.keys.${name}`)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        OK
      </button>
    </aside>
  );
}
