// One destination inside the relay process: pushes while the ingest is live, reconnects by
// itself with backoff (1 s doubling to 30 s, with jitter), drops its own frames when its upload
// is too slow, and reports its state, send rate and uptime once a second.
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import { PushStalledError, explainPushError } from './push-errors.js';
import type { PushTarget } from './push-target.js';
import type { RtmpMessage } from './rtmp/chunk-reader.js';
import { PushSession, type PushLimits } from './rtmp/push-session.js';

export interface PushReport {
  state: 'connecting' | 'live' | 'retrying' | 'idle';
  message: string;
  /** Send rate over the last second, while live. */
  kbps: number | null;
  liveSince: string | null;
  retryAt: string | null;
  dropping: boolean;
  droppedFrames: number;
}

export interface DestinationPushOptions {
  name: string;
  target: PushTarget;
  backoff: BackoffPolicy;
  limits: PushLimits;
  /** A push that stayed up this long starts the backoff afresh. */
  stableMs: number;
  /** Nothing sent for this long while bytes wait: the platform is gone. */
  stallMs: number;
  report: (report: PushReport) => void;
  /** The stream's setup messages, to send first on every new connection. */
  onLive: (session: PushSession) => void;
}

export class DestinationPush {
  readonly #options: DestinationPushOptions;
  #session: PushSession | null = null;
  #wanted = false;
  #failures = 0;
  #lastFailure: string | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #liveAt = 0;
  #lastSent = 0;
  #lastProgressAt = 0;
  #report: PushReport = {
    state: 'idle',
    message: 'Waiting for OBS to stream to Panelcast.',
    kbps: null,
    liveSince: null,
    retryAt: null,
    dropping: false,
    droppedFrames: 0,
  };

  constructor(options: DestinationPushOptions) {
    this.#options = options;
  }

  get session(): PushSession | null {
    return this.#session?.live ? this.#session : null;
  }

  start(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#failures = 0;
    this.#lastFailure = null;
    this.#connect();
  }

  stop(message: string): void {
    this.#wanted = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const session = this.#session;
    this.#session = null;
    session?.finish();
    this.#set({
      state: 'idle',
      message,
      kbps: null,
      liveSince: null,
      retryAt: null,
      dropping: false,
    });
  }

  /** Hands one media message on (chunks made for the session's stream id). */
  deliver(message: RtmpMessage, chunks: Buffer, keyframe: boolean): void {
    this.session?.sendMedia(message, chunks, keyframe);
  }

  /** Once a second: send rate, stall check, report. */
  tick(now: number): void {
    const session = this.session;
    if (!session) return;
    const sent = session.sentBytes;
    const kbps = Math.round(((sent - this.#lastSent) * 8) / 1000);
    if (sent > this.#lastSent || session.queuedBytes === 0) this.#lastProgressAt = now;
    this.#lastSent = sent;
    if (now - this.#lastProgressAt >= this.#options.stallMs) {
      session.fail(new PushStalledError('stalled'));
      return;
    }
    this.#set({ kbps, droppedFrames: session.droppedFrames });
  }

  #connect(): void {
    const { target, limits, name } = this.#options;
    const session = PushSession.open(
      target,
      {
        onLive: () => {
          this.#lastFailure = null;
          this.#liveAt = Date.now();
          this.#lastSent = 0;
          this.#lastProgressAt = this.#liveAt;
          // liveSince waits for the first picture: that is where the platform's recording starts.
          this.#set({ state: 'live', message: 'Live.', liveSince: null, retryAt: null });
          this.#options.onLive(session);
        },
        onFirstMedia: () => this.#set({ liveSince: new Date().toISOString() }),
        onDropping: (dropping) =>
          this.#set({
            dropping,
            message: dropping ? `Dropping frames: the upload to ${name} is too slow.` : 'Live.',
          }),
        onClose: (error, wasLive) => this.#closed(session, error, wasLive),
      },
      limits,
    );
    this.#session = session;
    this.#set(
      this.#lastFailure === null
        ? { state: 'connecting', message: 'Connecting to the platform…', retryAt: null }
        : { state: 'retrying', message: `${this.#lastFailure} Trying again now…`, retryAt: null },
    );
  }

  #closed(session: PushSession, error: Error | null, wasLive: boolean): void {
    if (this.#session !== session) return;
    this.#session = null;
    if (!this.#wanted) return;
    if (wasLive && Date.now() - this.#liveAt >= this.#options.stableMs) this.#failures = 0;
    this.#failures += 1;
    const why = explainPushError(error, wasLive);
    this.#lastFailure = why;
    const delay = backoffDelay(this.#failures, this.#options.backoff);
    this.#set({
      state: 'retrying',
      message: `${why} Retrying in ${Math.max(1, Math.round(delay / 1000))} s.`,
      kbps: null,
      liveSince: null,
      dropping: false,
      retryAt: new Date(Date.now() + delay).toISOString(),
    });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#wanted) this.#connect();
    }, delay);
  }

  #set(change: Partial<PushReport>): void {
    this.#report = { ...this.#report, ...change };
    this.#options.report(this.#report);
  }
}
