// When each rundown segment started, in order: the show's chapter marks. Kept in SQLite so a
// restart mid-show keeps the running times and the chapter list.
import type { Database } from 'better-sqlite3';
import type { SegmentStart } from '../shared/state.js';

interface SegmentStartRow {
  segment_id: string;
  title: string;
  started_at: string;
  offset_sec: number | null;
}

export class SegmentStartLog {
  readonly #select;
  readonly #insert;
  readonly #clear;

  constructor(db: Database) {
    this.#select = db.prepare<[], SegmentStartRow>(
      'SELECT segment_id, title, started_at, offset_sec FROM segment_starts ORDER BY id',
    );
    this.#insert = db.prepare(
      'INSERT INTO segment_starts (segment_id, title, started_at, offset_sec) VALUES (?, ?, ?, ?)',
    );
    this.#clear = db.prepare('DELETE FROM segment_starts');
  }

  list(): SegmentStart[] {
    return this.#select.all().map((r) => ({
      segmentId: r.segment_id,
      title: r.title,
      startedAt: r.started_at,
      offsetSec: r.offset_sec,
    }));
  }

  append(start: SegmentStart): void {
    this.#insert.run(start.segmentId, start.title, start.startedAt, start.offsetSec);
  }

  clear(): void {
    this.#clear.run();
  }
}
