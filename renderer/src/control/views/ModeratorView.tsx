// The moderator's screen: incoming, approved queue, on air and done.
import { useTranslation } from 'react-i18next';
import { useShow } from '../context';

export function ModeratorView() {
  const { t } = useTranslation();
  const { state } = useShow();
  const counts = state?.queue.counts;
  const columns = [
    {
      key: 'incoming',
      title: t('moderator.incoming'),
      count: counts?.incoming ?? 0,
      empty: t('moderator.emptyIncoming'),
    },
    {
      key: 'approved',
      title: t('moderator.approved'),
      count: counts?.approved ?? 0,
      empty: t('moderator.emptyApproved'),
    },
    {
      key: 'on-air',
      title: t('moderator.onAirDone'),
      count: (counts?.on_air ?? 0) + (counts?.done ?? 0),
      empty: t('moderator.emptyOnAir'),
    },
  ];
  return (
    <div className="columns">
      {columns.map((column) => (
        <section key={column.key} className="column" aria-labelledby={`col-${column.key}`}>
          <h2 id={`col-${column.key}`}>
            {column.title} <span className="badge">{column.count}</span>
          </h2>
          <p className="muted">{column.empty}</p>
        </section>
      ))}
    </div>
  );
}
