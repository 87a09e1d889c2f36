// A real OBS Studio for tests: its own HOME (profile, scene collection, WebSocket settings),
// started under xvfb-run, reachable on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './cli.js';
import { makeTempDir } from './temp-dir.js';

export interface RunningObs {
  url: string;
  port: number;
  password: string;
  home: string;
  /** The obs process itself (not xvfb-run). */
  pid(): number | null;
  /** Kills OBS at once, as a crash would. */
  kill(): Promise<void>;
  /** Starts OBS again with the same profile and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function writeConfig(home: string, port: number, password: string): void {
  const dir = path.join(home, '.config', 'obs-studio');
  fs.mkdirSync(dir, { recursive: true });
  const auth =
    password === '' ? 'AuthRequired=false' : `AuthRequired=true\nServerPassword=${password}`;
  fs.writeFileSync(
    path.join(dir, 'global.ini'),
    `[General]\nFirstRun=true\n\n[OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\nServerPort=${port}\n${auth}\n`,
  );
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function findObsPid(wrapper: ChildProcess): number | null {
  // xvfb-run starts Xvfb and obs as its children; find obs among the descendants.
  const root = wrapper.pid;
  if (root === undefined) return null;
  const children = (pid: number): number[] => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (cmd === 'obs') return pid;
    } catch {
      // gone
    }
    queue.push(...children(pid));
  }
  return null;
}

export async function startObs(
  options: { password?: string; port?: number; start?: boolean } = {},
): Promise<RunningObs> {
  const temp = makeTempDir('panelcast-obs-');
  const port = options.port ?? (await freePort());
  const password = options.password ?? 'obs-test-password';
  writeConfig(temp.dir, port, password);
  let wrapper: ChildProcess | null = null;
  let log = '';

  const launch = async (): Promise<void> => {
    wrapper = spawn(
      'xvfb-run',
      ['-a', 'obs', '--disable-shutdown-check', '--minimize-to-tray', '--multi'],
      {
        env: { ...process.env, HOME: temp.dir, LIBGL_ALWAYS_SOFTWARE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    wrapper.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    wrapper.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    try {
      await waitFor(() => portOpen(port), 30_000, `OBS on port ${port}`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
    }
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const current = wrapper;
    if (!current?.pid) return;
    const obsPid = findObsPid(current);
    const exited = new Promise<void>((resolve) => {
      if (current.exitCode !== null || current.signalCode !== null) resolve();
      else current.once('exit', () => resolve());
    });
    if (obsPid !== null) {
      try {
        process.kill(obsPid, signal);
      } catch {
        // already gone
      }
    }
    try {
      process.kill(-current.pid, signal === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      // gone
    }
    wrapper = null;
  };

  if (options.start !== false) await launch();

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    home: temp.dir,
    pid: () => (wrapper ? findObsPid(wrapper) : null),
    kill: async () => {
      const current = wrapper;
      const obsPid = current ? findObsPid(current) : null;
      if (obsPid !== null) process.kill(obsPid, 'SIGKILL');
      await terminate('SIGKILL');
      await waitFor(async () => !(await portOpen(port)), 5000, 'OBS to die');
    },
    restart: launch,
    stop: async () => {
      await terminate('SIGTERM');
      temp.remove();
    },
  };
}
