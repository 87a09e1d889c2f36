// Who is asking: the owner's token from the data folder (full control, as printed at start) or a
// person's own token (their role). Tells listeners when a person is revoked, so open screens
// are cut off at once rather than at their next request.
import type { PeopleStore } from '../store/people-store.js';
import type { Principal } from '../shared/roles.js';
import { tokensEqual } from './control-token.js';

export const OWNER_ID = 'owner';
/** The cookie a personal link is traded for (HttpOnly, so page scripts never see the token). */
export const SESSION_COOKIE = 'panelcast_session';

export class Access {
  readonly #people: PeopleStore;
  readonly #ownerToken: string;
  readonly #revoked = new Set<(personId: string) => void>();

  constructor(people: PeopleStore, ownerToken: string) {
    this.#people = people;
    this.#ownerToken = ownerToken;
  }

  /** `name` is what an owner's screen calls itself ("Ana's laptop"); a person's name is theirs. */
  authenticate(token: string | null | undefined, name?: string): Principal | null {
    if (!token) return null;
    if (tokensEqual(token, this.#ownerToken)) {
      return { personId: OWNER_ID, name: name ?? 'Owner', role: 'producer' };
    }
    const person = this.#people.byToken(token);
    if (!person) return null;
    this.#people.seen(person.id);
    return { personId: person.id, name: person.name, role: person.role };
  }

  /** A new person with their own token (the guests module invites guests this way). */
  add(name: string, role: Principal['role']): ReturnType<PeopleStore['add']> {
    return this.#people.add(name, role);
  }

  revoke(id: string): boolean {
    if (!this.#people.revoke(id)) return false;
    for (const listener of this.#revoked) listener(id);
    return true;
  }

  onRevoked(listener: (personId: string) => void): () => void {
    this.#revoked.add(listener);
    return () => this.#revoked.delete(listener);
  }

  sessionFromCookie(header: string | undefined): string | null {
    return sessionFromCookie(header);
  }

  /** HttpOnly (no page script reads it), SameSite=Strict (no other site sends it), a year. */
  sessionCookie(token: string): string {
    return `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`;
  }
}

/** The session token from a Cookie header, if any. */
export function sessionFromCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === SESSION_COOKIE) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}
