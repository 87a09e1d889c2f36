// Who is in the remote-guest room and which peer connections follow from that: a full mesh among
// the guests who are ready and the host, one receive-only link from each guest on stage to each
// stage page (a feed page only its one guest), and one from each guest in the room (ready or
// not) to each director panel, for its thumbnail. Pure: the service sends what this decides.
import type { ConnectivityReport } from '../shared/connection-check.js';
import type { GuestRoomState, ParticipantKind, RoomLink, RoomStats } from '../shared/guest-room.js';

export interface Participant {
  /** The connection (socket id); a reconnect is a new session. */
  session: string;
  /** "host", the guest's id, "stage:<session>" or "monitor:<session>". */
  id: string;
  kind: ParticipantKind;
  name: string;
  role: string;
  /** Said "Ready" on the join page (guests and the host). */
  ready: boolean;
  /** A feed page's one guest; null for the stage page and everyone else. */
  feed: string | null;
  /** The last quality the browser reported (null before the first). */
  quality: RoomStats | null;
  /** The last connection check the page reported (null before the first). */
  connectivity: ConnectivityReport | null;
}

interface Pair {
  id: string;
  offerer: Participant;
  answerer: Participant;
  /** False for a stage or monitor link: those pages only receive. */
  answererSends: boolean;
}

export class Room {
  readonly #bySession = new Map<string, Participant>();
  #onStage: string[];
  /** Guests who were in the room once, so they read "left" rather than "invited". */
  readonly #seen = new Set<string>();

  /** `onStage`: who held a place on stage before (a restart); they return to it when ready. */
  constructor(onStage: readonly string[] = []) {
    this.#onStage = [...onStage];
  }

  /** Adds a connection; returns the one it replaces (the same guest or host, reloaded). */
  add(participant: Participant): Participant | null {
    const replaced = watches(participant) ? null : this.byId(participant.id);
    if (replaced) this.#bySession.delete(replaced.session);
    this.#bySession.set(participant.session, participant);
    if (participant.kind === 'guest') this.#seen.add(participant.id);
    return replaced;
  }

  remove(session: string): Participant | null {
    const participant = this.#bySession.get(session) ?? null;
    if (!participant) return null;
    // A guest on stage keeps their place while gone: a reload or a dropped line brings them back.
    this.#bySession.delete(session);
    return participant;
  }

  /** Forgets a guest entirely (removed by the producer): not even "left" stays. */
  forget(guestId: string): void {
    this.#seen.delete(guestId);
    this.#onStage = this.#onStage.filter((id) => id !== guestId);
  }

  bySession(session: string): Participant | null {
    return this.#bySession.get(session) ?? null;
  }

  byId(id: string): Participant | null {
    for (const participant of this.#bySession.values())
      if (participant.id === id) return participant;
    return null;
  }

  guestCount(): number {
    return [...this.#bySession.values()].filter((p) => p.kind === 'guest').length;
  }

  stageCount(): number {
    return [...this.#bySession.values()].filter((p) => p.kind === 'stage').length;
  }

  monitorCount(): number {
    return [...this.#bySession.values()].filter((p) => p.kind === 'monitor').length;
  }

  get onStage(): readonly string[] {
    return this.#onStage;
  }

  /** "Ready" with the name and role to show; false when the session is no guest or host. */
  setReady(session: string, name: string, role: string): boolean {
    const participant = this.#bySession.get(session);
    if (!participant || watches(participant)) return false;
    participant.ready = true;
    participant.name = name;
    participant.role = role;
    return true;
  }

  /** Brings a ready guest on stage, or off (also while gone); false when not in the green room. */
  stage(guestId: string, on: boolean): boolean {
    if (!on) {
      this.#onStage = this.#onStage.filter((id) => id !== guestId);
      return true;
    }
    const guest = this.byId(guestId);
    if (!guest || guest.kind !== 'guest' || !guest.ready) return false;
    if (!this.#onStage.includes(guestId)) this.#onStage = [...this.#onStage, guestId];
    return true;
  }

  stateOf(guestId: string, invited: boolean): GuestRoomState {
    const guest = this.byId(guestId);
    if (guest) {
      if (!guest.ready) return 'joining';
      return this.#onStage.includes(guestId) ? 'stage' : 'green';
    }
    if (this.#seen.has(guestId)) return 'left';
    return invited ? 'invited' : 'uninvited';
  }

  /** The other end of a link this session holds, or null when it holds no such link. */
  peerOn(linkId: string, session: string): Participant | null {
    const pair = this.#pairs().find((p) => p.id === linkId);
    if (!pair) return null;
    if (pair.offerer.session === session) return pair.answerer;
    if (pair.answerer.session === session) return pair.offerer;
    return null;
  }

  /** Every session's links, keyed by session. */
  links(): Map<string, RoomLink[]> {
    const result = new Map<string, RoomLink[]>();
    for (const session of this.#bySession.keys()) result.set(session, []);
    for (const pair of this.#pairs()) {
      const { offerer, answerer } = pair;
      result.get(offerer.session)?.push(linkEnd(pair.id, answerer, true, true, pair.answererSends));
      result
        .get(answerer.session)
        ?.push(linkEnd(pair.id, offerer, false, pair.answererSends, true));
    }
    return result;
  }

  #pairs(): Pair[] {
    return [...this.#meshPairs(), ...this.#stagePairs(), ...this.#monitorPairs()];
  }

  #meshPairs(): Pair[] {
    const talkers = [...this.#bySession.values()]
      .filter((p) => !watches(p) && p.ready)
      .sort((a, b) => a.id.localeCompare(b.id));
    return talkers.flatMap((a, i) => talkers.slice(i + 1).map((b) => pairOf(a, b, true)));
  }

  #stagePairs(): Pair[] {
    const stages = [...this.#bySession.values()].filter((p) => p.kind === 'stage');
    return this.#onStage.flatMap((guestId) => {
      const guest = this.byId(guestId);
      if (!guest?.ready) return [];
      return stages
        .filter((s) => s.feed === null || s.feed === guestId)
        .map((stage) => pairOf(guest, stage, false));
    });
  }

  /** Every guest in the room, from joining on, to every director panel: the thumbnails. */
  #monitorPairs(): Pair[] {
    const all = [...this.#bySession.values()];
    const monitors = all.filter((p) => p.kind === 'monitor');
    return all
      .filter((p) => p.kind === 'guest')
      .flatMap((guest) => monitors.map((monitor) => pairOf(guest, monitor, false)));
  }
}

/** Stage pages and director panels only watch: no "Ready", no mesh, never a replaced session. */
function watches(participant: Participant): boolean {
  return participant.kind === 'stage' || participant.kind === 'monitor';
}

/** A guest or the host: in the conversation, with a connection and a return feed of their own. */
export function converses(participant: Participant | null): participant is Participant {
  return participant?.kind === 'guest' || participant?.kind === 'host';
}

/** The offerer sends; the answerer too where `answererSends`. */
function pairOf(offerer: Participant, answerer: Participant, answererSends: boolean): Pair {
  return { id: `${offerer.session}~${answerer.session}`, offerer, answerer, answererSends };
}

function linkEnd(
  id: string,
  peer: Participant,
  offerer: boolean,
  send: boolean,
  receive: boolean,
): RoomLink {
  return {
    id,
    peer: { id: peer.id, kind: peer.kind, name: peer.name, role: peer.role },
    offerer,
    send,
    receive,
  };
}
