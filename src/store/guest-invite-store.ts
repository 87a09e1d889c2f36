// Which person (and so which hashed token) is each guest's personal room link. A guest has at
// most one live invite; a new one replaces the old, whose person the caller revokes.
import type { Database } from 'better-sqlite3';

export class GuestInviteStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The person behind a guest's invite, if there is one. */
  personOf(guestId: string): string | null {
    const row = this.#db
      .prepare('SELECT person_id FROM guest_invites WHERE guest_id = ?')
      .get(guestId) as { person_id: string } | undefined;
    return row?.person_id ?? null;
  }

  /** The guest a person's token invites into the room, if any. */
  guestOf(personId: string): string | null {
    const row = this.#db
      .prepare('SELECT guest_id FROM guest_invites WHERE person_id = ?')
      .get(personId) as { guest_id: string } | undefined;
    return row?.guest_id ?? null;
  }

  set(guestId: string, personId: string): void {
    this.#db
      .prepare(
        `INSERT INTO guest_invites (guest_id, person_id, created_at) VALUES (?, ?, ?)
         ON CONFLICT(guest_id) DO UPDATE SET person_id = excluded.person_id,
           created_at = excluded.created_at`,
      )
      .run(guestId, personId, new Date().toISOString());
  }

  delete(guestId: string): void {
    this.#db.prepare('DELETE FROM guest_invites WHERE guest_id = ?').run(guestId);
  }

  guestIds(): string[] {
    const rows = this.#db.prepare('SELECT guest_id FROM guest_invites').all() as {
      guest_id: string;
    }[];
    return rows.map((row) => row.guest_id);
  }
}
