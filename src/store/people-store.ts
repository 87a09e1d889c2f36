// People who use Panelcast with a link of their own: name, role, and a hash of their token (the
// token itself is shown once, in the link, and never stored). Revoked people stay for the audit
// log's sake but no longer match any token.
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role } from '../shared/roles.js';
import type { PersonSummary } from '../shared/protocol.js';

interface Row {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_seen_at: string | null;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

const summary = (row: Row): PersonSummary => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
});

export class PeopleStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Adds a person; returns them with their new token (the only time it exists in the clear). */
  add(name: string, role: Role): { person: PersonSummary; token: string } {
    const id = crypto.randomBytes(6).toString('base64url');
    const token = crypto.randomBytes(24).toString('base64url');
    const createdAt = new Date().toISOString();
    this.#db
      .prepare('INSERT INTO people (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, role, hashToken(token), createdAt);
    return { person: { id, name, role, createdAt, lastSeenAt: null }, token };
  }

  list(): PersonSummary[] {
    const rows = this.#db
      .prepare(
        'SELECT id, name, role, created_at, last_seen_at FROM people WHERE revoked_at IS NULL ORDER BY created_at',
      )
      .all() as Row[];
    return rows.map(summary);
  }

  /** True when someone was revoked now. */
  revoke(id: string): boolean {
    const result = this.#db
      .prepare('UPDATE people SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), id);
    return result.changes > 0;
  }

  /** The person a token belongs to, unless revoked. */
  byToken(token: string): PersonSummary | null {
    const row = this.#db
      .prepare(
        'SELECT id, name, role, created_at, last_seen_at FROM people WHERE token_hash = ? AND revoked_at IS NULL',
      )
      .get(hashToken(token)) as Row | undefined;
    return row ? summary(row) : null;
  }

  seen(id: string): void {
    this.#db
      .prepare('UPDATE people SET last_seen_at = ? WHERE id = ?')
      .run(new Date().toISOString(), id);
  }
}
