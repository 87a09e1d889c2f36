// Where comments come from, each with its state, count and last message.
import { useTranslation } from 'react-i18next';
import type { SourceForm } from '../../../../src/shared/source-forms';
import type { SourceStatus } from '../../../../src/shared/state';
import { useWording } from '../../i18n/messages';
import { shownSourceState } from '../../lib/source-shown-state';

export function SourcesPanel({ sources, forms }: { sources: SourceStatus[]; forms: SourceForm[] }) {
  const { t, i18n } = useTranslation();
  const word = useWording();
  const language = i18n.language === 'de' ? 'de' : 'en';
  // A source's name in the UI's language, from its form; the core's own label is English.
  const formOf = (source: SourceStatus) => forms.find((form) => form.id === source.id);
  const label = (source: SourceStatus): string => formOf(source)?.label[language] ?? source.label;
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
              className={`source source--${shownSourceState(source, formOf(source))}`}
              data-testid={`source-${source.id}`}
            >
              <span className="source__dot" aria-hidden="true" />
              <span className="source__label">{label(source)}</span>
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
