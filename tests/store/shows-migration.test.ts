// A database made by the release before shows opens, keeps every comment, and shows them as one
// past show named after the old title; the current show is a new, planned one with an empty queue.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShowDetail } from '../../src/shared/report.js';
import type { ArchivedShow } from '../../src/shared/show.js';
import { openDatabase } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { api, startTestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const BEFORE_SHOWS = MIGRATIONS.filter((m) => m.version <= 5);
const STATUSES = ['incoming', 'approved', 'on_air', 'done', 'rejected', 'filtered'] as const;

/** Fills a version-5 database the way that release wrote it. */
function oldDatabase(file: string, comments: number): void {
  const { db } = openDatabase(file, BEFORE_SHOWS);
  const insert = db.prepare(`
    INSERT INTO comments (id, platform, platform_id, author_name, text, created_at, received_at,
      question, link, status, moderated_by, moderated_at)
    VALUES (?, 'youtube', ?, ?, ?, ?, ?, 1, 0, ?, ?, ?)`);
  for (let i = 0; i < comments; i += 1) {
    const at = new Date(Date.UTC(2026, 10, 18, 18, 0, i)).toISOString();
    const status = STATUSES[i % STATUSES.length] ?? 'incoming';
    const moderated = status === 'incoming' ? null : at;
    insert.run(
      `c${i}`,
      `yt${i}`,
      `Viewer ${i}`,
      `Question ${i}?`,
      at,
      at,
      status,
      moderated && 'Anna',
      moderated,
    );
  }
  db.prepare("INSERT INTO settings VALUES ('show.title', ?, 'then')").run(
    JSON.stringify('NextTalk'),
  );
  db.prepare(
    "INSERT INTO segment_starts (segment_id, title, started_at, offset_sec) VALUES ('s1', 'Intro', ?, 0)",
  ).run('2026-11-18T18:00:00.000Z');
  db.prepare(
    "INSERT INTO actions (at, actor, action, target) VALUES ('2026-11-18T18:00:01.000Z', 'Anna', 'queue:approve', 'c1')",
  ).run();
  db.close();
}

describe('migration into shows', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('keeps every comment and shows them as one past show named after the old title', async () => {
    oldDatabase(path.join(temp.dir, 'panelcast.db'), 60);
    const core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    try {
      const stored = core.db.prepare('SELECT COUNT(*) AS n FROM comments').get() as { n: number };
      expect(stored.n).toBe(60);
      // The current show is new and planned, with the old title and nothing in its queue.
      expect(core.hub.get('show')).toMatchObject({ title: 'NextTalk', state: 'planned' });
      expect(core.queue.size).toBe(0);
      expect(core.hub.get('rundown').starts).toEqual([]);

      const archive = await api(core, 'GET', '/api/shows');
      const shows = (archive.body as { total: number; shows: ArchivedShow[] }).shows;
      expect(shows).toHaveLength(1);
      // on_air and done both went on air: 10 of each in 60.
      expect(shows[0]).toMatchObject({
        title: 'NextTalk',
        state: 'ended',
        comments: 60,
        aired: 20,
      });
      const id = shows[0]?.id ?? 0;
      const detail = (await api(core, 'GET', `/api/shows/${id}?status=incoming&limit=5`))
        .body as ShowDetail;
      expect(detail.counts).toEqual({
        incoming: 10,
        approved: 10,
        on_air: 10,
        done: 10,
        rejected: 10,
        filtered: 10,
      });
      expect(detail.questions.total).toBe(10);
      expect(detail.questions.items).toHaveLength(5);
      expect(detail.actions.map((a) => a.action)).toEqual(['queue:approve']);
      const report = await api(core, 'GET', `/api/shows/${id}/report`);
      expect((report.body as { report: { segments: unknown[] } }).report.segments).toHaveLength(1);
    } finally {
      await core.dispose();
    }
  });

  it('an empty old database gets just one planned show', async () => {
    const { db } = openDatabase(path.join(temp.dir, 'panelcast.db'), BEFORE_SHOWS);
    db.close();
    const core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    try {
      const shows = core.db.prepare('SELECT state FROM shows').all();
      expect(shows).toEqual([{ state: 'planned' }]);
    } finally {
      await core.dispose();
    }
  });
});
