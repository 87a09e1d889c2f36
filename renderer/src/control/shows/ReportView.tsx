// The after-show report of one show: chapters ready for YouTube (or why not), questions by status
// and platform, the follow-up list, comments per minute, moderators and destinations; downloads.
import { useTranslation } from 'react-i18next';
import { COMMENT_STATUSES } from '../../../../src/shared/comment';
import type { ChapterProblem, ChapterSet, ReportFormat } from '../../../../src/shared/report';
import { formatOffset } from '../../../../src/shared/segment-timing';
import { useConnection } from '../context';
import { CommentsChart } from './CommentsChart';
import { useLoad } from './use-load';

const DOWNLOADS: readonly ReportFormat[] = ['md', 'csv', 'json'];

function Chapters({ set }: { set: ChapterSet }) {
  const { t } = useTranslation();
  const problem = (p: ChapterProblem): string => {
    switch (p.code) {
      case 'first_not_zero':
        return t('report.problem.first_not_zero', { time: formatOffset(p.offsetSec) });
      case 'too_few':
        return t('report.problem.too_few', { count: p.count });
      case 'too_short':
        return t('report.problem.too_short', { title: p.title, seconds: p.seconds });
      case 'no_stream':
        return t('report.problem.no_stream');
    }
  };
  const text = set.chapters.map((c) => c.line).join('\n');
  return (
    <div className="chapters" data-testid="chapters">
      <h4>
        {t('report.chapters')}{' '}
        <span className="muted">· {t('report.chaptersFrom', { origin: set.origin })}</span>
      </h4>
      {set.problems.length === 0 ? (
        <p className="report-ok">{t('report.qualifies')}</p>
      ) : (
        <div className="report-warn" role="note">
          {t('report.notQualified')}
          <ul>
            {set.problems.map((p, i) => (
              <li key={i}>{problem(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {text !== '' && (
        <>
          <pre className="chapters__lines">{text}</pre>
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard.writeText(text)}
          >
            {t('report.copy')}
          </button>
        </>
      )}
    </div>
  );
}

export function ReportView({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const loaded = useLoad('shows:report', { id }, String(id));
  const report = loaded.data?.report;
  const download = (format: ReportFormat): void => {
    void connection.request('shows:report', { id, format }).then((result) => {
      if (!result.ok || !result.download) return;
      const url = URL.createObjectURL(
        new Blob([result.download.text], { type: result.download.contentType }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = result.download.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  };
  return (
    <div className="report" data-testid="report">
      <div className="show-detail__head">
        <button type="button" className="button" onClick={onBack}>
          ← {t('shows.back')}
        </button>
        <h2>
          {t('report.heading')}
          {report && <span className="muted"> · {report.show.title}</span>}
        </h2>
        <span className="report__downloads">
          {t('report.download')}:
          {DOWNLOADS.map((f) => (
            <button key={f} type="button" className="button" onClick={() => download(f)}>
              {f === 'md' ? 'Markdown' : f.toUpperCase()}
            </button>
          ))}
        </span>
      </div>
      {loaded.error && <p role="alert">{loaded.error}</p>}
      {report && (
        <div className="report__grid">
          <section className="panel">
            {report.chapters.map((set) => (
              <Chapters key={set.origin} set={set} />
            ))}
          </section>
          <section className="panel">
            <h3>{t('report.chart')}</h3>
            <CommentsChart
              perMinute={report.perMinute}
              chartStart={report.chartStart}
              segments={report.segments}
            />
            <p className="muted">{t('report.peak', { count: report.peakPerMinute })}</p>
          </section>
          <section className="panel">
            <h3>{t('shows.byStatus')}</h3>
            <table className="table" data-testid="report-counts">
              <thead>
                <tr>
                  <th>{t('report.perPlatform')}</th>
                  {COMMENT_STATUSES.map((s) => (
                    <th key={s} className="num">
                      {t(`status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th>Σ</th>
                  {COMMENT_STATUSES.map((s) => (
                    <td key={s} className="num">
                      {report.counts[s]}
                    </td>
                  ))}
                </tr>
                {Object.entries(report.perPlatform).map(([platform, counts]) => (
                  <tr key={platform}>
                    <th>{platform}</th>
                    {COMMENT_STATUSES.map((s) => (
                      <td key={s} className="num">
                        {counts[s]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('report.moderators')}</h3>
            {report.actions.length === 0 ? (
              <p className="muted">{t('report.none')}</p>
            ) : (
              <ul>
                {report.actions.map((a) => (
                  <li key={a.actor}>
                    {a.actor}: {a.count}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('report.destinations')}</h3>
            {report.destinations.length === 0 ? (
              <p className="muted">{t('report.none')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th />
                    <th className="num">{t('report.uptime')}</th>
                    <th className="num">{t('report.reconnects')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.destinations.map((d) => (
                    <tr key={d.name}>
                      <td>{d.name}</td>
                      <td className="num">{formatOffset(d.uptimeSec)}</td>
                      <td className="num">{d.reconnects}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel">
            <h3>{t('report.followUp')}</h3>
            <p className="muted">{t('report.followUpHelp')}</p>
            {report.followUp.length === 0 ? (
              <p className="muted">{t('report.followUpEmpty')}</p>
            ) : (
              <ul className="question-list" data-testid="follow-up">
                {report.followUp.map((q) => (
                  <li key={q.id}>
                    <span className="question-list__text">{q.text}</span>
                    <span className="muted">
                      {q.author}
                      {q.handle ? ` (${q.handle})` : ''} · {q.platform} · {t(`status.${q.status}`)}{' '}
                      · {new Date(q.receivedAt).toLocaleTimeString(i18n.language)}
                      {q.url && (
                        <>
                          {' · '}
                          <a href={q.url} target="_blank" rel="noreferrer noopener">
                            {t('report.original')}
                          </a>
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
