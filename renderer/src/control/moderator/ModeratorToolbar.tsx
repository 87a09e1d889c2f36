// The moderator's toolbar: search, filters and the queue-wide actions. One row whose height
// never changes: the platform chips scroll sideways instead of wrapping.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../src/shared/comment';
import { PlatformIcon } from '../../components/PlatformIcon';
import { AddByHand } from './AddByHand';
import type { BoardFilters } from './board';

interface Props {
  filters: BoardFilters;
  setFilters: (update: (f: BoardFilters) => BoardFilters) => void;
  platforms: [Platform, number][];
  searchRef: RefObject<HTMLInputElement | null>;
  help: boolean;
  onHelp: () => void;
  onQueue: (intent: 'queue:undo' | 'queue:clearAir' | 'queue:next') => void;
}

export function ModeratorToolbar({
  filters,
  setFilters,
  platforms,
  searchRef,
  help,
  onHelp,
  onQueue,
}: Props) {
  const { t } = useTranslation();
  return (
    <div className="toolbar" data-testid="moderator-toolbar">
      <input
        ref={searchRef}
        type="search"
        className="toolbar__search"
        placeholder={`${t('moderator.search')}  /`}
        aria-label={t('moderator.search')}
        value={filters.search}
        onChange={(e) => {
          const search = e.target.value;
          setFilters((f) => ({ ...f, search }));
        }}
      />
      <div className="toolbar__chips">
        <button
          type="button"
          className={`chip${filters.questionsOnly ? ' chip--on' : ''}`}
          aria-pressed={filters.questionsOnly}
          onClick={() => setFilters((f) => ({ ...f, questionsOnly: !f.questionsOnly }))}
        >
          {t('moderator.questionsOnly')} <kbd>Q</kbd>
        </button>
        {platforms.map(([platform, count]) => {
          const hidden = filters.hiddenPlatforms.has(platform);
          const label = t(`platform.${platform}`);
          return (
            <button
              key={platform}
              type="button"
              className={`chip${hidden ? '' : ' chip--on'}`}
              aria-pressed={!hidden}
              title={t('moderator.platformToggle', { platform: label })}
              onClick={() =>
                setFilters((f) => {
                  const next = new Set(f.hiddenPlatforms);
                  if (hidden) next.delete(platform);
                  else next.add(platform);
                  return { ...f, hiddenPlatforms: next };
                })
              }
            >
              <PlatformIcon platform={platform} label={label} size={14} /> {count}
            </button>
          );
        })}
      </div>
      <AddByHand />
      <button type="button" className="button" onClick={() => onQueue('queue:undo')}>
        {t('moderator.undo')} <kbd>U</kbd>
      </button>
      <button type="button" className="button" onClick={() => onQueue('queue:clearAir')}>
        {t('moderator.clearAir')} <kbd>Esc</kbd>
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={() => onQueue('queue:next')}
      >
        {t('moderator.next')} <kbd>N</kbd>
      </button>
      <button type="button" className="button" aria-expanded={help} onClick={onHelp}>
        <span className="toolbar__long">{t('moderator.shortcuts')} </span>
        <kbd>?</kbd>
      </button>
    </div>
  );
}
