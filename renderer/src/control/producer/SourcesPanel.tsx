// Where comments come from, each with its state, count and last message.
import { useTranslation } from 'react-i18next';
import type { SourceStatus } from '../../../../src/shared/state';
import { useWording } from '../../i18n/messages';

export function SourcesPanel({ sources }: { sources: SourceStatus[] }) {
  const { t } = useTranslation();
  const word = useWording();
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('producer.sources')}</h2>
      {sources.length === 0 ? (
        <p className="muted">{t('producer.noSources')}</p>
      ) : (
        <ul className="sources">
          {sources.map((source) => (
            <li
              key={source.id}
              className={`source source--${source.state}`}
              data-testid={`source-${source.id}`}
            >
              <span className="source__dot" aria-hidden="true" />
              <span className="source__label">{source.label}</span>
              <span
                className="source__count"
                title={t('producer.sourceCounts', { ...source.counters })}
              >
                {source.counters.received}
              </span>
              <span className="source__message">{word(source.message)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
