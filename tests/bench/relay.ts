// The relay at 6 Mbit/s: CPU each destination's `ffmpeg -c copy` uses, and the latency the relay
// adds. For the latency the source pushes the same stream twice (ffmpeg's tee muxer): straight to
// receiver A and through Panelcast to receiver B. Both receivers hand their FLV to this process,
// which matches the same frames by their exact payload sizes (copy keeps them byte for byte) and
// compares arrival times.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../helpers/cli.js';
import { testSource } from '../helpers/ffmpeg.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

const KBPS = 6000;
const SECONDS = 25;
const CLK_TCK = 100;

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

function receiver(port: number, onVideo: (size: number, at: number) => void): ChildProcess {
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-listen',
      '1',
      '-i',
      `rtmp://127.0.0.1:${port}/live/key`,
      '-c',
      'copy',
      '-f',
      'flv',
      '-flush_packets',
      '1',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const tags = new FlvTags(onVideo);
  child.stdout.on('data', (chunk: Buffer) => tags.push(chunk));
  return child;
}

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function ingestPid(): number | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (
        cmd.includes('ingest-worker') &&
        fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(' ')[3] === String(process.pid)
      ) {
        return Number(entry);
      }
    } catch {
      // gone
    }
  }
  return null;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The same stream to every output, through ffmpeg's tee muxer. */
function source(outputs: string[]): ChildProcess {
  const tee = outputs.map((o) => `[f=flv:onfail=ignore]${o}`).join('|');
  return testSource('', {
    bitrateKbps: KBPS,
    size: '1280x720',
    gop: 60,
    output: ['-f', 'tee', tee],
  });
}

interface Run {
  destinations: number;
  cpu: number[];
  ingestCpu: number | null;
  latency: number[];
}

async function run(count: number): Promise<Run> {
  const temp = makeTempDir();
  let core: TestCore | null = null;
  const children: ChildProcess[] = [];
  try {
    core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    const arrivalsA = new Map<string, number>();
    const sizesA: number[] = [];
    const timesA: number[] = [];
    const sizesB: number[] = [];
    const timesB: number[] = [];
    const directPort = await freePort();
    children.push(
      receiver(directPort, (size, at) => {
        sizesA.push(size);
        timesA.push(at);
      }),
    );
    for (let i = 0; i < count; i += 1) {
      const port = await freePort();
      children.push(
        receiver(port, (size, at) => {
          if (i !== 0) return;
          sizesB.push(size);
          timesB.push(at);
        }),
      );
      await core.intents.dispatch(
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
    const target = (await core.intents.dispatch(
      'relay:publishTarget',
      {},
      { actor: 'bench', channel: 'rest', role: 'producer' },
    )) as {
      ok: true;
      value: { server: string; key: string };
    };
    const live = core;
    children.push(
      source([
        `rtmp://127.0.0.1:${directPort}/live/key`,
        `${target.value.server}/${target.value.key}`,
      ]),
    );
    await until(
      () => live.hub.get('relay').destinations.every((d) => d.state === 'live'),
      30_000,
      'destinations live',
    );
    await new Promise((r) => setTimeout(r, 3000));

    const pids = live.relay.pids();
    const ingest = ingestPid();
    const start = Object.fromEntries(
      Object.entries(pids).map(([id, pid]) => [id, cpuSeconds(pid)]),
    );
    const ingestStart = ingest === null ? null : cpuSeconds(ingest);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const wall = (performance.now() - t0) / 1000;
    const cpu = Object.entries(pids).map(
      ([id, pid]) => ((cpuSeconds(pid) - (start[id] ?? 0)) / wall) * 100,
    );
    const ingestCpu =
      ingest === null || ingestStart === null
        ? null
        : ((cpuSeconds(ingest) - ingestStart) / wall) * 100;

    // Same frame, both paths: match runs of three consecutive payload sizes.
    for (let i = 0; i + 2 < sizesA.length; i += 1) {
      const key = `${sizesA[i]}/${sizesA[i + 1]}/${sizesA[i + 2]}`;
      if (!arrivalsA.has(key)) arrivalsA.set(key, timesA[i] ?? 0);
    }
    const latency: number[] = [];
    for (let i = 0; i + 2 < sizesB.length; i += 1) {
      const a = arrivalsA.get(`${sizesB[i]}/${sizesB[i + 1]}/${sizesB[i + 2]}`);
      if (a !== undefined) latency.push((timesB[i] ?? 0) - a);
    }
    return { destinations: count, cpu, ingestCpu, latency };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await core?.dispose();
    temp.remove();
  }
}

export async function benchRelay(): Promise<string> {
  const runs: Run[] = [];
  for (const count of [1, 3]) runs.push(await run(count));
  const cpuRows = runs.map((r) => {
    const s = summarize(r.cpu);
    return {
      destinations: r.destinations,
      'CPU per destination (% of one core)': r.cpu.map((c) => c.toFixed(1)).join(', '),
      mean: s.mean.toFixed(1),
      'ingest (node-media-server)': r.ingestCpu === null ? 'n/a' : r.ingestCpu.toFixed(1),
    };
  });
  const first = runs[0];
  const l = summarize(first?.latency ?? []);
  return [
    `A ${KBPS / 1000} Mbit/s 720p30 H.264 + AAC test stream, ${SECONDS} s measured per run, on this machine (2 cores; the test encoder itself uses most of one).`,
    '',
    table(cpuRows),
    '',
    table([
      {
        measure: 'added latency: through Panelcast minus direct',
        'matched frames': l.n,
        'p50 ms': formatMs(l.p50),
        'p90 ms': formatMs(l.p90),
        'p99 ms': formatMs(l.p99),
        'max ms': formatMs(l.max),
      },
    ]),
  ].join('\n');
}
