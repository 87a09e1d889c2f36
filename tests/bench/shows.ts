// Memory bounded by the current show: 100,000 comments over 10 past shows plus 10,000 in the
// current one, against the same 110,000 comments all in one show (what the core loaded before
// shows existed). Prints core RSS and restart time (spawn → Control UI printed), 3 runs each.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { openDatabase } from '../../src/store/database.js';
import { table } from './stats.js';

const PAST_SHOWS = 10;
const PER_PAST_SHOW = 10_000;
const CURRENT = 10_000;
const RUNS = 3;
const STATUSES = ['incoming', 'approved', 'done', 'rejected', 'filtered', 'incoming'] as const;
const WORDS =
  'how will open data change local newsrooms and what should journalists learn about verification of images from social media platforms next year'.split(
    ' ',
  );

function prose(seed: number): string {
  let x = seed * 2654435761;
  const words: string[] = [];
  for (let i = 0; i < 8 + (seed % 10); i += 1) {
    x = Math.abs((x ^ (x >>> 13)) * 1274126177) ^ (x >>> 16);
    words.push(WORDS[Math.abs(x) % WORDS.length] ?? 'data');
  }
  return `${words.join(' ')} #${seed}?`;
}

type Layout = 'empty' | 'one' | 'split';

/** Writes the store directly (REST would take minutes): `split` puts past comments in past shows. */
function fill(dir: string, layout: Layout): void {
  const { db } = openDatabase(path.join(dir, 'panelcast.db'));
  if (layout === 'empty') {
    db.close();
    return;
  }
  const split = layout === 'split';
  const show = db.prepare(
    `INSERT INTO shows (title, hashtags, pre_show_min, rundown, guests, state, created_at)
     VALUES (?, '[]', 30, '[]', '[]', ?, ?)`,
  );
  const insert = db.prepare(`
    INSERT INTO comments (id, platform, platform_id, author_name, author_handle, text, created_at,
      received_at, question, link, status, show_id)
    VALUES (?, 'youtube', ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)`);
  db.transaction(() => {
    const now = new Date().toISOString();
    const ids: number[] = [];
    if (split) {
      for (let s = 0; s < PAST_SHOWS; s += 1) {
        ids.push(Number(show.run(`NextTalk #${s + 1}`, 'ended', now).lastInsertRowid));
      }
    }
    const current = Number(show.run('NextTalk now', 'planned', now).lastInsertRowid);
    const total = PAST_SHOWS * PER_PAST_SHOW + CURRENT;
    for (let i = 0; i < total; i += 1) {
      const past = i < PAST_SHOWS * PER_PAST_SHOW;
      const showId = split && past ? (ids[Math.floor(i / PER_PAST_SHOW)] ?? current) : current;
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const status = STATUSES[i % STATUSES.length] ?? 'incoming';
      insert.run(
        `b${i}`,
        `yt${i}`,
        `Viewer ${i % 500}`,
        `@v${i % 500}`,
        prose(i),
        at,
        at,
        status,
        showId,
      );
    }
  })();
  db.close();
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN') / 1024;
}

async function measure(dir: string): Promise<{ restartMs: number; rss: number }> {
  const started = performance.now();
  const core = runCli(['serve', '--port', '0', '--data-dir', dir], { PANELCAST_LOG_LEVEL: 'warn' });
  try {
    await core.ready;
    const restartMs = performance.now() - started;
    // Let start-up garbage be collected before reading the resident size.
    await sleep(1500);
    return { restartMs, rss: rssMiB(core.child.pid ?? 0) };
  } finally {
    await core.stop();
  }
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchShows(): Promise<string> {
  const rows: Record<string, string>[] = [];
  for (const [label, layout] of [
    ['no comments (fresh start)', 'empty'],
    ['110,000 comments in one show (as before shows)', 'one'],
    ['10 past shows × 10,000 + 10,000 current', 'split'],
  ] as const) {
    const temp = makeTempDir();
    try {
      fill(temp.dir, layout);
      const runs: { restartMs: number; rss: number }[] = [];
      for (let r = 0; r < RUNS; r += 1) runs.push(await measure(temp.dir));
      rows.push({
        case: label,
        runs: String(RUNS),
        'restart p50 ms': median(runs.map((x) => x.restartMs)).toFixed(0),
        'RSS p50 MiB': median(runs.map((x) => x.rss)).toFixed(0),
        'RSS max MiB': Math.max(...runs.map((x) => x.rss)).toFixed(0),
      });
    } finally {
      temp.remove();
    }
  }
  return table(rows);
}
