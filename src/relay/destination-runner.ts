// One platform, one supervised `ffmpeg -c copy`: started when OBS publishes to the local ingest,
// stopped when it stops, restarted on its own with backoff (1 s doubling to 30 s, jitter) when
// the platform drops it. Its state, bitrate and uptime come from ffmpeg's -progress output.
import { spawn, type ChildProcess } from 'node:child_process';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { Logger } from '../shared/logger.js';
import type { DestinationState } from '../shared/state.js';
import { ProgressParser, explainFailure } from './progress.js';

export const RELAY_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, jitter: 0.2 };

export interface RunnerStatus {
  state: DestinationState;
  message: string;
  bitrateKbps: number | null;
  bitrateHistory: number[];
  /** When the current push went live (uptime counts from here). */
  liveSince: string | null;
  retryAt: string | null;
  /** ffmpeg's process id while it runs (for CPU measurements). */
  pid: number | null;
}

export interface DestinationRunnerOptions {
  ffmpeg: string;
  /** The local ingest stream to read, e.g. rtmp://127.0.0.1:1935/live/<secret>. */
  input: string;
  /** Where to push, stream key included. Never logged. */
  output: string;
  logger: Logger;
  onStatus: (status: RunnerStatus) => void;
  backoff?: BackoffPolicy;
  /** A push that stayed up this long starts the backoff afresh. */
  stableMs?: number;
}

const HISTORY = 60;

export class DestinationRunner {
  readonly #options: DestinationRunnerOptions;
  readonly #backoff: BackoffPolicy;
  #child: ChildProcess | null = null;
  #wanted = false;
  #failures = 0;
  /** Why the last push failed, kept visible while the next attempt connects. */
  #lastFailure: string | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #status: RunnerStatus = {
    state: 'idle',
    message: 'Waiting for OBS to stream to Panelcast.',
    bitrateKbps: null,
    bitrateHistory: [],
    liveSince: null,
    retryAt: null,
    pid: null,
  };

  constructor(options: DestinationRunnerOptions) {
    this.#options = options;
    this.#backoff = options.backoff ?? RELAY_BACKOFF;
  }

  get status(): RunnerStatus {
    return this.#status;
  }

  /** The ingest is live: push it to the platform, and keep pushing until stop(). */
  start(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#failures = 0;
    this.#lastFailure = null;
    this.#launch();
  }

  /** The ingest stopped (or the destination was turned off): end the push, no retries. */
  async stop(message = 'Waiting for OBS to stream to Panelcast.'): Promise<void> {
    this.#wanted = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    this.#set({
      state: 'idle',
      message,
      bitrateKbps: null,
      liveSince: null,
      retryAt: null,
      pid: null,
    });
  }

  #launch(): void {
    const { ffmpeg, input, output, logger } = this.#options;
    const args = [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-progress',
      'pipe:1',
      '-rw_timeout',
      '15000000',
      // The ingest sends its stream headers at once; no need to wait 5 s for them.
      '-analyzeduration',
      '1500000',
      '-i',
      input,
      '-map',
      '0',
      '-c',
      'copy',
      '-f',
      'flv',
      '-flvflags',
      'no_duration_filesize',
      output,
    ];
    const startedAt = Date.now();
    let stderr = '';
    let pushed = 0;
    let pushedMs = 0;
    let last: { at: number; bytes: number } | null = null;
    const parser = new ProgressParser();
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#set(
      this.#lastFailure === null
        ? {
            state: 'connecting',
            message: 'Connecting to the platform…',
            retryAt: null,
            pid: child.pid ?? null,
          }
        : {
            state: 'retrying',
            message: `${this.#lastFailure} Trying again now…`,
            retryAt: null,
            pid: child.pid ?? null,
          },
    );

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const block of parser.push(chunk)) {
        const now = Date.now();
        const bytes = block.totalBytes ?? pushed;
        let kbps = this.#status.bitrateKbps;
        if (last && now > last.at && bytes >= last.bytes)
          kbps = Math.round(((bytes - last.bytes) * 8) / (now - last.at));
        last = { at: now, bytes };
        pushed = bytes;
        pushedMs = Math.max(pushedMs, block.outTimeMs ?? 0);
        if (bytes > 0 && !block.ended) {
          this.#lastFailure = null;
          const history =
            kbps === null
              ? this.#status.bitrateHistory
              : [...this.#status.bitrateHistory, kbps].slice(-HISTORY);
          this.#set({
            state: 'live',
            message: 'Live.',
            bitrateKbps: kbps,
            bitrateHistory: history,
            liveSince: this.#status.liveSince ?? new Date(now).toISOString(),
          });
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (error) => {
      // spawn failed (ffmpeg missing or not executable): retrying will not help.
      this.#wanted = false;
      this.#set({ state: 'error', message: `Could not start ffmpeg: ${error.message}`, pid: null });
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = null;
      if (!this.#wanted) return;
      const ranMs = Date.now() - startedAt;
      if (ranMs >= (this.#options.stableMs ?? 30_000)) this.#failures = 0;
      this.#failures += 1;
      const why = explainFailure(stderr, pushedMs, ranMs);
      this.#lastFailure = why;
      logger.warn('push to the platform stopped', { code, signal, why });
      const delay = backoffDelay(this.#failures, this.#backoff);
      const retryAt = new Date(Date.now() + delay);
      this.#set({
        state: 'retrying',
        message: `${why} Retrying in ${Math.max(1, Math.round(delay / 1000))} s.`,
        bitrateKbps: null,
        liveSince: null,
        retryAt: retryAt.toISOString(),
        pid: null,
      });
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        if (this.#wanted) this.#launch();
      }, delay);
    });
  }

  #set(change: Partial<RunnerStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#options.onStatus(this.#status);
  }
}
