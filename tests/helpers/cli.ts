// Runs the built `panelcast` command as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_V8_FLAGS } from '../../src/shared/core-runtime.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'src', 'cli.js');

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the printed Control UI URL once the core is up. */
  ready: Promise<{ controlUrl: string; url: string; token: string }>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Starts it with the V8 flags its shebang gives it (CORE_V8_FLAGS); `nodeArgs` go to Node after
 * them (a benchmark profiles the core with --cpu-prof, or tries other V8 settings).
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): CliRun {
  const child = spawn(process.execPath, [...CORE_V8_FLAGS, ...nodeArgs, cliPath, ...args], {
    env: { ...process.env, PANELCAST_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const ready = new Promise<{ controlUrl: string; url: string; token: string }>(
    (resolve, reject) => {
      const check = (): void => {
        const match = /Control UI: (http:\/\/\S+\/)\?token=(\S+)/.exec(out);
        if (match?.[1] && match[2]) {
          resolve({
            url: match[1],
            token: decodeURIComponent(match[2]),
            controlUrl: `${match[1]}?token=${match[2]}`,
          });
        }
      };
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`panelcast exited with ${code}: ${err}${out}`)));
    },
  );
  ready.catch(() => undefined);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    ready,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

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
