// One past show, read-only: its questions by status (paged), what aired when and who acted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_STATUSES, type CommentStatus } from '../../../../src/shared/comment';
import { showDate } from './ArchiveList';
import { useLoad } from './use-load';

const PAGE = 50;

export function ShowDetailView({
  id,
  onBack,
  onReport,
}: {
  id: number;
  onBack: () => void;
  onReport: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<CommentStatus>('approved');
  const [limit, setLimit] = useState(PAGE);
  const detail = useLoad('shows:get', { id, status, limit }, `${id}:${status}:${limit}`);
  const d = detail.data;
  const time = (iso: string): string => new Date(iso).toLocaleTimeString(i18n.language);
  return (
    <div className="show-detail" data-testid="show-detail">
      <div className="show-detail__head">
        <button type="button" className="button" onClick={onBack}>
          ← {t('shows.back')}
        </button>
        {d && (
          <h2>
            {d.show.title} <span className="muted">· {showDate(d.show, i18n.language)}</span>
          </h2>
        )}
        <button type="button" className="button button--primary" onClick={onReport}>
          {t('shows.report')}
        </button>
      </div>
      {detail.error && <p role="alert">{detail.error}</p>}
      {d && (
        <div className="show-detail__grid">
          <section className="panel">
            <h3>{t('shows.byStatus')}</h3>
            <div className="status-tabs" role="tablist">
              {COMMENT_STATUSES.map((s) => (
                <button
                  key={s}
                  type="button"
                  role="tab"
                  aria-selected={s === status}
                  className={`button${s === status ? ' button--primary' : ''}`}
                  onClick={() => {
                    setStatus(s);
                    setLimit(PAGE);
                  }}
                >
                  {t(`status.${s}`)} <span data-testid={`count-${s}`}>{d.counts[s]}</span>
                </button>
              ))}
            </div>
            <ul className="question-list">
              {d.questions.items.map((q) => (
                <li key={q.id}>
                  <span className="question-list__text">{q.text}</span>
                  <span className="muted">
                    {q.author} · {q.platform}
                  </span>
                </li>
              ))}
            </ul>
            {d.questions.total > d.questions.items.length && (
              <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
                {t('shows.more')}
              </button>
            )}
            {d.carriedOver > 0 && (
              <p className="muted">{t('shows.carriedOver', { count: d.carriedOver })}</p>
            )}
          </section>
          <section className="panel">
            <h3>{t('shows.onAirHistory')}</h3>
            <table className="table">
              <tbody>
                {d.onAir.map((row, i) => (
                  <tr key={`${row.commentId}-${i}`}>
                    <td>{time(row.at)}</td>
                    <td>{row.text}</td>
                    <td className="muted">{row.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('shows.actions')}</h3>
            <table className="table">
              <tbody>
                {d.actions.slice(-100).map((a, i) => (
                  <tr key={i}>
                    <td>{time(a.at)}</td>
                    <td>{a.actor}</td>
                    <td className="muted">{a.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
