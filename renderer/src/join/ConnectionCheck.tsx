// The connection test on the join page: each way out of the guest's network with its outcome,
// a progress bar while it runs, what it means for the call in plain words, and "Test again".
// It warns and never stops the guest from saying Ready.
import { useTranslation } from 'react-i18next';
import { ICE_PATHS, type IcePath } from '../../../src/shared/connection-check';
import type { ConnectionCheck as Check, PathState } from './use-connection-check';

/** A sign beside the word, for a glance; "testing…" has its dots already. */
const MARK: Record<PathState, string> = { works: '✓ ', blocked: '✕ ', absent: '– ', checking: '' };

function PathRow({ path, state, tls443 }: { path: IcePath; state: PathState; tls443: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`check__path check__path--${state}`} data-testid={`check-${path}`}>
      <span>{t(`join.check.path.${path === 'tls' && tls443 ? 'tls443' : path}`)}</span>
      <span className="check__state">
        <span aria-hidden="true">{MARK[state]}</span>
        {t(`join.check.state.${state}`)}
      </span>
    </li>
  );
}

function Verdict({ check }: { check: Check }) {
  const { t } = useTranslation();
  const { report } = check;
  if (!report) return null;
  const key = report.verdict === 'tls_only' && !report.tls443 ? 'tls_other' : report.verdict;
  return (
    <p
      className={`check__verdict check__verdict--${report.verdict}`}
      role={report.verdict === 'blocked' ? 'alert' : 'status'}
      data-testid="check-verdict"
      data-verdict={report.verdict}
    >
      {t(`join.check.verdict.${key}`)}
    </p>
  );
}

export function ConnectionCheck({ check, tls443 }: { check: Check; tls443: boolean }) {
  const { t } = useTranslation();
  const { done, total } = check.progress;
  const running = check.report === null && total > 0;
  // A room without servers: the verdict says there is nothing to test, four "not set up" rows do not.
  const tried = ICE_PATHS.some((path) => check.paths[path] !== 'absent');
  return (
    <section className="check" aria-labelledby="check-heading" aria-busy={running}>
      <h2 id="check-heading">{t('join.check.heading')}</h2>
      {running && (
        <div className="check__running" role="status">
          <span>{t('join.check.running')}</span>
          <progress
            max={total}
            value={done}
            aria-label={t('join.check.progress', { done, total })}
            data-testid="check-progress"
          />
        </div>
      )}
      {tried && (
        <ul className="check__paths">
          {ICE_PATHS.map((path) => (
            <PathRow key={path} path={path} state={check.paths[path]} tls443={tls443} />
          ))}
        </ul>
      )}
      <Verdict check={check} />
      <button type="button" onClick={check.run} disabled={running} data-testid="check-again">
        {t('join.check.again')}
      </button>
    </section>
  );
}
