// Who did what, when: every intent that changes the show is appended here, stamped with the show
// that was current.
import type { Database } from 'better-sqlite3';
import type { ShowScope } from './show-store.js';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

export class AuditLog {
  readonly #insert;
  readonly #show: ShowScope;

  constructor(db: Database, show: ShowScope) {
    this.#show = show;
    this.#insert = db.prepare(
      'INSERT INTO actions (at, actor, action, target, detail, show_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  append(entry: Omit<AuditEntry, 'at'>): void {
    this.#insert.run(
      new Date().toISOString(),
      entry.actor,
      entry.action,
      entry.target,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
      this.#show.currentId,
    );
  }
}
