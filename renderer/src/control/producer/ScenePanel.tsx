// OBS's scenes as buttons (program red, preview green), studio mode and its transition.
import { useTranslation } from 'react-i18next';
import type { ObsState } from '../../../../src/shared/obs-state';
import { LOWER_THIRD_SCENE } from '../../../../src/shared/on-screen';
import type { Send } from './send';

/** OBS's scenes less Panelcast's lower-third scene, which is nested, never cut to. */
export function cuttableScenes(obs: ObsState): string[] {
  return obs.scenes.filter((scene) => scene !== LOWER_THIRD_SCENE);
}

export function ScenePanel({ obs, send }: { obs: ObsState; send: Send }) {
  const { t } = useTranslation();
  const connected = obs.status === 'connected';
  return (
    <section className="panel panel--scenes" aria-labelledby="scenes-heading">
      <div className="panel__head">
        <h2 id="scenes-heading">{t('producer.scenes')}</h2>
        <label className="toggle">
          <input
            type="checkbox"
            checked={obs.studioMode}
            disabled={!connected}
            onChange={(e) => {
              e.currentTarget.blur(); // Space means "transition", not this box
              void send('obs:setStudioMode', { enabled: e.target.checked });
            }}
          />
          {t('producer.studioMode')}
        </label>
        {obs.studioMode && (
          <button
            type="button"
            className="button button--primary"
            disabled={!connected}
            onClick={(e) => {
              e.currentTarget.blur();
              void send('obs:transition', {});
            }}
          >
            {t('producer.transition')} <kbd>Space</kbd>
          </button>
        )}
      </div>
      {connected && cuttableScenes(obs).length === 0 && (
        <p className="muted">{t('producer.noScenes')}</p>
      )}
      {!connected && obs.status !== 'not_configured' && (
        <p className="needs-obs">{t('obsLost.needsObs')}</p>
      )}
      <div className="scenes" data-testid="scenes">
        {cuttableScenes(obs).map((scene, i) => {
          const program = scene === obs.programScene;
          const preview = scene === obs.previewScene;
          return (
            <button
              key={scene}
              type="button"
              className={`scene${program ? ' scene--program' : ''}${preview ? ' scene--preview' : ''}`}
              aria-pressed={program}
              disabled={!connected}
              onClick={(e) => {
                e.currentTarget.blur();
                void send('obs:switchScene', { scene });
              }}
            >
              <span className="scene__name">{scene}</span>
              <span className="scene__meta">
                {program && (
                  <span className="scene__tag scene__tag--program">{t('producer.program')}</span>
                )}
                {preview && (
                  <span className="scene__tag scene__tag--preview">{t('producer.preview')}</span>
                )}
                {i < 9 && <kbd>{i + 1}</kbd>}
              </span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
