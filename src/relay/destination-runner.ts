// One platform as the core sees it: asks the relay process to push there while OBS streams to
// Panelcast, and turns the process's reports into the destination's status (state, message,
// bitrate with a minute of history, uptime). The push itself, with its backoff and its bounded
// buffer, runs in the relay process (destination-push.ts).
import type { BackoffPolicy } from '../shared/backoff.js';
import type { DestinationState } from '../shared/state.js';
import type { PushReport } from './destination-push.js';
import type { IngestServer } from './ingest.js';

export const RELAY_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, jitter: 0.2 };

export interface RunnerStatus {
  state: DestinationState;
  message: string;
  bitrateKbps: number | null;
  bitrateHistory: number[];
  /** When the current push went live (uptime counts from here). */
  liveSince: string | null;
  retryAt: string | null;
  /** Frames dropped because the upload was too slow, this push. */
  droppedFrames: number;
  /** The upload cannot keep up right now (frames are being dropped). */
  dropping: boolean;
}

export interface DestinationRunnerOptions {
  id: string;
  name: string;
  ingest: IngestServer;
  serverUrl: string;
  /** Never logged; goes to the relay process over IPC only. */
  streamKey: string;
  onStatus: (status: RunnerStatus) => void;
}

const HISTORY = 60;
const WAITING = 'Waiting for OBS to stream to Panelcast.';

export class DestinationRunner {
  readonly #options: DestinationRunnerOptions;
  #wanted = false;
  #status: RunnerStatus = {
    state: 'idle',
    message: WAITING,
    bitrateKbps: null,
    bitrateHistory: [],
    liveSince: null,
    retryAt: null,
    droppedFrames: 0,
    dropping: false,
  };

  constructor(options: DestinationRunnerOptions) {
    this.#options = options;
  }

  get status(): RunnerStatus {
    return this.#status;
  }

  /** The ingest is live: push it to the platform, and keep pushing until stop(). */
  start(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    const { id, name, ingest, serverUrl, streamKey } = this.#options;
    ingest.push(id, { name, serverUrl, key: streamKey }, (report) => this.#report(report));
  }

  /** The ingest stopped (or the destination was turned off): end the push, no retries. */
  stop(message = WAITING): Promise<void> {
    if (this.#wanted) this.#options.ingest.unpush(this.#options.id, message);
    this.#wanted = false;
    this.#set({ state: 'idle', message, bitrateKbps: null, liveSince: null, retryAt: null });
    return Promise.resolve();
  }

  #report(report: PushReport): void {
    if (!this.#wanted) return;
    const history =
      report.state === 'live' && report.kbps !== null
        ? [...this.#status.bitrateHistory, report.kbps].slice(-HISTORY)
        : this.#status.bitrateHistory;
    this.#set({
      state: report.state,
      message: report.message,
      bitrateKbps: report.state === 'live' ? report.kbps : null,
      bitrateHistory: history,
      liveSince: report.liveSince,
      retryAt: report.retryAt,
      droppedFrames: report.droppedFrames,
      dropping: report.dropping,
    });
  }

  #set(change: Partial<RunnerStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#options.onStatus(this.#status);
  }
}
