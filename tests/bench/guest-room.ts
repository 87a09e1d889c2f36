// The remote-guest room on loopback: glass-to-glass latency from a guest's camera to the /stage
// page, and the browsers' CPU per guest, for 1, 2 and 4 guests on stage. Each guest's "camera"
// is a canvas that draws its frame number as 16 black/white blocks and notes when it drew it;
// the stage page reads the blocks back from every frame it presents (requestVideoFrameCallback)
// and notes when. All pages run in one headless Chromium on this machine, beside the core.
import fs from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { formatMs, summarize, table } from './stats.js';

const MEASURE_MS = Number(process.env.BENCH_ROOM_MS ?? 20_000);
const MARKER = `--panelcast-bench-room=${process.pid}`;

/** The guest's camera and microphone: a numbered canvas and a tone. */
const CAMERA = `
  window.__sent = {};
  navigator.mediaDevices.getUserMedia = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const g = canvas.getContext('2d');
    let n = 0;
    setInterval(() => {
      n = (n + 1) % 65536;
      g.fillStyle = '#335';
      g.fillRect(0, 0, 640, 360);
      for (let i = 0; i < 16; i++) {
        g.fillStyle = (n >> i) & 1 ? '#fff' : '#000';
        g.fillRect(i * 40, 0, 40, 40);
      }
      window.__sent[n] = Date.now();
    }, 33);
    const stream = canvas.captureStream(30);
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const out = audio.createMediaStreamDestination();
    tone.connect(out);
    tone.start();
    stream.addTrack(out.stream.getAudioTracks()[0]);
    return stream;
  };
`;

/** On the stage page: when each frame number of each guest was first presented. */
const READER = `
  window.__seen = {};
  const watch = (video) => {
    const name = video.closest('figure').dataset.name;
    const strip = document.createElement('canvas');
    strip.width = 640;
    strip.height = 40;
    const g = strip.getContext('2d', { willReadFrequently: true });
    const onFrame = () => {
      const w = video.videoWidth, h = video.videoHeight;
      if (w > 0) {
        g.drawImage(video, 0, 0, w, (40 * h) / 360, 0, 0, 640, 40);
        const row = g.getImageData(0, 20, 640, 1).data;
        let n = 0;
        for (let i = 0; i < 16; i++) if (row[(i * 40 + 20) * 4] > 128) n |= 1 << i;
        const seen = (window.__seen[name] ??= {});
        if (!(n in seen)) seen[n] = Date.now();
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  new MutationObserver(() => {
    for (const video of document.querySelectorAll('video:not([data-watched])')) {
      video.dataset.watched = '1';
      watch(video);
    }
  }).observe(document, { subtree: true, childList: true });
`;

/** CPU seconds (user + system) of this benchmark's Chromium and all its child processes. */
function chromiumCpuSeconds(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  let root: number | null = null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks });
      if (root === null && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(MARKER)) {
        root = Number(entry);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set(root === null ? [] : [root]);
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, { ppid }] of stats) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grown = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of tree) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks / 100;
}

async function joinGuests(browser: Browser, core: TestCore, count: number): Promise<Page[]> {
  const names = Array.from({ length: count }, (_, i) => `Guest ${i + 1}`);
  await api(core, 'PUT', '/api/guests', {
    body: { guests: names.map((name) => ({ name, role: '' })) },
  });
  const pages: Page[] = [];
  for (const guest of core.hub.get('guests')) {
    const invite = await api(core, 'POST', `/api/guests/${guest.id}/invite`);
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    await context.addInitScript(CAMERA);
    const page = await context.newPage();
    await page.goto((invite.body as { link: string }).link);
    await page.getByRole('button', { name: 'Ready' }).click();
    await api(core, 'PUT', `/api/guests/${guest.id}/stage`, { body: { on: true } });
    pages.push(page);
  }
  return pages;
}

interface RoundResult {
  guests: number;
  latencies: number[];
  cpuPerGuest: number;
  load: number;
}

async function round(count: number): Promise<RoundResult> {
  const core = await startTestCore();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required', MARKER],
  });
  try {
    const stagePage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await stagePage.addInitScript(READER);
    await stagePage.goto(`${core.url}stage`);
    const guests = await joinGuests(browser, core, count);
    // Polled from here: the page's CSP rightly forbids the eval that waitForFunction would use.
    const deadline = Date.now() + 60_000;
    while ((await stagePage.evaluate<number>('Object.keys(window.__seen).length')) < count) {
      if (Date.now() > deadline) throw new Error(`the stage never showed ${count} guests`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const startedAt = Date.now();
    const cpu0 = chromiumCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const cpu = chromiumCpuSeconds() - cpu0;
    const seen = await stagePage.evaluate<Record<string, Record<string, number>>>('window.__seen');
    const latencies: number[] = [];
    for (const [i, page] of guests.entries()) {
      const sent = await page.evaluate<Record<string, number>>('window.__sent');
      for (const [n, at] of Object.entries(seen[`Guest ${i + 1}`] ?? {})) {
        const from = sent[n];
        if (from !== undefined && at >= startedAt) latencies.push(at - from);
      }
    }
    return {
      guests: count,
      latencies,
      cpuPerGuest: (cpu / (MEASURE_MS / 1000) / count) * 100,
      load: os.loadavg()[0] ?? 0,
    };
  } finally {
    await browser.close();
    await core.dispose();
  }
}

export async function benchGuestRoom(): Promise<string> {
  const rows: Record<string, string | number>[] = [];
  for (const count of [1, 2, 4]) {
    const result = await round(count);
    const s = summarize(result.latencies);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
    rows.push({
      'guests on stage': count,
      frames: s.n,
      'p50 ms': formatMs(s.p50),
      'p95 ms': formatMs(p95),
      'max ms': formatMs(s.max),
      'Chromium CPU per guest %': result.cpuPerGuest.toFixed(0),
      'load (1 min)': result.load.toFixed(2),
    });
  }
  return [
    `Glass to glass: guest canvas drawn → frame presented on /stage (${MEASURE_MS / 1000} s each,`,
    `${os.cpus().length} cores, loopback; CPU is every Chromium process together: the guests'`,
    'pages (encoding for each peer and the stage) and the stage page, per guest, % of one core).',
    '',
    table(rows),
  ].join('\n');
}
