// The local RTMP ingest OBS streams to: node-media-server in a supervised child process on
// 127.0.0.1, accepting only the secret publish path. Tells when the stream goes live or stops,
// and restarts the worker by itself if it dies.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../shared/logger.js';

export interface IngestOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** The secret part of the publish path (rtmp://127.0.0.1:port/live/<key>). */
  key: string;
  storePath: string;
  logger: Logger;
  onLive: () => void;
  onStopped: () => void;
  /** The worker died and was restarted on this port (it may differ after a port clash). */
  onRestarted: (port: number, reason: string) => void;
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
  const js = fileURLToPath(new URL('./ingest-worker.js', import.meta.url));
  if (fs.existsSync(js)) return { file: js, execArgv: [] };
  return {
    file: fileURLToPath(new URL('./ingest-worker.ts', import.meta.url)),
    execArgv: ['--import', 'tsx'],
  };
}

export class IngestServer {
  readonly #options: IngestOptions;
  #child: ChildProcess | null = null;
  #port = 0;
  #stopping = false;
  #live = false;
  #restarts = 0;

  constructor(options: IngestOptions) {
    this.#options = options;
  }

  get port(): number {
    return this.#port;
  }

  get live(): boolean {
    return this.#live;
  }

  get publishUrl(): string {
    return `rtmp://127.0.0.1:${this.#port}/live/${this.#options.key}`;
  }

  get serverUrl(): string {
    return `rtmp://127.0.0.1:${this.#port}/live`;
  }

  /** Starts the worker; resolves once it listens. Falls back to a free port if the wanted one is taken. */
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

  #spawn(port: number): Promise<void> {
    const { file, execArgv } = workerEntry();
    const child = fork(file, [], {
      execArgv,
      env: {
        ...process.env,
        // Under Electron the core's process runs as Node only with this set.
        ELECTRON_RUN_AS_NODE: '1',
        PANELCAST_INGEST: JSON.stringify({
          port,
          bind: '127.0.0.1',
          publishPath: `/live/${this.#options.key}`,
          storePath: this.#options.storePath,
        }),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.#child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    return new Promise((resolve, reject) => {
      let listening = false;
      child.on('message', (message: { type?: string; streamPath?: string }) => {
        switch (message.type) {
          case 'listening':
            listening = true;
            this.#port = port;
            resolve();
            break;
          case 'publishing':
            this.#live = true;
            this.#options.onLive();
            break;
          case 'stopped':
            this.#live = false;
            this.#options.onStopped();
            break;
          case 'refused':
            this.#options.logger.warn('refused a publish to an unknown path', {
              path: message.streamPath,
            });
            break;
          default:
            break;
        }
      });
      child.once('exit', (code) => {
        if (!listening) {
          reject(
            new IngestError(
              `The ingest could not listen on 127.0.0.1:${port} (exit ${code}). ${stderr.trim().split('\n').at(-1) ?? ''}`,
            ),
          );
          return;
        }
        if (this.#child !== child || this.#stopping) return;
        // Died while running: whatever was live is gone; start again on the same port.
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
              this.#options.onRestarted(
                port,
                `The ingest stopped (exit ${code}) and was restarted.`,
              ),
            (error: unknown) => this.#options.logger.error('ingest restart failed', { error }),
          );
        }, delay);
      });
    });
  }
}
