// The producer's screen: OBS status, the audience queue at a glance, and the comment sources.
import { useTranslation } from 'react-i18next';
import { COMMENT_STATUSES } from '../../../../src/shared/comment';
import { useShow } from '../context';

export function ProducerView() {
  const { t } = useTranslation();
  const { state } = useShow();
  if (!state) return <p className="muted">{t('connection.connecting')}</p>;
  const { obs, queue, sources } = state;

  return (
    <div className="producer">
      <section className="panel" aria-labelledby="obs-heading">
        <h2 id="obs-heading">{t('producer.obs')}</h2>
        {obs.connection.state === 'not_configured' ? (
          <p className="muted" data-testid="obs-status">
            {t('producer.obsNotConfigured')}
          </p>
        ) : (
          <p data-testid="obs-status">{obs.connection.state}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('producer.queue')}</h2>
        <dl className="counts">
          {COMMENT_STATUSES.map((status) => (
            <div key={status} className={`counts__item counts__item--${status}`}>
              <dt>{t(`status.${status}`)}</dt>
              <dd data-testid={`count-${status}`}>{queue.counts[status]}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('producer.onAir')}</h3>
        {queue.onAir ? (
          <blockquote className="on-air-preview">{queue.onAir.text}</blockquote>
        ) : (
          <p className="muted">{t('producer.nothingOnAir')}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('producer.sources')}</h2>
        {sources.length === 0 ? (
          <p className="muted">{t('producer.noSources')}</p>
        ) : (
          <ul className="sources">
            {sources.map((source) => (
              <li key={source.id} className={`source source--${source.state}`}>
                <span className="source__label">{source.label}</span>
                <span className="source__message">{source.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
