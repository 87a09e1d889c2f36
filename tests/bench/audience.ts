// The audience page under load: 1,000 phones, 300 votes/s for 30 s from a load generator in its
// own process, against `panelcast serve` (CLI given by BENCH_CLI, e.g. an older build). Health
// latency is sampled throughout the flood; for 10 s in the middle of it another process holds
// the database's write lock, and the samples from that window are reported on their own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { api } from '../helpers/core.js';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

const TOKEN = 'bench-token-1234567890';
/** When, after the votes start, the lock is taken, and for how long it is held. */
const LOCK_AFTER_MS = 10_000;
const LOCK_FOR_MS = 10_000;

interface Sample {
  at: number;
  ms: number;
}

async function sampleHealth(url: string, until: () => boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  while (!until()) {
    const t0 = performance.now();
    const answered = await fetch(new URL('/api/health', url))
      .then((r) => r.arrayBuffer())
      .then(() => true)
      .catch(() => false);
    // A core that died answers nothing more: stop sampling.
    if (!answered) break;
    samples.push({ at: t0, ms: performance.now() - t0 });
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples;
}

async function startCore(cli: string, dir: string): Promise<{ core: ChildProcess; url: string }> {
  const core = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dir], {
    env: { ...process.env, PANELCAST_TOKEN: TOKEN, PANELCAST_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    core.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Control UI: (http:\/\/\S+\/)\?token=/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { core, url };
}

/** Twenty approved questions for the phones to vote on; their ids. */
async function seedQuestions(url: string): Promise<string[]> {
  const target = { url, token: TOKEN };
  const ids: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const added = await api(target, 'POST', '/api/comments', {
      body: {
        platform: 'audience',
        platformId: `bench-${i}`,
        author: { name: 'Bench', handle: null, avatarUrl: null, profileUrl: null },
        text: `Bench question ${i}?`,
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const id = (added.body as { comment: { id: string } }).comment.id;
    await api(target, 'POST', `/api/comments/${id}/approve`);
    ids.push(id);
  }
  return ids;
}

type LoadLine = Record<string, number | boolean | Record<string, number>>;

/** Starts the load generator; resolves once its phones are connected and the votes begin. */
async function startLoad(
  url: string,
  args: { phones: number; rate: number; seconds: number; ids: string[] },
): Promise<{ lines: LoadLine[]; finished: Promise<unknown> }> {
  const script = path.join(repoRoot, 'tests/bench/audience-load.ts');
  const load = spawn(
    process.execPath,
    ['--import', 'tsx', script, url, ...[args.phones, args.rate, args.seconds].map(String)].concat(
      args.ids.join(','),
    ),
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: LoadLine[] = [];
  load.stdout.on('data', (c: Buffer) => {
    for (const line of c.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as LoadLine);
  });
  const finished = new Promise((resolve) => load.once('exit', resolve));
  while (lines.length === 0) await new Promise((r) => setTimeout(r, 100));
  return { lines, finished };
}

/**
 * After `afterMs`, a second process takes the write lock (`BEGIN IMMEDIATE`) and keeps it for
 * `forMs`; the window (performance.now() times) is filled in as it happens.
 */
function holdLockLater(file: string, afterMs: number, forMs: number): { from: number; to: number } {
  const window = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  setTimeout(() => {
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db=new (require('better-sqlite3'))(process.argv[1]);db.exec('BEGIN IMMEDIATE');` +
          `process.stdout.write('locked\\n');setTimeout(()=>process.exit(0),${forMs});`,
        file,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    holder.stdout.once('data', () => (window.from = performance.now()));
    holder.once('exit', () => (window.to = performance.now()));
  }, afterMs);
  return window;
}

/** "3007 (audience.retry 3007)": how many votes were refused, and with which codes. */
function describeRefusals(byCode: LoadLine[string] | undefined): string {
  const counts = Object.entries(typeof byCode === 'object' ? byCode : {});
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return counts.length === 0 ? '0' : `${total} (${counts.map(([c, n]) => `${c} ${n}`).join(', ')})`;
}

function rssMiB(core: ChildProcess): number | string {
  const status = core.exitCode === null ? fs.readFileSync(`/proc/${core.pid}/status`, 'utf8') : '';
  const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return rss === undefined ? `exited (${core.exitCode})` : Math.round(Number(rss) / 1024);
}

export async function benchAudience(
  phones = Number(process.env.BENCH_PHONES ?? 1000),
  rate = 300,
  seconds = 30,
): Promise<string> {
  const temp = makeTempDir();
  const cli = process.env.BENCH_CLI ?? cliPath;
  const { core, url } = await startCore(cli, temp.dir);
  try {
    const ids = await seedQuestions(url);
    const { lines, finished } = await startLoad(url, { phones, rate, seconds, ids });
    let done = false;
    void finished.then(() => (done = true));
    const lock = holdLockLater(path.join(temp.dir, 'panelcast.db'), LOCK_AFTER_MS, LOCK_FOR_MS);
    const samples = await sampleHealth(url, () => done);
    const inLock = (s: Sample): boolean => s.at + s.ms >= lock.from && s.at <= lock.to;
    const result = lines.at(-1) ?? {};
    const flood = summarize(samples.filter((s) => !inLock(s)).map((s) => s.ms));
    const locked = summarize(samples.filter(inLock).map((s) => s.ms));
    return table([
      {
        core: cli === cliPath ? 'this build' : cli,
        phones,
        'votes sent': Number(result.sent),
        'votes counted': Number(result.ok),
        'votes refused': describeRefusals(result.refused),
        'msgs out/s': Math.round(Number(result.received) / Number(result.seconds)),
        'health p99 flood ms': formatMs(flood.p99),
        'health p99 lock in flood ms': `${formatMs(locked.p99)} (n=${locked.n})`,
        'core RSS MiB': rssMiB(core),
        'generator CPU s': (Number(result.cpuMs) / 1000).toFixed(1),
      },
    ]);
  } finally {
    if (core.exitCode === null) {
      core.kill('SIGTERM');
      await new Promise((r) => core.once('exit', r));
    }
    temp.remove();
  }
}
