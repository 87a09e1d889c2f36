// Handles saved by the Mastodon and Bluesky sources before they dropped the "@" read like every
// other handle after the upgrade, so cards and the lower third show "@alice", not "@@alice".
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const BEFORE = MIGRATIONS.filter((m) => m.version <= 9);
const HANDLES: [string, string | null, string | null][] = [
  ['mastodon', '@alice@social.example', 'alice@social.example'],
  ['bluesky', '@bob.bsky.social', 'bob.bsky.social'],
  ['x', 'carol', 'carol'],
  ['youtube', null, null],
  ['audience', '@', '@'],
];

describe('migration of author handles', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('drops the leading @ the fediverse sources saved, and leaves every other handle', () => {
    const file = path.join(temp.dir, 'panelcast.db');
    const old = openDatabase(file, BEFORE).db;
    const show = old.prepare('SELECT id FROM shows LIMIT 1').get() as { id: string } | undefined;
    const insert = old.prepare(`
      INSERT INTO comments (id, platform, platform_id, author_name, author_handle, text,
        created_at, received_at, question, link, status, show_id)
      VALUES (?, ?, ?, 'Someone', ?, 'Hello?', ?, ?, 1, 0, 'incoming', ?)`);
    const at = '2026-12-03T18:00:00.000Z';
    HANDLES.forEach(([platform, handle], i) =>
      insert.run(`c${i}`, platform, `p${i}`, handle, at, at, show?.id ?? null),
    );
    old.close();

    const { db, migration } = openDatabase(file);
    expect(migration.from).toBe(9);
    const rows = db.prepare('SELECT author_handle FROM comments ORDER BY id').all() as {
      author_handle: string | null;
    }[];
    expect(rows.map((r) => r.author_handle)).toEqual(HANDLES.map(([, , after]) => after));
    db.close();
  });
});
