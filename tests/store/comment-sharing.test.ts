// The core keeps every comment of the current show in memory: loaded from SQLite, a person's
// author details, the flags and the repeated words are held once, not once per comment, and
// every comment still reads exactly as it was stored.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IncomingComment } from '../../src/shared/comment-schema.js';
import { QueueController } from '../../src/queue/service/queue-controller.js';
import { StateHub } from '../../src/shared/state-hub.js';
import { initialState } from '../../src/shared/initial-state.js';
import { AuditLog } from '../../src/store/audit-log.js';
import { CommentStore } from '../../src/store/comment-store.js';
import { ShowStore } from '../../src/store/show-store.js';
import { migrate } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

function controller(db: BetterSqlite3.Database): QueueController {
  const shows = new ShowStore(db, 'Show');
  return new QueueController({
    store: new CommentStore(db, shows),
    hub: new StateHub(initialState('test', 'Show', false), (text) => text),
    audit: new AuditLog(db, shows),
    blocklist: { words: [], authors: [] },
  });
}

const by = (name: string, n: number, superchat: { amount: string } | null = null) =>
  ({
    platform: 'youtube',
    platformId: `yt-${name}-${n}`,
    author: {
      name,
      handle: `@${name}`,
      avatarUrl: `https://yt3.ggpht.com/${name}=s88`,
      profileUrl: `https://www.youtube.com/channel/UC${name}`,
    },
    text: `Question ${n} from ${name}?`,
    createdAt: new Date(Date.UTC(2026, 11, 3, 18, 0, n)).toISOString(),
    url: null,
    superchat,
  }) satisfies IncomingComment;

describe('comments loaded for the current show', () => {
  it('hold each person and each kind of flags once, and read as stored', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS, ':memory:');
    const first = controller(db);
    for (let n = 0; n < 4; n += 1) first.ingest(by('ada', n));
    for (let n = 0; n < 3; n += 1) first.ingest(by('bob', n));
    first.ingest(by('ada', 9, { amount: '€5.00' }));
    const stored = [...first.all()].map((c) => structuredClone(c));

    const loaded = [...controller(db).all()];
    expect(loaded).toEqual(stored);
    const ada = loaded.filter((c) => c.author.name === 'ada');
    const bob = loaded.filter((c) => c.author.name === 'bob');
    expect(new Set(ada.map((c) => c.author)).size).toBe(1);
    expect(new Set(bob.map((c) => c.author)).size).toBe(1);
    expect(ada[0]?.author).not.toBe(bob[0]?.author);
    const plain = loaded.filter((c) => c.flags.superchat === null);
    expect(new Set(plain.map((c) => c.flags)).size).toBe(1);
    expect(loaded.find((c) => c.flags.superchat)?.flags.superchat).toEqual({ amount: '€5.00' });
  });
});
