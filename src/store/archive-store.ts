// Past shows read from SQLite on demand: one show's comments (paged or row by row), what aired
// when, who acted, and when streams went up and down. Nothing here is kept in memory.
import type { Database } from 'better-sqlite3';
import type { Comment, CommentStatus } from '../shared/comment.js';
import { fromRow, type CommentRow } from './comment-store.js';

export interface OnAirRow {
  commentId: string;
  text: string;
  author: string;
  at: string;
  actor: string;
}

export interface ActionRow {
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

export interface StreamEvent {
  source: string;
  name: string;
  kind: 'up' | 'down';
  at: string;
}

export class ArchiveStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  counts(showId: number): Partial<Record<CommentStatus, number>> {
    const rows = this.#db
      .prepare('SELECT status, COUNT(*) AS n FROM comments WHERE show_id = ? GROUP BY status')
      .all(showId) as { status: CommentStatus; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** One page of a show's comments, oldest first, optionally of one status. */
  page(
    showId: number,
    status: CommentStatus | undefined,
    limit: number,
    offset: number,
  ): { total: number; comments: Comment[] } {
    const where = status === undefined ? 'show_id = ?' : 'show_id = ? AND status = ?';
    const args = status === undefined ? [showId] : [showId, status];
    const total = (
      this.#db.prepare(`SELECT COUNT(*) AS n FROM comments WHERE ${where}`).get(...args) as {
        n: number;
      }
    ).n;
    const rows = this.#db
      .prepare(`SELECT * FROM comments WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as CommentRow[];
    return { total, comments: rows.map(fromRow) };
  }

  /** Every comment of a show, row by row (the report and its downloads). */
  *comments(showId: number): Generator<Comment> {
    const rows = this.#db
      .prepare('SELECT * FROM comments WHERE show_id = ? ORDER BY seq')
      .iterate(showId);
    for (const row of rows) yield fromRow(row as CommentRow);
  }

  votes(showId: number): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT v.comment_id AS id, COUNT(*) AS n FROM votes v JOIN comments c ON c.id = v.comment_id
         WHERE c.show_id = ? GROUP BY v.comment_id`,
      )
      .all(showId) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  onAir(showId: number): OnAirRow[] {
    return this.#db
      .prepare(
        `SELECT o.comment_id AS commentId, COALESCE(c.text, '') AS text,
           COALESCE(c.author_name, '') AS author, o.at, o.actor
         FROM on_air o LEFT JOIN comments c ON c.id = o.comment_id
         WHERE o.show_id = ? ORDER BY o.id`,
      )
      .all(showId) as OnAirRow[];
  }

  actions(showId: number, limit: number): ActionRow[] {
    return this.#db
      .prepare(
        'SELECT at, actor, action, target FROM actions WHERE show_id = ? ORDER BY id LIMIT ?',
      )
      .all(showId, limit) as ActionRow[];
  }

  /** Moderation actions per person (queue intents only). */
  actionsPerActor(showId: number): { actor: string; count: number }[] {
    return this.#db
      .prepare(
        `SELECT actor, COUNT(*) AS count FROM actions WHERE show_id = ? AND action LIKE 'queue:%'
         GROUP BY actor ORDER BY count DESC, actor`,
      )
      .all(showId) as { actor: string; count: number }[];
  }

  carriedFrom(showId: number): number {
    return (
      this.#db.prepare('SELECT COUNT(*) AS n FROM comments WHERE carried_from = ?').get(showId) as {
        n: number;
      }
    ).n;
  }

  streamEvents(showId: number): StreamEvent[] {
    return this.#db
      .prepare('SELECT source, name, kind, at FROM stream_events WHERE show_id = ? ORDER BY id')
      .all(showId) as StreamEvent[];
  }

  recordStreamEvent(showId: number, event: StreamEvent): void {
    this.#db
      .prepare('INSERT INTO stream_events (show_id, source, name, kind, at) VALUES (?, ?, ?, ?, ?)')
      .run(showId, event.source, event.name, event.kind, event.at);
  }
}
