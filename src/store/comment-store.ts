// Comments in SQLite: written before anyone sees them, each in the current show, de-duplicated
// forever on (platform, platformId) across all shows, and their moderation state kept current.
import type { Database, Statement } from 'better-sqlite3';
import type {
  Comment,
  CommentAuthor,
  CommentFlags,
  CommentStatus,
  Platform,
} from '../shared/comment.js';
import type { ShowScope } from './show-store.js';

export interface CommentRow {
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
  readonly #show: ShowScope;
  readonly #insert: Statement;
  readonly #moderate: Statement;
  readonly #position: Statement;

  constructor(db: Database, show: ShowScope) {
    this.#db = db;
    this.#show = show;
    this.#insert = db.prepare(`
      INSERT INTO comments (id, platform, platform_id, author_name, author_handle, author_avatar,
        author_profile, text, created_at, received_at, url, question, link, superchat, status,
        pinned, group_id, moderated_by, moderated_at, filter_reason, show_id)
      VALUES (@id, @platform, @platformId, @authorName, @authorHandle, @authorAvatar,
        @authorProfile, @text, @createdAt, @receivedAt, @url, @question, @link, @superchat,
        @status, @pinned, @groupId, @moderatedBy, @moderatedAt, @filterReason, @showId)
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
      showId: this.#show.currentId,
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

  /**
   * Every comment of the current show, in arrival order, read row by row. What rows have in
   * common (a person's author details, flags, status and platform words) is held once.
   */
  *loadAll(): Generator<Comment> {
    const rows = this.#db
      .prepare('SELECT * FROM comments WHERE show_id = ? ORDER BY seq')
      .iterate(this.#show.currentId);
    const sharing = new RowSharing();
    for (const row of rows) {
      yield sharing.comment(row as CommentRow);
    }
  }

  approvedOrder(): string[] {
    const rows = this.#db
      .prepare(
        "SELECT id FROM comments WHERE show_id = ? AND status = 'approved' AND position IS NOT NULL ORDER BY position",
      )
      .all(this.#show.currentId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Records one vote; false when this voter already voted for this comment. */
  addVote(commentId: string, voter: string): boolean {
    const result = this.#db
      .prepare('INSERT INTO votes (comment_id, voter, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(commentId, voter, new Date().toISOString());
    return result.changes === 1;
  }

  /** Votes per comment id of the current show. */
  voteCounts(): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT v.comment_id AS id, COUNT(*) AS n FROM votes v JOIN comments c ON c.id = v.comment_id
         WHERE c.show_id = ? GROUP BY v.comment_id`,
      )
      .all(this.#show.currentId) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** Notes that a comment went on air in the current show (the show's on-air history). */
  recordOnAir(id: string, at: string, actor: string): void {
    this.#db
      .prepare('INSERT INTO on_air (show_id, comment_id, at, actor) VALUES (?, ?, ?, ?)')
      .run(this.#show.currentId, id, at, actor);
  }

  /**
   * Moves approved, never aired questions (with the comments grouped under them) of ended shows
   * into the current show, at the end of its queue. Returns the ids moved.
   */
  carryOver(ids: readonly string[]): string[] {
    const find = this.#db.prepare(
      `SELECT c.id, c.show_id AS showId FROM comments c JOIN shows s ON s.id = c.show_id
       WHERE c.id = ? AND c.status = 'approved' AND s.state = 'ended'`,
    );
    const move = this.#db.prepare(
      `UPDATE comments SET show_id = @to, carried_from = @from,
         position = CASE WHEN id = @id THEN @position ELSE NULL END
       WHERE show_id = @from AND (id = @id OR group_id = @id)`,
    );
    const top = this.#db
      .prepare('SELECT COALESCE(MAX(position), -1) AS p FROM comments WHERE show_id = ?')
      .get(this.#show.currentId) as { p: number };
    const moved: string[] = [];
    for (const id of ids) {
      const row = find.get(id) as { id: string; showId: number } | undefined;
      if (!row || moved.includes(id)) continue;
      move.run({
        to: this.#show.currentId,
        from: row.showId,
        id,
        position: top.p + 1 + moved.length,
      });
      moved.push(id);
    }
    return moved;
  }

  votesBy(voter: string): string[] {
    const rows = this.#db
      .prepare('SELECT comment_id AS id FROM votes WHERE voter = ?')
      .all(voter) as { id: string }[];
    return rows.map((r) => r.id);
  }
}

/**
 * Builds comments from rows the way fromRow does, but with one author object per person, one
 * flags object per kind and one copy of each repeated word: SQLite hands every row its own
 * strings, and the core keeps every comment of the current show in memory (issue 11: memory
 * bounded by the current show; people ask several questions, a few moderators act on all).
 */
export class RowSharing {
  readonly #words = new Map<string, string>();
  readonly #authors = new Map<string, CommentAuthor>();
  readonly #flags = new Map<string, CommentFlags>();

  comment(row: CommentRow): Comment {
    const comment = fromRow(row);
    comment.platform = this.#word(comment.platform);
    comment.status = this.#word(comment.status);
    comment.author = this.#author(comment.author);
    comment.flags = this.#flagsOf(comment.flags);
    comment.moderatedBy = comment.moderatedBy === null ? null : this.#word(comment.moderatedBy);
    comment.filterReason = comment.filterReason === null ? null : this.#word(comment.filterReason);
    return comment;
  }

  #word<T extends string>(text: T): T {
    const known = this.#words.get(text);
    if (known !== undefined) return known as T;
    this.#words.set(text, text);
    return text;
  }

  #author(author: CommentAuthor): CommentAuthor {
    const key = JSON.stringify([author.name, author.handle, author.avatarUrl, author.profileUrl]);
    const known = this.#authors.get(key);
    if (known) return known;
    this.#authors.set(key, author);
    return author;
  }

  #flagsOf(flags: CommentFlags): CommentFlags {
    // A Super Chat's amount is its own; those are few.
    if (flags.superchat !== null) return flags;
    const key = `${String(flags.question)}${String(flags.link)}`;
    const known = this.#flags.get(key);
    if (known) return known;
    this.#flags.set(key, flags);
    return flags;
  }
}

export function fromRow(row: CommentRow): Comment {
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
