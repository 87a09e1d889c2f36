// The moderation queue under load, end to end through real browsers:
//  1. comments injected at 200/s with 5 moderator pages and 10 overlay pages open: time from
//     the REST call until the comment's text is in each moderator page's DOM;
//  2. "air" → overlay DOM updated, in all 10 overlays;
//  3. the core's resident memory (RSS) as the store grows to 100,000 comments, and after a
//     restart that loads them all.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

const MODERATORS = Number(process.env.BENCH_MODERATORS ?? 5);
const OVERLAYS = Number(process.env.BENCH_OVERLAYS ?? 10);
const RATE = 200;
const SECONDS = 15;
const AIRS = 40;
const STORED = 100_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function post(
  base: string,
  token: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function comment(i: number, text: string) {
  return {
    platform: 'test',
    platformId: `bench-${i}`,
    author: {
      name: `Viewer ${i % 500}`,
      handle: `viewer${i % 500}`,
      avatarUrl: null,
      profileUrl: null,
    },
    text,
    createdAt: new Date().toISOString(),
    url: null,
  };
}

/** Varied text, so near-duplicate grouping behaves as with real audiences (rarely groups). */
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'pa',
  'do',
  'fe',
  'gu',
  'hi',
  'ju',
  'be',
];
function prose(seed: number): string {
  let x = seed * 2654435761;
  const next = (): number => {
    x = (x ^ (x >>> 13)) * 1274126177;
    x ^= x >>> 16;
    return Math.abs(x);
  };
  const words: string[] = [];
  const count = 8 + (next() % 10);
  for (let i = 0; i < count; i += 1) {
    const syllables = 2 + (next() % 3);
    let word = '';
    for (let j = 0; j < syllables; j += 1) word += SYLLABLES[next() % SYLLABLES.length] ?? '';
    words.push(word);
  }
  return `${words.join(' ')}?`;
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return kb / 1024;
}

/**
 * Records, in the page, when each text carrying `marker-<n>-<sent ms>` first appears. Plain
 * JavaScript source: it runs in the browser, untouched by the TypeScript loader.
 */
async function watch(page: Page, marker: string): Promise<void> {
  await page.evaluate(`(() => {
    const m = ${JSON.stringify(marker)};
    const pattern = new RegExp(m + '-([0-9]+)-([0-9]+)', 'g');
    window.__seen = {};
    const scan = (node) => {
      const text = node.textContent || '';
      if (!text.includes(m)) return;
      for (const match of text.matchAll(pattern)) {
        if (window.__seen[match[1]] === undefined) window.__seen[match[1]] = Date.now() - Number(match[2]);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        r.addedNodes.forEach(scan);
        if (r.type === 'characterData') scan(r.target);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
}

/** Records when each marker first arrives over the page's WebSocket, before any rendering. */
async function recordReceipts(page: Page, marker: string): Promise<void> {
  await page.addInitScript(`(() => {
    const m = ${JSON.stringify(marker)};
    const pattern = new RegExp(m + '-([0-9]+)-([0-9]+)', 'g');
    window.__received = {};
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          if (typeof event.data !== 'string' || !event.data.includes(m)) return;
          for (const match of event.data.matchAll(pattern)) {
            if (window.__received[match[1]] === undefined) window.__received[match[1]] = Date.now() - Number(match[2]);
          }
        });
      }
    };
  })()`);
}

async function received(page: Page): Promise<Record<string, number>> {
  return page.evaluate<Record<string, number>>('window.__received');
}

async function seen(page: Page): Promise<Record<string, number>> {
  return page.evaluate<Record<string, number>>('window.__seen');
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sections 1 and 2: latency with 5 moderators and 10 overlays at 200 comments/s. */
export async function benchQueueLive(): Promise<string> {
  const temp = makeTempDir();
  let core: CliRun | null = null;
  let browser: Browser | null = null;
  const out: string[] = [];
  try {
    core = runCli(['serve', '--port', '0', '--data-dir', temp.dir], {
      PANELCAST_LOG_LEVEL: 'warn',
    });
    const { url, token } = await core.ready;

    browser = await launchBrowser();
    const moderators: Page[] = [];
    for (let i = 0; i < MODERATORS; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await recordReceipts(page, 'benchq');
      await page.goto(`${url}moderator?token=${token}&name=Mod${i}`);
      await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
      await watch(page, 'benchq');
      moderators.push(page);
    }
    const overlays: Page[] = [];
    for (let i = 0; i < OVERLAYS; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${url}overlay`);
      await page.locator('[data-testid="overlay-stage"][data-connected="true"]').waitFor();
      await watch(page, 'benchair');
      overlays.push(page);
    }

    // 1. 200 comments per second for SECONDS seconds.
    const total = RATE * SECONDS;
    const t0 = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < total; i += 1) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        post(url, token, '/api/comments', comment(i, `benchq-${i}-${Date.now()} ${prose(i)}`)),
      );
    }
    await Promise.all(pending);
    const achieved = total / ((performance.now() - t0) / 1000);
    await until(
      async () =>
        (await Promise.all(moderators.map(received))).every((s) => Object.keys(s).length >= total),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 2000));
    const visible: number[] = [];
    const arrived: number[] = [];
    let missing = 0;
    let lost = 0;
    for (const page of moderators) {
      const s = await seen(page);
      const r = await received(page);
      missing += total - Object.keys(s).length;
      lost += total - Object.keys(r).length;
      visible.push(...Object.values(s));
      arrived.push(...Object.values(r));
    }

    // 2. "air" → overlay DOM updated (from nothing on air, so no exit animation is involved).
    const airLatency: number[] = [];
    for (let i = 0; i < AIRS; i += 1) {
      const sent = Date.now();
      const res = await post(
        url,
        token,
        '/api/comments',
        comment(total + i, `benchair-${i}-${sent} on air ${i}`),
      );
      const id = (JSON.parse(res.body) as { comment: { id: string } }).comment.id;
      const airAt = Date.now();
      await post(url, token, `/api/comments/${id}/air`, {});
      await until(
        async () =>
          (await Promise.all(overlays.map(seen))).every((s) => s[String(i)] !== undefined),
        10_000,
      );
      for (const page of overlays) {
        const s = await seen(page);
        const fromSent = s[String(i)];
        // The marker carries the time the comment was sent; subtract the part before "air".
        if (fromSent !== undefined) airLatency.push(fromSent - (airAt - sent));
      }
      await post(url, token, '/api/queue/clear-air', {});
      await new Promise((r) => setTimeout(r, 500));
    }
    await browser.close();
    browser = null;

    const v = summarize(visible);
    const r = summarize(arrived);
    const a = summarize(airLatency);
    out.push(
      `${MODERATORS} moderator pages and ${OVERLAYS} overlay pages in one headless Chromium; ` +
        `${total} comments sent at ${achieved.toFixed(0)}/s (target ${RATE}/s). Every page ` +
        `received ${total * MODERATORS - lost} of ${total * MODERATORS} (comment, page) pairs; ` +
        `${total * MODERATORS - missing} were rendered as cards. The newest-first column shows ` +
        'about 8 cards, so at 200/s a comment is pushed out of view within frames; the ones ' +
        'never rendered were pushed out before the page drew again.',
      '',
      table([
        {
          measure: 'injected → arrived in a moderator page',
          samples: r.n,
          'p50 ms': formatMs(r.p50),
          'p90 ms': formatMs(r.p90),
          'p99 ms': formatMs(r.p99),
          'max ms': formatMs(r.max),
        },
        {
          measure: 'injected → visible (card in the DOM)',
          samples: v.n,
          'p50 ms': formatMs(v.p50),
          'p90 ms': formatMs(v.p90),
          'p99 ms': formatMs(v.p99),
          'max ms': formatMs(v.max),
        },
        {
          measure: '"air" → overlay DOM updated',
          samples: a.n,
          'p50 ms': formatMs(a.p50),
          'p90 ms': formatMs(a.p90),
          'p99 ms': formatMs(a.p99),
          'max ms': formatMs(a.max),
        },
      ]),
    );

    return out.join('\n');
  } finally {
    await browser?.close();
    await core?.stop();
    agent.destroy();
    temp.remove();
  }
}

/** Sections 3 and 4: memory and start-up with 100,000 stored comments, and scrolling them. */
export async function benchQueueStore(): Promise<string> {
  const temp = makeTempDir();
  let core: CliRun | null = null;
  let browser: Browser | null = null;
  const out: string[] = [];
  try {
    core = runCli(['serve', '--port', '0', '--data-dir', temp.dir], {
      PANELCAST_LOG_LEVEL: 'warn',
    });
    const { url, token } = await core.ready;
    const pid = core.child.pid ?? 0;
    const rssRows: { comments: string; 'core RSS MiB': string }[] = [
      { comments: '0 (fresh start)', 'core RSS MiB': rssMiB(pid).toFixed(0) },
    ];
    let sent = 0;
    const fillStart = performance.now();
    while (sent < STORED) {
      const batch: Promise<unknown>[] = [];
      for (let k = 0; k < 200 && sent < STORED; k += 1, sent += 1) {
        batch.push(post(url, token, '/api/comments', comment(sent, prose(sent))));
      }
      await Promise.all(batch);
      if (sent % 25_000 === 0)
        rssRows.push({ comments: String(sent), 'core RSS MiB': rssMiB(pid).toFixed(0) });
    }
    const fillRate = STORED / ((performance.now() - fillStart) / 1000);
    await core.stop();

    core = runCli(['serve', '--port', '0', '--data-dir', temp.dir], {
      PANELCAST_LOG_LEVEL: 'warn',
    });
    const restartStart = performance.now();
    await core.ready;
    const restartMs = performance.now() - restartStart;
    const restartRss = rssMiB(core.child.pid ?? 0);

    // 4. A moderator page with every stored comment: load time and scrolling frame times.
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const again = await core.ready;
    const openStart = performance.now();
    await page.goto(`${again.url}moderator?token=${again.token}`);
    await until(
      async () =>
        Number(
          await page.evaluate(
            `document.querySelector('[data-testid="count-incoming"]')?.textContent ?? 0`,
          ),
        ) >=
        STORED * 0.99,
      120_000,
    );
    const loadMs = performance.now() - openStart;
    const scroll = await page.evaluate<{
      deltas: number[];
      cards: number;
      top: number;
    }>(`(async () => {
      const el = document.querySelector('[data-testid="column-incoming"] .column__scroll');
      const deltas = [];
      let last = performance.now();
      let y = 0;
      await new Promise((resolve) => {
        const step = (t) => {
          deltas.push(t - last);
          last = t;
          y += 400;
          el.scrollTop = y;
          if (deltas.length < 300) requestAnimationFrame(step); else resolve();
        };
        requestAnimationFrame(step);
      });
      return { deltas: deltas.slice(1), cards: document.querySelectorAll('[data-testid="comment-card"]').length, top: el.scrollTop };
    })()`);
    const frames = summarize(scroll.deltas);
    await browser.close();
    browser = null;
    out.push(
      `Filling to ${STORED} comments ran at ${fillRate.toFixed(0)} comments/s over REST (200 requests in flight).`,
      '',
      table([
        ...rssRows,
        { comments: `${STORED} (restarted, all loaded)`, 'core RSS MiB': restartRss.toFixed(0) },
      ]),
      '',
      `Restart with ${STORED} stored comments: ready in ${restartMs.toFixed(0)} ms.`,
      '',
      `A moderator page with all ${STORED} comments: loaded and counted in ${loadMs.toFixed(0)} ms; ` +
        `scrolling the incoming column 400 px per frame for ${frames.n} frames kept ` +
        `${scroll.cards} cards in the DOM.`,
      '',
      table([
        {
          measure: 'frame interval while scrolling',
          samples: frames.n,
          'p50 ms': formatMs(frames.p50),
          'p90 ms': formatMs(frames.p90),
          'p99 ms': formatMs(frames.p99),
          'max ms': formatMs(frames.max),
        },
      ]),
    );
    return out.join('\n');
  } finally {
    await browser?.close();
    await core?.stop();
    agent.destroy();
    temp.remove();
  }
}
