// The relay process as the core sees it: the local RTMP ingest OBS streams to on 127.0.0.1
// (only the secret publish path is accepted) plus the pushes to platforms, in a supervised child
// process. Tells when the stream goes live or stops, and restarts the process if it dies.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BackoffPolicy } from '../shared/backoff.js';
import type { Logger } from '../shared/logger.js';
import type { PushReport } from './destination-push.js';
import type { FromWorker, ToWorker } from './relay-ipc.js';
import type { StreamInfo } from './stream-hub.js';

export interface IngestOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** The secret part of the publish path (rtmp://127.0.0.1:port/live/<key>). */
  key: string;
  /** Reconnect policy of every push. */
  backoff: BackoffPolicy;
  logger: Logger;
  onLive: () => void;
  onStopped: () => void;
  /** The process died and was restarted on this port. */
  onRestarted: (port: number, reason: string) => void;
  /** Once a second while live: what the encoder sends. */
  onStream: (info: StreamInfo) => void;
}

export interface PushRequest {
  name: string;
  serverUrl: string;
  /** Travels to the relay process over IPC only. */
  key: string;
}

export class IngestError extends Error {}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The compiled worker next to this file, or the TypeScript one (run through tsx) in development. */
function workerEntry(): { file: string; execArgv: string[] } {
  const js = fileURLToPath(new URL('./relay-worker.js', import.meta.url));
  // The relay's heap is small and steady: V8's helper threads for garbage collection and
  // compiling cost more in wake-ups than they save (1.35 -> 1.15 % of a core at 5 destinations).
  const v8 = ['--single-threaded'];
  if (fs.existsSync(js)) return { file: js, execArgv: v8 };
  return {
    file: fileURLToPath(new URL('./relay-worker.ts', import.meta.url)),
    execArgv: [...v8, '--import', 'tsx'],
  };
}

export class IngestServer {
  readonly #options: IngestOptions;
  #child: ChildProcess | null = null;
  #port = 0;
  #stopping = false;
  #live = false;
  #restarts = 0;
  readonly #pushes = new Map<string, { request: PushRequest; onReport: (r: PushReport) => void }>();

  constructor(options: IngestOptions) {
    this.#options = options;
  }

  get port(): number {
    return this.#port;
  }

  get live(): boolean {
    return this.#live;
  }

  /** The relay process (for CPU measurements). */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  get serverUrl(): string {
    return `rtmp://127.0.0.1:${this.#port}/live`;
  }

  /** Starts the process; resolves once it listens. Falls back to a free port if the wanted one is taken. */
  async start(): Promise<number> {
    let port = this.#options.port === 0 ? await freePort() : this.#options.port;
    try {
      await this.#spawn(port);
    } catch (error) {
      if (this.#options.port === 0) throw error;
      this.#options.logger.warn('ingest port taken; using another', { port, error });
      port = await freePort();
      await this.#spawn(port);
    }
    return this.#port;
  }

  /** Pushes to this destination whenever the ingest is live, until unpush(). */
  push(id: string, request: PushRequest, onReport: (report: PushReport) => void): void {
    this.#pushes.set(id, { request, onReport });
    this.#send({ type: 'push', id, ...request });
  }

  unpush(id: string, message: string): void {
    if (!this.#pushes.delete(id)) return;
    this.#send({ type: 'unpush', id, message });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  }

  #send(message: ToWorker): void {
    if (this.#child?.connected) this.#child.send(message);
  }

  #spawn(port: number): Promise<void> {
    const { file, execArgv } = workerEntry();
    const child = fork(file, [], {
      execArgv,
      // Under Electron the core's process runs as Node only with this set.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.send({
      type: 'start',
      port,
      bind: '127.0.0.1',
      key: this.#options.key,
      backoff: this.#options.backoff,
    } satisfies ToWorker);
    return new Promise((resolve, reject) => {
      let listening = false;
      child.on('message', (message: FromWorker) => {
        if (message.type === 'listening') {
          listening = true;
          this.#port = port;
          for (const [id, { request }] of this.#pushes)
            this.#send({ type: 'push', id, ...request });
          resolve();
        } else if (message.type === 'listen-failed') {
          child.kill('SIGKILL');
          reject(
            new IngestError(`The ingest could not listen on 127.0.0.1:${port}: ${message.message}`),
          );
        } else {
          this.#message(message);
        }
      });
      child.once('exit', (code) => {
        if (!listening) {
          reject(
            new IngestError(
              `The ingest could not start on 127.0.0.1:${port} (exit ${code}). ${stderr.trim().split('\n').at(-1) ?? ''}`,
            ),
          );
          return;
        }
        if (this.#child !== child || this.#stopping) return;
        this.#restart(port, code);
      });
    });
  }

  #message(message: FromWorker): void {
    switch (message.type) {
      case 'publishing':
        this.#live = true;
        this.#options.onLive();
        break;
      case 'stopped':
        this.#live = false;
        this.#options.onStopped();
        break;
      case 'refused':
        this.#options.logger.warn('refused a publish to an unknown path', { app: message.app });
        break;
      case 'push':
        this.#pushes.get(message.id)?.onReport(message.report);
        break;
      case 'stream':
        this.#options.onStream(message.info);
        break;
      case 'fault':
        this.#options.logger.error('relay process fault', { message: message.message });
        break;
      default:
        break;
    }
  }

  /** Died while running: whatever was live is gone; start again on the same port. */
  #restart(port: number, code: number | null): void {
    if (this.#live) {
      this.#live = false;
      this.#options.onStopped();
    }
    this.#restarts += 1;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(6, this.#restarts - 1));
    setTimeout(() => {
      if (this.#stopping) return;
      this.#spawn(port).then(
        () =>
          this.#options.onRestarted(port, `The relay stopped (exit ${code}) and was restarted.`),
        (error: unknown) => this.#options.logger.error('relay restart failed', { error }),
      );
    }, delay);
  }
}
