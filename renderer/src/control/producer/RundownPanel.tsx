// The rundown on the producer's screen: the segment now with its countdown, and every segment to jump to.
import { useTranslation } from 'react-i18next';
import { segmentTiming } from '../../../../src/shared/segment-timing';
import type { RundownState } from '../../../../src/shared/state';
import type { Send } from './send';

export function minutes(sec: number): string {
  const sign = sec < 0 ? '−' : '';
  const a = Math.abs(sec);
  return `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}

export function RundownPanel({
  rundown,
  now,
  send,
}: {
  rundown: RundownState;
  now: number;
  send: Send;
}) {
  const { t } = useTranslation();
  const current = rundown.segments[rundown.index];
  const next = rundown.segments[rundown.index + 1];
  const timing =
    current && rundown.startedAt ? segmentTiming(current.plannedSec, rundown.startedAt, now) : null;
  return (
    <section className="panel panel--rundown" aria-labelledby="rundown-heading">
      <div className="panel__head">
        <h2 id="rundown-heading">{t('producer.rundown')}</h2>
        {rundown.segments.length > 0 && (
          <button
            type="button"
            className="button button--primary"
            disabled={!next}
            onClick={() => void send('rundown:next', {})}
          >
            {current ? t('producer.nextSegment') : t('producer.startShow')} <kbd>N</kbd>
          </button>
        )}
      </div>
      {rundown.segments.length === 0 ? (
        <p className="muted">{t('producer.emptyRundown')}</p>
      ) : (
        <>
          <div
            className={`segment-now segment-now--${timing?.phase ?? 'idle'}`}
            data-testid="segment-now"
          >
            <span className="segment-now__title">
              {current ? current.title : t('producer.notStarted')}
            </span>
            {timing && (
              <span className="segment-now__countdown" data-testid="countdown">
                {minutes(Math.abs(timing.remainingSec))}{' '}
                {timing.remainingSec < 0 ? t('producer.over') : t('producer.remaining')}
              </span>
            )}
            {current?.notes && <p className="segment-now__notes">{current.notes}</p>}
          </div>
          <ol className="segments">
            {rundown.segments.map((segment, i) => (
              <li
                key={segment.id}
                className={`segments__item${i === rundown.index ? ' segments__item--current' : ''}${i < rundown.index ? ' segments__item--done' : ''}`}
              >
                <button
                  type="button"
                  className="segments__go"
                  onClick={() => void send('rundown:goto', { index: i })}
                >
                  <span>{segment.title}</span>
                  <span className="muted">
                    {segment.scene ?? ''} · {minutes(segment.plannedSec)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
