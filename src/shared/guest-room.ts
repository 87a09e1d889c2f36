// The remote-guest room on the wire: who may connect to /guest and how, the signalling messages
// the core relays (it never carries media), the peer links it tells each browser to open, and
// the room's state as the director panel sees it. One zod schema per incoming shape.
import { z } from 'zod';
import type { ConnectivityReport } from './connection-check.js';
import type { Message } from './messages/message.js';

/** At most this many guests in the room at once: a full mesh grows with the square. */
export const MAX_ROOM_GUESTS = 4;

/** How a browser says who it is when it connects to /guest. */
export const guestAuthSchema = z.discriminatedUnion('kind', [
  /** A guest's personal invite token (from their /join/<token> link). */
  z.strictObject({ kind: z.literal('guest'), invite: z.string().min(16).max(200) }),
  /** The host: a producer or moderator; the control token, or the session cookie when absent. */
  z.strictObject({ kind: z.literal('host'), token: z.string().min(1).max(200).optional() }),
  /** The /stage page (every guest on stage) or /feed/<guest> (one): receive only, loopback only. */
  z.strictObject({ kind: z.literal('stage'), feed: z.string().min(1).max(40).nullable() }),
  /**
   * The director panel's thumbnails: receive only, a small picture of each guest in the room.
   * Admitted by a producer's or moderator's token (or session cookie), like the host.
   */
  z.strictObject({ kind: z.literal('monitor'), token: z.string().min(1).max(200).optional() }),
]);
export type GuestAuth = z.output<typeof guestAuthSchema>;

/** "Ready": into the green room, with the name and role the lower third will show. */
export const roomReadySchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  role: z.string().trim().max(120),
});

/** A guest's connection quality as their browser measures it (WebRTC stats), every few seconds. */
export const roomStatsSchema = z.strictObject({
  /** Round-trip time of the active candidate pairs, averaged. */
  rttMs: z.number().min(0).max(60_000).nullable(),
  /** Share of the packets sent that the peers report lost. */
  lossPct: z.number().min(0).max(100).nullable(),
  /** What the browser sends, all links together. */
  kbps: z.number().min(0).max(1_000_000).nullable(),
  width: z.number().int().min(0).max(10_000).nullable(),
  height: z.number().int().min(0).max(10_000).nullable(),
});
export type RoomStats = z.output<typeof roomStatsSchema>;

const sdpSchema = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z
    .string()
    .min(1)
    .max(64 * 1024),
});
const candidateSchema = z.strictObject({
  candidate: z.string().max(1000),
  sdpMid: z.string().max(64).nullable(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** One signalling message on one link: a session description or an ICE candidate. */
export const roomSignalSchema = z.union([
  z.strictObject({
    link: z.string().min(1).max(200),
    description: sdpSchema,
    /** The offer's number, echoed by its answer: an answer to a replaced offer is ignored. */
    seq: z.number().int().min(0).max(1_000_000_000).optional(),
  }),
  z.strictObject({ link: z.string().min(1).max(200), candidate: candidateSchema }),
]);
export type RoomSignal = z.output<typeof roomSignalSchema>;

export type ParticipantKind = 'guest' | 'host' | 'stage' | 'monitor';

/** Director panels watching at once: each costs every guest one small upload (a thumbnail). */
export const MAX_ROOM_MONITORS = 4;

/**
 * What a guest sends a director panel: a thumbnail, no sound. About 160 px wide at 10 frames a
 * second and at most 150 kbit/s, so a few panels cost a guest's upload little.
 */
export const THUMBNAIL = { width: 160, maxBitrate: 150_000, maxFramerate: 10 } as const;

/** A peer connection the core asks a browser to hold. */
export interface RoomLink {
  /** Unique per pair of connections; a reconnect makes a new one. */
  id: string;
  /** The other end. */
  peer: { id: string; kind: ParticipantKind; name: string; role: string };
  /** The offering side; the other answers (no glare). */
  offerer: boolean;
  /** Whether this end sends its camera and microphone on this link. */
  send: boolean;
  /** Whether this end receives the peer's. */
  receive: boolean;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** Who the guests module admitted a connection as. */
export interface RoomAdmitted {
  id: string;
  kind: ParticipantKind;
  name: string;
  role: string;
  feed: string | null;
  /** The person behind an invite or the host's token; null for stage pages. */
  personId: string | null;
}

/** A line of text talkback between a guest and the production. */
export const roomTalkSchema = z.strictObject({ text: z.string().trim().min(1).max(500) });

export interface RoomTalkLine {
  guestId: string;
  from: 'guest' | 'producer';
  text: string;
  at: string;
}

/**
 * How the /stage page lays out the guests on stage, in the order they came on: a grid that grows
 * with them (two side by side, three or four in two rows), one row of equal tiles, the first
 * guest large beside a strip of the others, or the first guest alone (the others still heard).
 */
export const STAGE_LAYOUTS = ['grid', 'row', 'spotlight', 'solo'] as const;
export type StageLayout = (typeof STAGE_LAYOUTS)[number];

/** A guest holding a place on stage, in the name they said Ready with. */
export interface StagePlace {
  id: string;
  name: string;
  role: string;
}

/** What a stage page needs besides its links. */
export interface RoomStageView {
  layout: StageLayout;
  /**
   * Every guest with a place on this page, in the order they came on stage, whether connected
   * or not: one whose connection dropped keeps their tile ("reconnecting") until they are back or
   * taken off, so the others do not jump around. A feed page's list holds its one guest.
   */
  places: StagePlace[];
}

/** Cues the producer sends a guest: wrap up now, or please unmute. */
export const ROOM_CUES = ['wrap_up', 'unmute'] as const;
export type RoomCue = (typeof ROOM_CUES)[number];

/** The return feed on a guest's page: who is on stage, what is on air, the clock, a cue. */
export interface RoomFeed {
  onStage: string[];
  onAir: { text: string; author: string } | null;
  segment: { title: string; endsAt: string | null } | null;
  /** The last cue for this guest; the page shows it for a little while after `at`. */
  cue: { kind: RoomCue; at: string } | null;
  /** Talkback with the production: this guest's lines, newest last. */
  talk: RoomTalkLine[];
}

/** What the room sends one participant (the transport delivers it over their socket). */
export interface RoomOutbox {
  welcome(welcome: RoomWelcome): void;
  links(links: RoomLink[]): void;
  signal(signal: RoomSignal): void;
  feed(feed: RoomFeed): void;
  /** The layout a stage page shows (stage and feed pages only). */
  stage(view: RoomStageView): void;
  /** Tells the page it was removed, then closes the connection. */
  remove(): void;
}

export interface RoomWelcome {
  /** This participant's id in the room ("host", a guest id, or "stage:…"). */
  id: string;
  kind: ParticipantKind;
  /** For a guest: the name and role from the show's guest list, to check on the join page. */
  name: string;
  role: string;
  iceServers: IceServer[];
}

export type RoomAck = { ok: true } | { ok: false; error: string; message: Message };

export interface GuestServerToClientEvents {
  'room:welcome': (welcome: RoomWelcome) => void;
  /** Every link this browser should hold now; links not listed are closed. */
  'room:links': (links: RoomLink[]) => void;
  'room:signal': (signal: RoomSignal) => void;
  'room:feed': (feed: RoomFeed) => void;
  /** Stage and feed pages: the layout the producer chose; sent on joining and on each change. */
  'room:stage': (view: RoomStageView) => void;
  /** The producer took this guest out of the room (their link no longer works). */
  'room:removed': () => void;
}

export interface GuestClientToServerEvents {
  'room:ready': (payload: { name: string; role: string }, ack: (r: RoomAck) => void) => void;
  'room:signal': (payload: RoomSignal, ack: (r: RoomAck) => void) => void;
  'room:stats': (payload: RoomStats, ack: (r: RoomAck) => void) => void;
  'room:talk': (payload: { text: string }, ack: (r: RoomAck) => void) => void;
  /** The join page's connection check, once it has a verdict (src/shared/connection-check.ts). */
  'room:connectivity': (payload: ConnectivityReport, ack: (r: RoomAck) => void) => void;
}

/** Connection refusals, as the error message of socket.io's connect_error. */
export const ROOM_REFUSALS = [
  'invite_invalid',
  'not_allowed',
  'room_full',
  'bad_auth',
  'cross_origin',
] as const;
export type RoomRefusal = (typeof ROOM_REFUSALS)[number];

export const GUEST_STATES = ['uninvited', 'invited', 'joining', 'green', 'stage', 'left'] as const;
export type GuestRoomState = (typeof GUEST_STATES)[number];

export interface RoomGuest {
  id: string;
  state: GuestRoomState;
  /** The name and role the guest confirmed on the join page (null before). */
  shownName: string | null;
  shownRole: string | null;
  /** The last connection quality the guest's browser reported while in the room. */
  quality: RoomStats | null;
  /** What the guest's connection check found (which ways out work), null before it ends. */
  connectivity: ConnectivityReport | null;
}

export interface RoomState {
  guests: RoomGuest[];
  /** Who joined as host, or null. */
  host: string | null;
  /** Stage and feed pages connected. */
  stages: number;
  /** Director panels receiving thumbnails. */
  monitors: number;
  /** Guests on stage, in the order they came on. */
  onStage: string[];
  /** How the /stage page lays them out. */
  layout: StageLayout;
  ice: { stun: string[]; turn: string[]; turnSecretSaved: boolean };
  /** Talkback with every guest, newest last (the last 50 lines). */
  talk: RoomTalkLine[];
}

export const iceConfigSchema = z.strictObject({
  stun: z.array(z.string().regex(/^stuns?:\S{1,200}$/)).max(4),
  turn: z.array(z.string().regex(/^turns?:\S{1,200}$/)).max(4),
  /** Shared with coturn (static-auth-secret); omit to keep the saved one. */
  turnSecret: z.string().min(8).max(200).optional(),
  /** How long a TURN credential given to a browser lasts. */
  turnTtlMin: z.number().int().min(5).max(1440),
});
export type IceConfig = z.output<typeof iceConfigSchema>;

export const INITIAL_ROOM: RoomState = {
  guests: [],
  host: null,
  stages: 0,
  monitors: 0,
  onStage: [],
  layout: 'grid',
  ice: { stun: [], turn: [], turnSecretSaved: false },
  talk: [],
};
