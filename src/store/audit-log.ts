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

  constructor(db: Database) {
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
}
