// All sources at once: the X filtered-stream fake, the YouTube streamList fake (gRPC), the
// Facebook live-comments fake (SSE), the LinkedIn comments fake (polled) and phones on the audience page post 1,000 questions per second in total (BENCH_RATE, BENCH_SECONDS) from
// a load-generator process (sources-load-gen.ts) into a Panelcast core (another process). A
// moderator's control socket in this process takes the time from the moment a fake emitted a
// post to the moment the moderator socket received it, per platform, and counts what never came.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { io } from 'socket.io-client';
import type { Comment } from '../../src/shared/comment.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TAG = /^bench (\d+) (\S+) (\d+) /;

interface GenLine {
  ready?: boolean;
  configure?: { path: string; body: object }[];
  rates?: Record<string, number>;
  polled?: string[];
  connected?: boolean;
  sent?: Record<string, number>;
  seconds?: number;
  cpuMs?: number;
}

function startGenerator(url: string) {
  const gen = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'tests/bench/sources-load-gen.ts'),
      url,
      String(RATE),
      String(SECONDS),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: GenLine[] = [];
  readline
    .createInterface({ input: gen.stdout })
    .on('line', (line) => lines.push(JSON.parse(line) as GenLine));
  const next = async (): Promise<GenLine> => {
    while (lines.length === 0) {
      if (gen.exitCode !== null) throw new Error(`load generator exited with ${gen.exitCode}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return lines.shift() as GenLine;
  };
  const send = (line: string): void => void gen.stdin.write(`${line}\n`);
  return { gen, next, send };
}

export async function benchSourcesLoad(): Promise<string> {
  const temp = makeTempDir();
  // BENCH_CORE_PROFILE=DIR writes a CPU profile of the core (node --cpu-prof) into DIR.
  const profile = process.env.BENCH_CORE_PROFILE;
  // BENCH_CORE_NODE_ARGS: more Node/V8 flags for the core, after its own (compare V8 settings).
  // BENCH_TRACE_GC=1 also sums the core's garbage-collection pauses (V8's --trace-gc lines).
  const traceGc = process.env.BENCH_TRACE_GC === '1';
  const extra = [
    ...(process.env.BENCH_CORE_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
    ...(traceGc ? ['--trace-gc'] : []),
  ];
  const core = runCli(
    ['serve', '--port', '0', '--data-dir', temp.dir],
    { PANELCAST_LOG_LEVEL: 'warn', PANELCAST_TEST_HOOKS: '1' },
    [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...extra],
  );
  let generator: ReturnType<typeof startGenerator> | null = null;
  try {
    const { url, token } = await core.ready;
    generator = startGenerator(url);
    const ready = await generator.next();
    for (const { path: p, body } of ready.configure ?? []) {
      const res = await fetch(`${url}${p}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`configuring ${p} failed: ${await res.text()}`);
    }
    generator.send('wait');
    await generator.next();

    // Latency per platform, and which posts arrived (by platform and sequence number).
    const latencies = new Map<string, number[]>();
    const seen = new Set<string>();
    const socket = io(`${url}control`, {
      auth: { token, name: 'bench' },
      transports: ['websocket'],
    });
    socket.on('comments:changed', (comments: Comment[]) => {
      const now = Date.now();
      for (const c of comments) {
        const m = TAG.exec(c.text);
        if (!m || c.status !== 'incoming' || c.moderatedAt !== null) continue;
        const key = `${m[2]} ${m[3]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const list = latencies.get(m[2] ?? '') ?? [];
        list.push(now - Number(m[1]));
        latencies.set(m[2] ?? '', list);
      }
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await socket.timeout(5000).emitWithAck('comments:subscribe', {});

    const before = coreUsage(core.child.pid ?? 0);
    const gcFrom = core.stdout().length;
    generator.send('go');
    const result = await generator.next();
    const total = Object.values(result.sent ?? {}).reduce((a, b) => a + b, 0);
    const deadline = Date.now() + 30_000;
    while (seen.size < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const after = coreUsage(core.child.pid ?? 0);
    const gc = traceGc ? `; ${gcPauses(core.stdout().slice(gcFrom))}` : '';
    socket.close();
    generator.send('stop');
    return [
      report(result, total, latencies, ready.polled ?? []),
      '',
      `Core CPU while posts came in: ${(after.cpuS - before.cpuS).toFixed(1)} s; core RSS ` +
        `after: ${after.rssMiB.toFixed(0)} MiB${gc}${extra.length > 0 ? ` (with ${extra.join(' ')})` : ''}.`,
    ].join('\n');
  } finally {
    generator?.gen.kill();
    await core.stop();
    temp.remove();
  }
}

/** The core's CPU time (user + system) and resident size, from /proc (Linux). */
function coreUsage(pid: number): { cpuS: number; rssMiB: number } {
  // Fields after the command name: state is 3rd, utime the 14th and stime the 15th (proc(5)).
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  // USER_HZ is 100 on Linux for every architecture Node ships for.
  return { cpuS: ticks / 100, rssMiB: rssKiB / 1024 };
}

/** Counts and sums V8's --trace-gc lines ("Scavenge 4.1 (5.6) -> 3.6 (6.6) MB, 0.75 / 0.00 ms"). */
function gcPauses(trace: string): string {
  const sums = new Map<string, { n: number; ms: number }>();
  for (const m of trace.matchAll(/ms: (Scavenge|Mark-Compact)[^,\n]*MB, ([\d.]+) \/ /g)) {
    const kind = sums.get(m[1] ?? '') ?? { n: 0, ms: 0 };
    kind.n += 1;
    kind.ms += Number(m[2]);
    sums.set(m[1] ?? '', kind);
  }
  const words = [...sums].map(([kind, { n, ms }]) => `${n} × ${kind} ${ms.toFixed(0)} ms`);
  return `GC pauses: ${words.join(', ') || 'none'}`;
}

function report(
  result: GenLine,
  total: number,
  latencies: Map<string, number[]>,
  polled: string[],
): string {
  const all = [...latencies.values()].flat();
  const pushed = [...latencies].filter(([name]) => !polled.includes(name));
  const row = (measure: string, samples: number[], sent: number) => {
    const s = summarize(samples);
    return {
      measure,
      sent,
      lost: sent - s.n,
      'p50 ms': formatMs(s.p50),
      'p90 ms': formatMs(s.p90),
      'p99 ms': formatMs(s.p99),
      'max ms': formatMs(s.max),
    };
  };
  const rows = Object.entries(result.sent ?? {}).map(([name, sent]) =>
    row(`${name} → moderator socket`, latencies.get(name) ?? [], sent),
  );
  rows.push(row('all sources → moderator socket', all, total));
  if (polled.length > 0) {
    const sentPushed = Object.entries(result.sent ?? {})
      .filter(([name]) => !polled.includes(name))
      .reduce((sum, [, n]) => sum + n, 0);
    rows.push(
      row(
        `all but polled (${polled.join(', ')}) → moderator socket`,
        pushed.flatMap(([, samples]) => samples),
        sentPushed,
      ),
    );
  }
  const seconds = result.seconds ?? SECONDS;
  return [
    `${total} posts in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)}/s in total; ` +
      `load generator CPU ${((result.cpuMs ?? 0) / 1000).toFixed(1)} s in its own process).`,
    '',
    table(rows),
  ].join('\n');
}
