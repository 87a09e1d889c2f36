// De-duplication holds for any delivery pattern: every (platform, platformId) is stored once,
// forever, whatever repeats, reorders or restarts happen in between.
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueueController } from '../../src/queue/service/queue-controller.js';
import { PLATFORMS } from '../../src/shared/comment.js';
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

const delivery = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  platformId: fc.stringMatching(/^[a-z0-9]{1,4}$/),
  text: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim().length > 0),
});

describe('de-duplication', () => {
  it('stores each platform post once, whatever is delivered again and whenever', () => {
    fc.assert(
      fc.property(
        fc.array(delivery, { maxLength: 120 }),
        fc.nat({ max: 120 }),
        (deliveries, restartAt) => {
          const db = new BetterSqlite3(':memory:');
          migrate(db, MIGRATIONS, ':memory:');
          let queue = controller(db);
          const seen = new Set<string>();
          deliveries.forEach((d, i) => {
            // A restart in the middle: the new controller reads the store back.
            if (i === restartAt) queue = controller(db);
            const result = queue.ingest({
              platform: d.platform,
              platformId: d.platformId,
              author: { name: 'A', handle: null, avatarUrl: null, profileUrl: null },
              text: d.text,
              createdAt: new Date().toISOString(),
              url: null,
            });
            const key = `${d.platform}/${d.platformId}`;
            expect(result.outcome).toBe(seen.has(key) ? 'duplicate' : 'added');
            seen.add(key);
          });
          expect(queue.size).toBe(seen.size);
          const stored = (db.prepare('SELECT COUNT(*) AS n FROM comments').get() as { n: number })
            .n;
          expect(stored).toBe(seen.size);
          db.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
