// A large banner on every view while OBS is lost: what happened, what Panelcast is doing about it
// (reconnecting, next try), and what still works. Gone once OBS answers again.
import { useTranslation } from 'react-i18next';
import type { ObsState } from '../../../../src/shared/obs-state';
import { useNow } from '../../lib/relative-time';
import { useWording } from '../../i18n/messages';

export function obsLost(obs: ObsState | undefined): boolean {
  return obs?.status === 'reconnecting' || obs?.status === 'failed';
}

export function ObsBanner({ obs, onSettings }: { obs: ObsState; onSettings: () => void }) {
  const { t } = useTranslation();
  const now = useNow(500);
  const word = useWording();
  if (!obsLost(obs)) return null;
  const seconds = obs.retryAt ? Math.ceil((Date.parse(obs.retryAt) - now) / 1000) : 0;
  const when = seconds > 0 ? t('obsLost.nextTry', { seconds }) : t('obsLost.trying');
  return (
    <div className="obs-lost" role="alert" data-testid="obs-lost-banner">
      <span className="obs-lost__icon" aria-hidden="true">
        !
      </span>
      <div className="obs-lost__body">
        <strong className="obs-lost__title">{t('obsLost.title')}</strong>
        <p>{obs.status === 'failed' ? t('obsLost.failed') : t('obsLost.reconnecting', { when })}</p>
        <details className="obs-lost__details">
          <summary>{t('obsLost.details')}</summary>
          <bdi>{word(obs.message, true)}</bdi>
        </details>
      </div>
      {obs.status === 'failed' && (
        <button type="button" className="button" onClick={onSettings}>
          {t('obsLost.openSettings')}
        </button>
      )}
    </div>
  );
}

/** OBS's own state in the header, beside Panelcast's connection. */
export function ObsIndicator({ obs }: { obs: ObsState }) {
  const { t } = useTranslation();
  return (
    <div
      className={`connection obs-indicator obs-indicator--${obs.status}`}
      role="status"
      aria-live="polite"
      data-testid="obs-indicator"
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">
        {t('obsStatus.label')}: {t(`obsStatus.${obs.status}`)}
      </span>
    </div>
  );
}
