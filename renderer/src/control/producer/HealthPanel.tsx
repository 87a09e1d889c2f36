// Stream health from OBS: bitrate, dropped frames, CPU, frame rate and a warning when it matters.
import { useTranslation } from 'react-i18next';
import type { ObsHealth, ObsState } from '../../../../src/shared/obs-state';
import { useWording } from '../../i18n/messages';
import { BitrateChart } from './BitrateChart';

export function HealthPanel({ obs }: { obs: ObsState }) {
  const { t } = useTranslation();
  const word = useWording();
  const health: ObsHealth | null = obs.health;
  const droppedPct =
    health && health.totalFrames > 0 ? (health.droppedFrames / health.totalFrames) * 100 : 0;
  return (
    <section className="panel" aria-labelledby="health-heading" data-testid="health">
      <h2 id="health-heading">{t('producer.health')}</h2>
      {!health ? (
        <p className="muted">{t('producer.notLive')}</p>
      ) : (
        <>
          <div className="health">
            <div>
              <span className="health__label">{t('producer.bitrate')}</span>
              <span className="health__value" data-testid="bitrate">
                {health.bitrateKbps === null ? '—' : `${health.bitrateKbps} kb/s`}
              </span>
            </div>
            <div>
              <span className="health__label">{t('producer.dropped')}</span>
              <span className={`health__value${droppedPct > 1 ? ' health__value--bad' : ''}`}>
                {health.droppedFrames} ({droppedPct.toFixed(1)} %)
              </span>
            </div>
            <div>
              <span className="health__label">{t('producer.cpu')}</span>
              <span className="health__value">{health.cpuUsage.toFixed(0)} %</span>
            </div>
            <div>
              <span className="health__label">{t('producer.fps')}</span>
              <span className="health__value">{health.activeFps.toFixed(0)}</span>
            </div>
          </div>
          <BitrateChart history={health.bitrateHistory} />
          {health.warning && (
            <p className="health__warning" role="alert">
              {word(health.warning)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
