// The room behind /guest: admits guests by their invite, the host and director panels by a
// producer's or moderator's token and stage pages from this computer; relays signalling only
// along the links the room decides; tells each browser its links whenever they change; mirrors
// the room into the state.
import crypto from 'node:crypto';
import type { Access } from '../access/access.js';
import type { ConnectivityReport } from '../shared/connection-check.js';
import { UserError } from '../shared/errors.js';
import {
  MAX_ROOM_GUESTS,
  MAX_ROOM_MONITORS,
  type GuestAuth,
  type IceServer,
  type RoomAck,
  type RoomCue,
  type RoomFeed,
  type RoomTalkLine,
  type RoomAdmitted,
  type RoomOutbox,
  type RoomRefusal,
  type RoomSignal,
  type RoomStats,
  type RoomState,
  type RoomStageView,
  type StageLayout,
} from '../shared/guest-room.js';
import { inEnglish, message, type Message } from '../shared/messages/message.js';
import type { StateHub } from '../shared/state-hub.js';
import type { GuestInviteStore } from '../store/guest-invite-store.js';
import { returnFeed } from './return-feed.js';
import { Room, converses, type Participant } from './room.js';
import { turnCredentials } from './turn-credentials.js';

export interface IceSettings {
  stun: string[];
  turn: string[];
  turnTtlMin: number;
}

export interface GuestRoomDeps {
  hub: StateHub;
  access: Access;
  invites: GuestInviteStore;
  ice: () => IceSettings;
  turnSecret: () => string | null;
  /** Who was on stage when the core last ran, and where the order is kept. */
  onStage: { saved: readonly string[]; save: (ids: string[]) => void };
  /** The stage layout the producer chose last, and where it is kept. */
  layout: { saved: StageLayout; save: (layout: StageLayout) => void };
}

/** Lines of talkback kept (in memory: talkback is for the moment, not the archive). */
const TALK_KEPT = 50;

type Admission = { ok: true; who: RoomAdmitted } | { ok: false; refusal: RoomRefusal };

const ack = (coded: Message | null): RoomAck =>
  coded === null ? { ok: true } : { ok: false, error: inEnglish(coded), message: coded };

export class GuestRoomService {
  readonly #deps: GuestRoomDeps;
  readonly #room: Room;
  readonly #outboxes = new Map<string, RoomOutbox>();
  readonly #people = new Map<string, string | null>();
  /** What each session was last told, so only changes go out. */
  readonly #sent = new Map<string, string>();
  readonly #sentFeed = new Map<string, string>();
  readonly #sentStage = new Map<string, string>();
  #layout: StageLayout;
  /** The producer's last cue per guest (or host), by participant id. */
  readonly #cues = new Map<string, NonNullable<RoomFeed['cue']>>();
  /** Talkback with all guests, the last TALK_KEPT lines. */
  #talk: RoomTalkLine[] = [];
  /** The name and role each guest last said Ready with, for their place while they are away. */
  readonly #shown = new Map<string, { name: string; role: string }>();

  constructor(deps: GuestRoomDeps) {
    this.#deps = deps;
    this.#room = new Room(deps.onStage.saved);
    this.#layout = deps.layout.saved;
  }

  admit(
    auth: GuestAuth,
    how: { cookieToken: string | null; loopback: boolean; controlReach: boolean },
  ): Admission {
    if (auth.kind === 'stage') {
      if (!how.loopback) return { ok: false, refusal: 'not_allowed' };
      const who = { id: 'stage', kind: 'stage' as const, name: '', role: '', personId: null };
      return { ok: true, who: { ...who, feed: auth.feed } };
    }
    if (auth.kind === 'host' || auth.kind === 'monitor') return this.#admitStaff(auth, how);
    return this.#admitGuest(auth.invite);
  }

  /** The host or a director panel: a producer's or moderator's token, never a guest's invite. */
  #admitStaff(
    auth: Extract<GuestAuth, { kind: 'host' | 'monitor' }>,
    how: { cookieToken: string | null; controlReach: boolean },
  ): Admission {
    if (!how.controlReach) return { ok: false, refusal: 'not_allowed' };
    const principal = this.#deps.access.authenticate(auth.token ?? how.cookieToken);
    if (principal?.role !== 'producer' && principal?.role !== 'moderator') {
      return { ok: false, refusal: 'not_allowed' };
    }
    if (auth.kind === 'monitor' && this.#room.monitorCount() >= MAX_ROOM_MONITORS) {
      return { ok: false, refusal: 'room_full' };
    }
    const id = auth.kind === 'host' ? 'host' : 'monitor';
    const who = { id, kind: auth.kind, name: principal.name, role: '', feed: null };
    return { ok: true, who: { ...who, personId: principal.personId } };
  }

  #admitGuest(invite: string): Admission {
    const principal = this.#deps.access.authenticate(invite);
    const guestId =
      principal?.role === 'guest' ? this.#deps.invites.guestOf(principal.personId) : null;
    const guest = this.#deps.hub.get('guests').find((g) => g.id === guestId);
    if (!principal || !guest) return { ok: false, refusal: 'invite_invalid' };
    if (!this.#room.byId(guest.id) && this.#room.guestCount() >= MAX_ROOM_GUESTS) {
      return { ok: false, refusal: 'room_full' };
    }
    const who = { id: guest.id, kind: 'guest' as const, name: guest.name, role: guest.role };
    return { ok: true, who: { ...who, feed: null, personId: principal.personId } };
  }

  join(session: string, who: RoomAdmitted, outbox: RoomOutbox): void {
    const id = who.kind === 'stage' || who.kind === 'monitor' ? `${who.kind}:${session}` : who.id;
    const participant: Participant = {
      ...who,
      id,
      session,
      ready: false,
      quality: null,
      connectivity: null,
    };
    const replaced = this.#room.add(participant);
    // The same guest or host from a reloaded page: the old tab goes quiet.
    if (replaced) this.#drop(replaced.session)?.remove();
    this.#outboxes.set(session, outbox);
    this.#people.set(session, who.personId);
    outbox.welcome({
      id,
      kind: who.kind,
      name: who.name,
      role: who.role,
      iceServers: this.#ice(id),
    });
    this.publish();
  }

  ready(session: string, payload: { name: string; role: string }): RoomAck {
    if (!this.#room.setReady(session, payload.name, payload.role)) {
      return ack(message('room.not_participant'));
    }
    const participant = this.#room.bySession(session);
    if (participant?.kind === 'guest') this.#shown.set(participant.id, payload);
    this.publish();
    return ack(null);
  }

  /** Passes a signal to the other end of a link this session holds, and nowhere else. */
  signal(session: string, payload: RoomSignal): RoomAck {
    const peer = this.#room.peerOn(payload.link, session);
    if (!peer) return ack(message('room.no_link'));
    this.#outboxes.get(peer.session)?.signal(payload);
    return ack(null);
  }

  /** A guest's (or the host's) own measure of their connection, for the director panel. */
  stats(session: string, payload: RoomStats): RoomAck {
    const participant = this.#room.bySession(session);
    if (!converses(participant)) return ack(message('room.not_participant'));
    participant.quality = payload;
    this.#deps.hub.set('room', this.state());
    return ack(null);
  }

  /** A guest's (or the host's) connection check: which ways out work, for the director panel. */
  connectivity(session: string, payload: ConnectivityReport): RoomAck {
    const participant = this.#room.bySession(session);
    if (!converses(participant)) return ack(message('room.not_participant'));
    participant.connectivity = payload;
    this.#deps.hub.set('room', this.state());
    return ack(null);
  }

  leave(session: string): void {
    if (!this.#drop(session)) return;
    this.publish();
  }

  /** Brings a guest on stage or takes them off (the director panel). */
  stage(guestId: string, on: boolean): void {
    if (!this.#room.stage(guestId, on)) {
      throw new UserError('conflict', message('room.not_ready', { id: guestId }));
    }
    this.publish();
  }

  /** Lays the stage out anew; its pages follow at once, their connections stay as they are. */
  setLayout(layout: StageLayout): void {
    this.#layout = layout;
    this.#deps.layout.save(layout);
    this.publish();
  }

  /** A guest's line to the production. */
  talk(session: string, payload: { text: string }): RoomAck {
    const participant = this.#room.bySession(session);
    if (participant?.kind !== 'guest') return ack(message('room.not_participant'));
    this.#say(participant.id, 'guest', payload.text);
    return ack(null);
  }

  /** The production's line to a guest in the room. */
  talkTo(guestId: string, text: string): void {
    if (!this.#room.byId(guestId)) {
      throw new UserError('conflict', message('room.not_ready', { id: guestId }));
    }
    this.#say(guestId, 'producer', text);
  }

  #say(guestId: string, from: RoomTalkLine['from'], text: string): void {
    this.#talk = [...this.#talk, { guestId, from, text, at: new Date().toISOString() }].slice(
      -TALK_KEPT,
    );
    this.publish();
  }

  /** A cue on a guest's page: they must be in the room to see it. */
  cue(guestId: string, kind: RoomCue): void {
    if (!this.#room.byId(guestId)) {
      throw new UserError('conflict', message('room.not_ready', { id: guestId }));
    }
    this.#cues.set(guestId, { kind, at: new Date().toISOString() });
    this.publishFeeds();
  }

  /** Sends each guest and the host their return feed where it changed. */
  publishFeeds(): void {
    const names = this.#room.onStage.flatMap((id) => {
      const guest = this.#room.byId(id);
      return guest?.ready ? [guest.name] : [];
    });
    const show = { queue: this.#deps.hub.get('queue'), rundown: this.#deps.hub.get('rundown') };
    for (const [session, outbox] of this.#outboxes) {
      const participant = this.#room.bySession(session);
      if (!converses(participant)) continue;
      const talk = this.#talk.filter((line) => line.guestId === participant.id).slice(-20);
      const feed = returnFeed(show, names, this.#cues.get(participant.id) ?? null, talk);
      const json = JSON.stringify(feed);
      if (this.#sentFeed.get(session) === json) continue;
      this.#sentFeed.set(session, json);
      outbox.feed(feed);
    }
  }

  /** Closes a guest's page for good (their link is revoked by the caller). */
  kick(guestId: string): void {
    const participant = this.#room.byId(guestId);
    if (participant) this.#drop(participant.session)?.remove();
    this.#room.forget(guestId);
    this.publish();
  }

  /** Closes every page of a revoked person (a host's token, a guest's invite). */
  kickPerson(personId: string): void {
    for (const [session, person] of [...this.#people]) {
      if (person === personId) this.#drop(session)?.remove();
    }
    this.publish();
  }

  #drop(session: string): RoomOutbox | null {
    const outbox = this.#outboxes.get(session) ?? null;
    this.#room.remove(session);
    this.#outboxes.delete(session);
    this.#people.delete(session);
    this.#sent.delete(session);
    this.#sentFeed.delete(session);
    this.#sentStage.delete(session);
    return outbox;
  }

  #ice(id: string): IceServer[] {
    const { stun, turn, turnTtlMin } = this.#deps.ice();
    const servers: IceServer[] = stun.length > 0 ? [{ urls: stun }] : [];
    const secret = this.#deps.turnSecret();
    if (turn.length > 0 && secret !== null) {
      // Each browser its own name, so coturn's log says who relayed; the id is not secret.
      const name = `${id.replace(/[^A-Za-z0-9_-]/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
      const ttl = Math.max(1, Math.round(turnTtlMin * 60));
      const { username, credential } = turnCredentials(secret, name, ttl, Date.now());
      servers.push({ urls: turn, username, credential });
    }
    return servers;
  }

  /** Tells each browser its links when they changed, and the director panel the room. */
  publish(): void {
    const onStage = [...this.#room.onStage];
    if (JSON.stringify(onStage) !== JSON.stringify(this.#deps.onStage.saved)) {
      this.#deps.onStage.save(onStage);
    }
    for (const [session, links] of this.#room.links()) {
      const json = JSON.stringify(links);
      if (this.#sent.get(session) === json) continue;
      this.#sent.set(session, json);
      this.#outboxes.get(session)?.links(links);
    }
    this.publishFeeds();
    this.#publishStageView();
    this.#deps.hub.set('room', this.state());
  }

  /**
   * Tells the stage and feed pages the layout and the places on stage where they changed (and
   * each new page).
   */
  #publishStageView(): void {
    const places = this.#places();
    for (const [session, outbox] of this.#outboxes) {
      const page = this.#room.bySession(session);
      if (page?.kind !== 'stage') continue;
      const view: RoomStageView = {
        layout: this.#layout,
        places: page.feed === null ? places : places.filter((p) => p.id === page.feed),
      };
      const json = JSON.stringify(view);
      if (this.#sentStage.get(session) === json) continue;
      this.#sentStage.set(session, json);
      outbox.stage(view);
    }
  }

  /** The guests holding a place on stage, connected or not, in the order they came on. */
  #places(): RoomStageView['places'] {
    const guests = this.#deps.hub.get('guests');
    return this.#room.onStage.flatMap((id) => {
      const listed = guests.find((g) => g.id === id);
      const shown = this.#shown.get(id) ?? listed;
      return shown ? [{ id, name: shown.name, role: shown.role }] : [];
    });
  }

  state(): RoomState {
    const invited = new Set(this.#deps.invites.guestIds());
    const host = this.#room.byId('host');
    const { stun, turn } = this.#deps.ice();
    return {
      guests: this.#deps.hub.get('guests').map((guest) => {
        const inRoom = this.#room.byId(guest.id);
        return {
          id: guest.id,
          state: this.#room.stateOf(guest.id, invited.has(guest.id)),
          shownName: inRoom?.ready ? inRoom.name : null,
          shownRole: inRoom?.ready ? inRoom.role : null,
          quality: inRoom?.quality ?? null,
          connectivity: inRoom?.connectivity ?? null,
        };
      }),
      host: host ? host.name : null,
      stages: this.#room.stageCount(),
      monitors: this.#room.monitorCount(),
      onStage: [...this.#room.onStage],
      layout: this.#layout,
      ice: { stun, turn, turnSecretSaved: this.#deps.turnSecret() !== null },
      talk: this.#talk,
    };
  }
}
