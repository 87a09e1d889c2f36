// Viewers' personal data in stored comments: made anonymous in shows that ended long enough ago
// (the questions stay), and removed for one person on request.
import type { Database } from 'better-sqlite3';

export interface ForgetWho {
  platform: string;
  /** The person's handle on that platform, or (where it has none) their shown name. */
  handle: string | null;
  name: string | null;
}

export class PrivacyStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Removes names, handles, avatars, profile and post links from comments of shows that ended
   * before `cutoff`. Returns the shows touched and how many comments changed.
   */
  anonymizeEndedBefore(cutoff: string): { shows: number[]; comments: number } {
    return this.#db.transaction(() => {
      const shows = (
        this.#db
          .prepare(
            `SELECT DISTINCT s.id FROM shows s JOIN comments c ON c.show_id = s.id
             WHERE s.state = 'ended' AND s.ended_at < ?
               AND (c.author_name != '' OR c.author_handle IS NOT NULL
                 OR c.author_avatar IS NOT NULL OR c.author_profile IS NOT NULL OR c.url IS NOT NULL)
             ORDER BY s.id`,
          )
          .all(cutoff) as { id: number }[]
      ).map((r) => r.id);
      let comments = 0;
      const clear = this.#db.prepare(
        `UPDATE comments SET author_name = '', author_handle = NULL, author_avatar = NULL,
           author_profile = NULL, url = NULL
         WHERE show_id = ? AND (author_name != '' OR author_handle IS NOT NULL
           OR author_avatar IS NOT NULL OR author_profile IS NOT NULL OR url IS NOT NULL)`,
      );
      for (const id of shows) comments += clear.run(id).changes;
      return { shows, comments };
    })();
  }

  /** Deletes every comment (and its votes) one person wrote, in every show. Returns how many. */
  forget(who: ForgetWho): number {
    const byHandle = who.handle !== null;
    const result = this.#db
      .prepare(
        byHandle
          ? `DELETE FROM comments
             WHERE platform = ? AND ltrim(lower(author_handle), '@') = ltrim(lower(?), '@')`
          : 'DELETE FROM comments WHERE platform = ? AND author_name = ?',
      )
      .run(who.platform, byHandle ? who.handle : who.name);
    return result.changes;
  }
}
