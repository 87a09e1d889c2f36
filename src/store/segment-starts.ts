// When each rundown segment of the current show started, in order: the show's chapter marks. Kept in SQLite so a
// restart mid-show keeps the running times and the chapter list.
import type { Database } from 'better-sqlite3';
import type { SegmentStart } from '../shared/state.js';
import type { ShowScope } from './show-store.js';

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
  readonly #show: ShowScope;

  constructor(db: Database, show: ShowScope) {
    this.#show = show;
    this.#select = db.prepare<[number], SegmentStartRow>(
      'SELECT segment_id, title, started_at, offset_sec FROM segment_starts WHERE show_id = ? ORDER BY id',
    );
    this.#insert = db.prepare(
      `INSERT INTO segment_starts (segment_id, title, started_at, offset_sec, show_id)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.#clear = db.prepare('DELETE FROM segment_starts WHERE show_id = ?');
  }

  /** The current show's starts, or another show's (the archive and the report). */
  list(showId: number = this.#show.currentId): SegmentStart[] {
    return this.#select.all(showId).map((r) => ({
      segmentId: r.segment_id,
      title: r.title,
      startedAt: r.started_at,
      offsetSec: r.offset_sec,
    }));
  }

  append(start: SegmentStart): void {
    this.#insert.run(
      start.segmentId,
      start.title,
      start.startedAt,
      start.offsetSec,
      this.#show.currentId,
    );
  }

  clear(): void {
    this.#clear.run(this.#show.currentId);
  }
}
