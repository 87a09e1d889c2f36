// Schema step 6: the show becomes the unit. Comments, segment starts and actions get a show;
// what a database holds from before becomes one ended show named after the old title, and a
// planned show with the same plan becomes current, so last week's queue does not come back.
import type { Database } from 'better-sqlite3';

function setting(db: Database, key: string, fallback: string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? fallback;
}

function titleOf(db: Database): string {
  try {
    const title: unknown = JSON.parse(setting(db, 'show.title', '""'));
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : 'Untitled show';
  } catch {
    return 'Untitled show';
  }
}

export function intoShows(db: Database): void {
  db.exec(`
    CREATE TABLE shows (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      title TEXT NOT NULL,
      hashtags TEXT NOT NULL,
      planned_start TEXT,
      pre_show_min INTEGER NOT NULL,
      rundown TEXT NOT NULL,
      guests TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('planned', 'live', 'ended')),
      created_at TEXT NOT NULL,
      live_at TEXT,
      ended_at TEXT
    );
    -- At most one show is not over: the database itself refuses a second.
    CREATE UNIQUE INDEX shows_one_open ON shows ((state != 'ended')) WHERE state != 'ended';
    ALTER TABLE comments ADD COLUMN show_id INTEGER REFERENCES shows(id);
    -- Set when a producer carried the question over from an earlier show.
    ALTER TABLE comments ADD COLUMN carried_from INTEGER REFERENCES shows(id);
    CREATE INDEX comments_show ON comments(show_id, seq);
    ALTER TABLE segment_starts ADD COLUMN show_id INTEGER REFERENCES shows(id);
    ALTER TABLE actions ADD COLUMN show_id INTEGER REFERENCES shows(id);
    CREATE INDEX actions_show ON actions(show_id, id);
    CREATE TABLE on_air (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      show_id INTEGER NOT NULL REFERENCES shows(id),
      comment_id TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL
    );
    CREATE INDEX on_air_show ON on_air(show_id, id);
    -- When OBS's stream and each destination's push went up or down, for chapters and uptime.
    CREATE TABLE stream_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      show_id INTEGER NOT NULL REFERENCES shows(id),
      source TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('up', 'down')),
      at TEXT NOT NULL
    );
    CREATE INDEX stream_events_show ON stream_events(show_id, id);
  `);
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const hasData =
    count('SELECT COUNT(*) AS n FROM comments') + count('SELECT COUNT(*) AS n FROM segment_starts');
  if (hasData === 0) return;

  const span = db
    .prepare(
      `SELECT MIN(t) AS first, MAX(t) AS last FROM (
         SELECT received_at AS t FROM comments UNION ALL SELECT started_at FROM segment_starts)`,
    )
    .get() as { first: string; last: string };
  const now = new Date().toISOString();
  const plan = {
    title: titleOf(db),
    rundown: setting(db, 'show.rundown', '[]'),
    guests: setting(db, 'show.guests', '[]'),
  };
  const insert = db.prepare(`
    INSERT INTO shows (title, hashtags, planned_start, pre_show_min, rundown, guests, state,
      created_at, live_at, ended_at)
    VALUES (@title, '[]', NULL, 30, @rundown, @guests, @state, @createdAt, @liveAt, @endedAt)`);
  const past = Number(
    insert.run({
      ...plan,
      state: 'ended',
      createdAt: span.first,
      liveAt: span.first,
      endedAt: span.last,
    }).lastInsertRowid,
  );
  db.prepare('UPDATE comments SET show_id = ?').run(past);
  db.prepare('UPDATE segment_starts SET show_id = ?').run(past);
  db.prepare('UPDATE actions SET show_id = ?').run(past);
  db.prepare(
    `INSERT INTO on_air (show_id, comment_id, at, actor)
     SELECT ?, id, COALESCE(moderated_at, received_at), COALESCE(moderated_by, '')
     FROM comments WHERE status IN ('on_air', 'done') ORDER BY moderated_at`,
  ).run(past);
  insert.run({ ...plan, state: 'planned', createdAt: now, liveAt: null, endedAt: null });
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES ('show.rundownPosition', ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(JSON.stringify({ index: -1, startedAt: null }), now);
}
