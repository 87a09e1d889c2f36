// Comments in SQLite: written before anyone sees them, de-duplicated forever on
// (platform, platformId) by a unique index, and their moderation state kept current.
import type { Database, Statement } from 'better-sqlite3';
import type { Comment, CommentStatus, Platform } from '../shared/comment.js';

interface Row {
  id: string;
  platform: string;
  platform_id: string;
  author_name: string;
  author_handle: string | null;
  author_avatar: string | null;
  author_profile: string | null;
  text: string;
  created_at: string;
  received_at: string;
  url: string | null;
  question: number;
  link: number;
  superchat: string | null;
  status: string;
  pinned: number;
  group_id: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  filter_reason: string | null;
}

/** The part of a comment that moderation changes. */
export type ModerationRow = Pick<
  Comment,
  'id' | 'status' | 'pinned' | 'groupId' | 'moderatedBy' | 'moderatedAt'
>;

export class CommentStore {
  readonly #db: Database;
  readonly #insert: Statement;
  readonly #moderate: Statement;
  readonly #position: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(`
      INSERT INTO comments (id, platform, platform_id, author_name, author_handle, author_avatar,
        author_profile, text, created_at, received_at, url, question, link, superchat, status,
        pinned, group_id, moderated_by, moderated_at, filter_reason)
      VALUES (@id, @platform, @platformId, @authorName, @authorHandle, @authorAvatar,
        @authorProfile, @text, @createdAt, @receivedAt, @url, @question, @link, @superchat,
        @status, @pinned, @groupId, @moderatedBy, @moderatedAt, @filterReason)
      ON CONFLICT (platform, platform_id) DO NOTHING`);
    this.#moderate = db.prepare(`
      UPDATE comments SET status = @status, pinned = @pinned, group_id = @groupId,
        moderated_by = @moderatedBy, moderated_at = @moderatedAt,
        position = CASE WHEN @status = 'approved' THEN position ELSE NULL END
      WHERE id = @id`);
    this.#position = db.prepare('UPDATE comments SET position = ? WHERE id = ?');
  }

  /**
   * Runs `work` in one transaction: all of it is stored, or none. It takes the write lock first,
   * so a database held by another program refuses before `work` changes anything in memory.
   */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  /** Stores a new comment; false when this (platform, platformId) was stored before. */
  insert(comment: Comment): boolean {
    const result = this.#insert.run({
      id: comment.id,
      platform: comment.platform,
      platformId: comment.platformId,
      authorName: comment.author.name,
      authorHandle: comment.author.handle,
      authorAvatar: comment.author.avatarUrl,
      authorProfile: comment.author.profileUrl,
      text: comment.text,
      createdAt: comment.createdAt,
      receivedAt: comment.receivedAt,
      url: comment.url,
      question: comment.flags.question ? 1 : 0,
      link: comment.flags.link ? 1 : 0,
      superchat: comment.flags.superchat ? JSON.stringify(comment.flags.superchat) : null,
      status: comment.status,
      pinned: comment.pinned ? 1 : 0,
      groupId: comment.groupId,
      moderatedBy: comment.moderatedBy,
      moderatedAt: comment.moderatedAt,
      filterReason: comment.filterReason,
    });
    return result.changes === 1;
  }

  saveModeration(rows: readonly ModerationRow[]): void {
    for (const row of rows) {
      this.#moderate.run({
        id: row.id,
        status: row.status,
        pinned: row.pinned ? 1 : 0,
        groupId: row.groupId,
        moderatedBy: row.moderatedBy,
        moderatedAt: row.moderatedAt,
      });
    }
  }

  /** Stores the approved queue's order (ids of approved cards, first on air first). */
  saveOrder(order: readonly string[]): void {
    order.forEach((id, index) => this.#position.run(index, id));
  }

  /** Every stored comment, in arrival order, read row by row. */
  *loadAll(): Generator<Comment> {
    for (const row of this.#db.prepare('SELECT * FROM comments ORDER BY seq').iterate()) {
      yield fromRow(row as Row);
    }
  }

  approvedOrder(): string[] {
    const rows = this.#db
      .prepare(
        "SELECT id FROM comments WHERE status = 'approved' AND position IS NOT NULL ORDER BY position",
      )
      .all() as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Records one vote; false when this voter already voted for this comment. */
  addVote(commentId: string, voter: string): boolean {
    const result = this.#db
      .prepare('INSERT INTO votes (comment_id, voter, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(commentId, voter, new Date().toISOString());
    return result.changes === 1;
  }

  /** Votes per comment id. */
  voteCounts(): Map<string, number> {
    const rows = this.#db
      .prepare('SELECT comment_id AS id, COUNT(*) AS n FROM votes GROUP BY comment_id')
      .all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  votesBy(voter: string): string[] {
    const rows = this.#db
      .prepare('SELECT comment_id AS id FROM votes WHERE voter = ?')
      .all(voter) as { id: string }[];
    return rows.map((r) => r.id);
  }
}

function fromRow(row: Row): Comment {
  return {
    id: row.id,
    platform: row.platform as Platform,
    platformId: row.platform_id,
    author: {
      name: row.author_name,
      handle: row.author_handle,
      avatarUrl: row.author_avatar,
      profileUrl: row.author_profile,
    },
    text: row.text,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    url: row.url,
    flags: {
      question: row.question === 1,
      link: row.link === 1,
      superchat: row.superchat === null ? null : (JSON.parse(row.superchat) as { amount: string }),
    },
    status: row.status as CommentStatus,
    pinned: row.pinned === 1,
    groupId: row.group_id,
    moderatedBy: row.moderated_by,
    moderatedAt: row.moderated_at,
    filterReason: row.filter_reason,
    votes: 0,
  };
}
