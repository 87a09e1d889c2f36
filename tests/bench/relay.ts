// The relay at 6 Mbit/s, side by side with nginx-rtmp `push`, for 1, 3 and 5 destinations: CPU of
// every relay process (Panelcast's relay process; nginx's master and worker) over the measured
// wall time, and the latency the relay adds. The source streams a pre-encoded file with `-c copy`
// through ffmpeg's tee muxer, straight to receiver A and through the relay to receiver B; both
// hand their FLV to this process, which matches the same frames by their payload sizes (copy
// keeps them byte for byte) and compares arrival times.
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/cli.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  copySource,
  cpuSeconds,
  encodeSource,
  nginxAvailable,
  receiver,
  startNginx,
  type Nginx,
} from './relay-peers.js';
import { formatMs, summarize, table } from './stats.js';

const KBPS = 6000;
const SECONDS = 25;
// A show runs for hours, so the steady state is what counts. Node compiles its hot code over the
// first minute (at about 100 reads a second): a 1:1 Node TCP proxy costs 1.45 % of a core in its
// first 25 s and 0.75 % after 90 s. nginx has no such warm-up; both are measured after it.
const WARMUP_MS = 90_000;
const COUNTS = [1, 3, 5];

/** Reads FLV tags from a byte stream and reports each video tag's size on arrival. */
class FlvTags {
  #buffer = Buffer.alloc(0);
  #headerDone = false;
  constructor(private readonly onVideo: (size: number, at: number) => void) {}

  push(chunk: Buffer): void {
    const at = performance.now();
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (!this.#headerDone) {
      if (this.#buffer.length < 13) return;
      this.#buffer = this.#buffer.subarray(13);
      this.#headerDone = true;
    }
    while (this.#buffer.length >= 11) {
      const type = this.#buffer[0];
      const size = this.#buffer.readUIntBE(1, 3);
      if (this.#buffer.length < 11 + size + 4) return;
      if (type === 9) this.onVideo(size, at);
      this.#buffer = this.#buffer.subarray(11 + size + 4);
    }
  }
}

function listen(port: number, arrivals: { size: number; at: number }[]): ChildProcess {
  const child = receiver(port, true);
  const tags = new FlvTags((size, at) => arrivals.push({ size, at }));
  child.stdout?.on('data', (chunk: Buffer) => tags.push(chunk));
  return child;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Run {
  relay: 'Panelcast' | 'nginx-rtmp';
  destinations: number;
  cpu: number;
  latency: number[];
}

/** Added latency per frame of B: its arrival minus the nearest arrival of the same frames at A. */
function latencies(
  a: { size: number; at: number }[],
  b: { size: number; at: number }[],
  from: number,
): number[] {
  const key = (list: typeof a, i: number): string =>
    `${list[i]?.size}/${list[i + 1]?.size}/${list[i + 2]?.size}`;
  const seen = new Map<string, number[]>();
  for (let i = 0; i + 2 < a.length; i += 1) {
    const k = key(a, i);
    seen.set(k, [...(seen.get(k) ?? []), a[i]?.at ?? 0]);
  }
  const out: number[] = [];
  for (let i = 0; i + 2 < b.length; i += 1) {
    const at = b[i]?.at ?? 0;
    if (at < from) continue;
    // The file loops (every 40 s): the twin is the arrival at A nearest in time. B may arrive
    // a fraction of a millisecond before A (the tee muxer writes to both in turn), so the
    // difference keeps its sign.
    const twins = seen.get(key(b, i)) ?? [];
    if (twins.length === 0) continue;
    const twin = twins.reduce((best, t) => (Math.abs(at - t) < Math.abs(at - best) ? t : best));
    out.push(at - twin);
  }
  return out;
}

async function run(relay: Run['relay'], count: number, file: string): Promise<Run> {
  const temp = makeTempDir();
  let core: TestCore | null = null;
  let nginx: Nginx | null = null;
  const children: ChildProcess[] = [];
  try {
    const a: { size: number; at: number }[] = [];
    const b: { size: number; at: number }[] = [];
    const directPort = await freePort();
    children.push(listen(directPort, a));
    const ports: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const port = await freePort();
      ports.push(port);
      children.push(i === 0 ? listen(port, b) : receiver(port, false));
    }
    let publishUrl: string;
    let pids: () => number[];
    if (relay === 'nginx-rtmp') {
      const started = startNginx(temp.dir, await freePort(), ports);
      nginx = started;
      publishUrl = started.publishUrl;
      pids = () => started.pids();
      await new Promise((r) => setTimeout(r, 500));
    } else {
      const started = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
      core = started;
      for (const [i, port] of ports.entries()) {
        await started.intents.dispatch(
          'relay:setDestination',
          {
            id: `d${i}`,
            name: `Destination ${i}`,
            platform: 'custom',
            serverUrl: `rtmp://127.0.0.1:${port}/live`,
            streamKey: 'key',
            enabled: true,
          },
          { actor: 'bench', channel: 'rest', role: 'producer' },
        );
      }
      const target = (await started.intents.dispatch(
        'relay:publishTarget',
        {},
        { actor: 'bench', channel: 'rest', role: 'producer' },
      )) as { ok: true; value: { server: string; key: string } };
      publishUrl = `${target.value.server}/${target.value.key}`;
      pids = () => {
        const pid = started.relay.pid();
        return pid === null ? [] : [pid];
      };
    }
    children.push(copySource(file, [`rtmp://127.0.0.1:${directPort}/live/key`, publishUrl]));
    await until(() => b.length > 30, 30_000, `${relay}: frames through the relay`);
    if (core) {
      const live = core;
      await until(
        () => live.hub.get('relay').destinations.every((d) => d.state === 'live'),
        30_000,
        'destinations live',
      );
    }
    await new Promise((r) => setTimeout(r, WARMUP_MS));

    const measured = pids();
    const start = measured.map(cpuSeconds);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const wall = (performance.now() - t0) / 1000;
    const used = measured.reduce((sum, pid, i) => sum + cpuSeconds(pid) - (start[i] ?? 0), 0);
    return { relay, destinations: count, cpu: (used / wall) * 100, latency: latencies(a, b, t0) };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await core?.dispose();
    await nginx?.stop();
    temp.remove();
  }
}

export async function benchRelay(): Promise<string> {
  if (!nginxAvailable()) {
    return 'nginx-rtmp is missing: apt-get install -y nginx libnginx-mod-rtmp (the peer this benchmark compares with).';
  }
  const file = path.join(os.tmpdir(), `panelcast-bench-720p30-${KBPS}k.flv`);
  encodeSource(file, KBPS, 40);
  const runs: Run[] = [];
  for (const count of COUNTS) {
    runs.push(await run('nginx-rtmp', count, file));
    runs.push(await run('Panelcast', count, file));
  }
  const rows = COUNTS.map((count) => {
    const nginx = runs.find((r) => r.relay === 'nginx-rtmp' && r.destinations === count);
    const ours = runs.find((r) => r.relay === 'Panelcast' && r.destinations === count);
    const ln = summarize(nginx?.latency ?? []);
    const lp = summarize(ours?.latency ?? []);
    return {
      destinations: count,
      'nginx-rtmp CPU %': (nginx?.cpu ?? 0).toFixed(2),
      'Panelcast CPU %': (ours?.cpu ?? 0).toFixed(2),
      ratio: `${((ours?.cpu ?? 0) / Math.max(0.01, nginx?.cpu ?? 0)).toFixed(2)}×`,
      'nginx added ms p50/p99': `${formatMs(ln.p50)} / ${formatMs(ln.p99)}`,
      'Panelcast added ms p50/p99': `${formatMs(lp.p50)} / ${formatMs(lp.p99)}`,
      'frames matched': `${ln.n} / ${lp.n}`,
    };
  });
  return [
    `A ${KBPS / 1000} Mbit/s 720p30 H.264 + AAC file streamed with -c copy, ${SECONDS} s of CPU time measured per run after ${WARMUP_MS / 1000} s of warm-up (% of one core, all of the relay's processes), on this machine.`,
    '',
    table(rows),
  ].join('\n');
}
