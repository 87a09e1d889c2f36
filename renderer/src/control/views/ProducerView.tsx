// The producer's screen: the clock and what is live, OBS scenes (program red, preview green),
// stream health, the rundown with its countdown, guests' lower thirds and the question on air.
// Keys: 1–9 scene, Space transition, N next segment, Shift+1–9 guest lower third.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObsHealth, ObsState } from '../../../../src/shared/obs-state';
import { LOWER_THIRD_SCENE } from '../../../../src/shared/on-screen';
import { formatOffset, segmentTiming } from '../../../../src/shared/segment-timing';
import type { ControlIntentName } from '../../../../src/shared/protocol';
import type { RelayState, RundownState, SourceStatus } from '../../../../src/shared/state';
import { dialogOpen, isTyping, liveKeyAllowed } from '../../lib/keyboard';
import { useNow } from '../../lib/relative-time';
import { useConnection, useShow } from '../context';
import type { Message } from '../../../../src/shared/messages/message';
import { MessageText } from '../../components/MessageText';
import { ProgramMonitor } from '../producer/ProgramMonitor';
import { refusalText, useWording } from '../../i18n/messages';
import { ConfirmDialog } from '../producer/ConfirmDialog';
import { StreamStartDialog } from '../producer/StreamStartDialog';
import { LiveBar } from '../producer/LiveBar';
import { GuestsPanel, OnAirPanel } from '../producer/LowerThirdPanels';
import { EncoderWarnings, UploadNeed } from './RelayCheck';

type Send = (intent: ControlIntentName, payload: Record<string, unknown>) => Promise<void>;

function clock(ms: number): string {
  return formatOffset(ms / 1000);
}

/** OBS's scenes less Panelcast's lower-third scene, which is nested, never cut to. */
function cuttableScenes(obs: ObsState): string[] {
  return obs.scenes.filter((scene) => scene !== LOWER_THIRD_SCENE);
}

function minutes(sec: number): string {
  const sign = sec < 0 ? '−' : '';
  const a = Math.abs(sec);
  return `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}

export function ProducerView() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const now = useNow(1000);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'stream' | 'record' | null>(null);
  const [askRehearsal, setAskRehearsal] = useState(false);

  const send = useCallback<Send>(
    async (intent, payload) => {
      const result:
        | { ok: true; note?: Message | string | null }
        | { ok: false; error: string; message: Message } = await connection.request(
        intent,
        payload,
      );
      setError(result.ok ? word(result.note) || null : refusalText(word, result));
    },
    [connection, word],
  );

  const latest = useRef(state);
  latest.current = state;
  const confirming = useRef(confirm);
  confirming.current = confirm;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const current = latest.current;
      if (!current || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        return;
      // A dialog has the keyboard; a focused button keeps its own Space and Enter.
      if (confirming.current || dialogOpen() || !liveKeyAllowed(event)) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (digit && event.shiftKey) {
        const guest = current.guests[Number(digit) - 1];
        if (guest) void send('lowerThird:show', { guestId: guest.id });
      } else if (digit) {
        const scene = cuttableScenes(current.obs)[Number(digit) - 1];
        if (scene) void send('obs:switchScene', { scene });
      } else if (event.key === ' ' && current.obs.studioMode) {
        void send('obs:transition', {});
      } else if (event.key.toLowerCase() === 'n') {
        void send('rundown:next', {});
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);

  if (!state) return <p className="muted">{t('connection.connecting')}</p>;
  const { obs } = state;

  return (
    <div className="producer">
      <LiveBar
        obs={obs}
        rundown={state.rundown}
        now={now}
        onStart={(what) => {
          // A stream while the show is planned may be a rehearsal: only the producer can say.
          if (what === 'stream' && state.show.state === 'planned') setAskRehearsal(true);
          else void send(what === 'stream' ? 'obs:stream' : 'obs:record', { action: 'start' });
        }}
        onStop={setConfirm}
      />
      {error && (
        <div className="banner banner--warn producer__error" role="alert">
          {error}
        </div>
      )}
      <div className="producer__grid">
        <div className="producer__column producer__column--picture">
          <ProgramMonitor obs={obs} />
          <ScenePanel obs={obs} send={send} />
        </div>
        <div className="producer__column">
          <OnAirPanel state={state} />
          <RundownPanel rundown={state.rundown} now={now} send={send} />
          <GuestsPanel state={state} send={send} />
        </div>
        <div className="producer__column">
          <HealthPanel obs={obs} />
          <DestinationsPanel relay={state.relay} now={now} send={send} />
          <SourcesPanel sources={state.sources} />
        </div>
      </div>
      {askRehearsal && (
        <StreamStartDialog
          onShow={() => {
            setAskRehearsal(false);
            void send('show:goLive', {}).then(() => send('obs:stream', { action: 'start' }));
          }}
          onRehearsal={() => {
            setAskRehearsal(false);
            void send('obs:stream', { action: 'start' });
          }}
          onCancel={() => setAskRehearsal(false)}
        />
      )}
      {confirm && (
        <ConfirmDialog
          text={t(
            confirm === 'stream' ? 'producer.confirmStopStream' : 'producer.confirmStopRecord',
          )}
          action={t(confirm === 'stream' ? 'producer.stopStream' : 'producer.stopRecord')}
          onConfirm={() => {
            void send(confirm === 'stream' ? 'obs:stream' : 'obs:record', { action: 'stop' });
            setConfirm(null);
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}

function ScenePanel({ obs, send }: { obs: ObsState; send: Send }) {
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

function BitrateChart({ history, small = false }: { history: number[]; small?: boolean }) {
  const className = small ? 'chart chart--small' : 'chart';
  if (history.length < 2)
    return <svg className={className} viewBox="0 0 240 48" aria-hidden="true" />;
  const max = Math.max(...history, 1);
  const points = history
    .map((v, i) => `${(i / (history.length - 1)) * 240},${46 - (v / max) * 42}`)
    .join(' ');
  return (
    <svg className={className} viewBox="0 0 240 48" aria-hidden="true" preserveAspectRatio="none">
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

function HealthPanel({ obs }: { obs: ObsState }) {
  const { t } = useTranslation();
  const word = useWording();
  const health: ObsHealth | null = obs.health;
  const droppedPct =
    health && health.totalFrames > 0 ? (health.droppedFrames / health.totalFrames) * 100 : 0;
  return (
    <section className="panel" aria-labelledby="health-heading" data-testid="health">
      <h2 id="health-heading">{t('producer.health')}</h2>
      {!health ? (
        <p className="muted">{t('producer.notLive')}</p>
      ) : (
        <>
          <div className="health">
            <div>
              <span className="health__label">{t('producer.bitrate')}</span>
              <span className="health__value" data-testid="bitrate">
                {health.bitrateKbps === null ? '—' : `${health.bitrateKbps} kb/s`}
              </span>
            </div>
            <div>
              <span className="health__label">{t('producer.dropped')}</span>
              <span className={`health__value${droppedPct > 1 ? ' health__value--bad' : ''}`}>
                {health.droppedFrames} ({droppedPct.toFixed(1)} %)
              </span>
            </div>
            <div>
              <span className="health__label">{t('producer.cpu')}</span>
              <span className="health__value">{health.cpuUsage.toFixed(0)} %</span>
            </div>
            <div>
              <span className="health__label">{t('producer.fps')}</span>
              <span className="health__value">{health.activeFps.toFixed(0)}</span>
            </div>
          </div>
          <BitrateChart history={health.bitrateHistory} />
          {health.warning && (
            <p className="health__warning" role="alert">
              {word(health.warning)}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function RundownPanel({ rundown, now, send }: { rundown: RundownState; now: number; send: Send }) {
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

function DestinationsPanel({ relay, now, send }: { relay: RelayState; now: number; send: Send }) {
  const { t } = useTranslation();
  const { destinations } = relay;
  return (
    <section className="panel" aria-labelledby="destinations-heading" data-testid="destinations">
      <h2 id="destinations-heading">{t('producer.destinations')}</h2>
      <UploadNeed relay={relay} />
      {destinations.length === 0 ? (
        <p className="muted">{t('producer.noDestinations')}</p>
      ) : (
        <ul className="destinations">
          {destinations.map((d) => (
            <li
              key={d.id}
              className={`destination destination--${d.state}`}
              data-testid={`destination-${d.id}`}
            >
              <span className="destination__name">{d.name}</span>
              <span className="destination__state">{t(`producer.destState.${d.state}`)}</span>
              <span className="destination__rate">
                {d.bitrateKbps !== null ? `${d.bitrateKbps} kb/s` : ''}
                {d.liveSince
                  ? ` · ${t('producer.uptime', { time: clock(now - Date.parse(d.liveSince)) })}`
                  : ''}
              </span>
              <button
                type="button"
                className="mini"
                onClick={() =>
                  void send('relay:setDestination', {
                    id: d.id,
                    name: d.name,
                    platform: d.platform,
                    serverUrl: d.serverUrl,
                    enabled: !d.enabled,
                  })
                }
              >
                {d.enabled ? t('producer.turnOff') : t('producer.turnOn')}
              </button>
              <MessageText className="destination__message" message={d.message} />
              <EncoderWarnings name={d.name} warnings={d.warnings} />
              {d.state === 'live' && <BitrateChart history={d.bitrateHistory} small />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourcesPanel({ sources }: { sources: SourceStatus[] }) {
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
