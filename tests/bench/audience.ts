// The audience page under load: 1,000 phones, 300 votes/s for 30 s from a load generator in its
// own process, against `panelcast serve` (CLI given by BENCH_CLI, e.g. an older build). Health
// latency is sampled during the flood and during a write lock held by another process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { api } from '../helpers/core.js';
import { cliPath, repoRoot } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

async function sampleHealth(url: string, until: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    const answered = await fetch(new URL('/api/health', url))
      .then((r) => r.arrayBuffer())
      .then(() => true)
      .catch(() => false);
    // A core that died answers nothing more: stop sampling.
    if (!answered) break;
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples;
}

export async function benchAudience(
  phones = Number(process.env.BENCH_PHONES ?? 1000),
  rate = 300,
  seconds = 30,
): Promise<string> {
  const temp = makeTempDir();
  const cli = process.env.BENCH_CLI ?? cliPath;
  const core = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', temp.dir], {
    env: { ...process.env, PANELCAST_TOKEN: 'bench-token-1234567890', PANELCAST_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve) => {
      let out = '';
      core.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Control UI: (http:\/\/\S+\/)\?token=/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
    });
    const target = { url, token: 'bench-token-1234567890' };
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
    const load = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'tests/bench/audience-load.ts'),
        url,
        String(phones),
        String(rate),
        String(seconds),
        ids.join(','),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: Record<string, number | boolean>[] = [];
    load.stdout.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, number | boolean>);
    });
    const finished = new Promise((resolve) => load.once('exit', resolve));
    while (lines.length === 0) await new Promise((r) => setTimeout(r, 100));
    let done = false;
    void finished.then(() => (done = true));
    const flood = await sampleHealth(url, () => done);
    const result = lines.at(-1) ?? {};
    // A write lock held by another program, with the audience still voting.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db=new (require('better-sqlite3'))(process.argv[1]);db.exec('BEGIN IMMEDIATE');setTimeout(()=>process.exit(0),5000);`,
        path.join(temp.dir, 'panelcast.db'),
      ],
      { cwd: repoRoot, stdio: 'ignore' },
    );
    let released = false;
    holder.once('exit', () => (released = true));
    const locked = await sampleHealth(url, () => released);
    const status =
      core.exitCode === null ? fs.readFileSync(`/proc/${core.pid}/status`, 'utf8') : '';
    const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    const f = summarize(flood);
    const l = summarize(locked);
    return table([
      {
        core: cli === cliPath ? 'this build' : cli,
        phones,
        'votes sent': Number(result.sent),
        'votes counted': Number(result.ok),
        'msgs out/s': Math.round(Number(result.received) / Number(result.seconds)),
        'health p99 flood ms': formatMs(f.p99),
        'health p99 lock ms': formatMs(l.p99),
        'core RSS MiB':
          rss === undefined ? `exited (${core.exitCode})` : Math.round(Number(rss) / 1024),
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
