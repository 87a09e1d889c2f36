// The live state at the top of the Producer view: stream and recording with their running time,
// start and stop. Stopping always asks first (ConfirmDialog); a button that has just turned from
// "Start" into "Stop" gives up the focus, so no Space or Enter lands on it by accident.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsState } from '../../../../src/shared/obs-state';
import { formatOffset, segmentTiming } from '../../../../src/shared/segment-timing';
import type { RundownState } from '../../../../src/shared/state';
import { MessageText } from '../../components/MessageText';

type Output = 'stream' | 'record';

function OutputControl({
  what,
  active,
  startedAt,
  connected,
  now,
  onStart,
  onStop,
}: {
  what: Output;
  active: boolean;
  startedAt: string | null;
  connected: boolean;
  now: number;
  onStart: (what: Output) => void;
  onStop: (what: Output) => void;
}) {
  const { t } = useTranslation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (active && document.activeElement === buttonRef.current) buttonRef.current?.blur();
  }, [active]);
  const stream = what === 'stream';
  const labels = stream
    ? { on: t('producer.live'), off: t('producer.stream') }
    : { on: t('producer.recording'), off: t('producer.record') };
  const button = stream
    ? { start: t('producer.startStream'), stop: t('producer.stopStream') }
    : { start: t('producer.startRecord'), stop: t('producer.stopRecord') };
  const activeClass = stream ? ' livebar__output--live' : ' livebar__output--rec';
  return (
    <div
      className={`livebar__output${active ? activeClass : ''}`}
      data-testid={stream ? 'stream-status' : 'record-status'}
    >
      <span className="livebar__badge">{active ? labels.on : labels.off}</span>
      <span className="livebar__time">
        {startedAt ? formatOffset((now - Date.parse(startedAt)) / 1000) : '00:00:00'}
      </span>
      <button
        ref={buttonRef}
        type="button"
        className={`button${active ? '' : stream ? ' button--primary' : ''}`}
        disabled={!connected}
        title={connected ? undefined : t('obsLost.needsObs')}
        onClick={(event) => {
          if (active) {
            onStop(what);
          } else {
            event.currentTarget.blur();
            onStart(what);
          }
        }}
      >
        {active ? button.stop : button.start}
      </button>
    </div>
  );
}

/** The running segment's time left, beside the live state where the producer looks first. */
function SegmentCountdown({ rundown, now }: { rundown: RundownState; now: number }) {
  const { t } = useTranslation();
  const current = rundown.segments[rundown.index];
  const timing =
    current && rundown.startedAt ? segmentTiming(current.plannedSec, rundown.startedAt, now) : null;
  return (
    <div
      className={`livebar__segment livebar__segment--${timing?.phase ?? 'idle'}`}
      data-testid="livebar-countdown"
    >
      <span className="livebar__segment-title">{current?.title ?? t('producer.noSegment')}</span>
      {timing && (
        <span className="livebar__segment-time">
          {timing.remainingSec < 0 ? '+' : ''}
          {formatOffset(Math.abs(timing.remainingSec)).replace(/^00:/, '')}
        </span>
      )}
    </div>
  );
}

export function LiveBar({
  obs,
  rundown,
  now,
  onStart,
  onStop,
}: {
  obs: ObsState;
  rundown: RundownState;
  now: number;
  onStart: (what: Output) => void;
  onStop: (what: Output) => void;
}) {
  const { t, i18n } = useTranslation();
  const connected = obs.status === 'connected';
  return (
    <section className="livebar" aria-label={t('producer.stream')}>
      <div className="livebar__clock" title={t('producer.clock')}>
        {new Date(now).toLocaleTimeString(i18n.language, {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        })}
      </div>
      <OutputControl
        what="stream"
        active={obs.streaming}
        startedAt={obs.stream.startedAt}
        connected={connected}
        now={now}
        onStart={onStart}
        onStop={onStop}
      />
      <SegmentCountdown rundown={rundown} now={now} />
      <OutputControl
        what="record"
        active={obs.recording}
        startedAt={obs.record.startedAt}
        connected={connected}
        now={now}
        onStart={onStart}
        onStop={onStop}
      />
      <div
        className={`livebar__obs livebar__obs--${obs.status}`}
        data-testid="obs-status"
        role="status"
      >
        {obs.status === 'not_configured' ? (
          <>
            {t('producer.obsNotConfigured')} <a href="/settings">{t('producer.openSettings')}</a>
          </>
        ) : (
          <MessageText message={obs.message} />
        )}
      </div>
    </section>
  );
}
