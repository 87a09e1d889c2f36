// Who did what, when: every intent that changes the show is appended here.
import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

export class AuditLog {
  readonly #insert;
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO actions (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    );
  }

  append(entry: Omit<AuditEntry, 'at'>): void {
    this.#insert.run(
      new Date().toISOString(),
      entry.actor,
      entry.action,
      entry.target,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    );
  }

  recent(limit: number): AuditEntry[] {
    const rows = this.#db
      .prepare('SELECT at, actor, action, target, detail FROM actions ORDER BY id DESC LIMIT ?')
      .all(limit) as {
      at: string;
      actor: string;
      action: string;
      target: string | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      ...r,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
    }));
  }
}
