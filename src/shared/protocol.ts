// The socket.io protocol between the core and its clients, one place for both sides. Types are
// hints for the compiler; the zod schemas in control-intents.ts are what the core checks.
// Free of runtime dependencies, so the UI bundles none of the validator.
import type { AccountStatus } from './connect.js';
import type { Role } from './roles.js';
import type { z } from 'zod';
import type { controlAuthSchema, controlIntentSchemas } from './control-intents.js';
import type { Comment, OnAirComment } from './comment.js';
import type { Message } from './messages/message.js';
import type { MonitorSnapshot } from './obs-state.js';
import type { ScreenState } from './on-screen.js';
import type { GuestLowerThird, ShowState } from './state.js';
import type { ReportDownload, ShowDetail, ShowReport } from './report.js';
import type { ArchivedShow, ShowInfo, ShowLifecycle } from './show.js';

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | {
      ok: false;
      /** In English, for logs and scripts. */
      error: string;
      /** The same as a code the UI words in its language (schema: messageSchema). */
      message: Message;
    };

/** Message of the connect_error a client gets when its control token is missing or wrong. */
export const TOKEN_REJECTED = 'token rejected';

export type ControlAuth = z.input<typeof controlAuthSchema>;

export type ControlIntentName = keyof typeof controlIntentSchemas;
export type ControlIntentPayload<N extends ControlIntentName> = z.input<
  (typeof controlIntentSchemas)[N]
>;
export type ControlIntentInput<N extends ControlIntentName> = z.output<
  (typeof controlIntentSchemas)[N]
>;

export interface QueueActionResult {
  /** A note for the moderator, e.g. that the queue is now empty. */
  note: Message | null;
}

export interface ControlIntentResults {
  'state:get': { state: ShowState };
  'show:setTitle': object;
  'show:plan': { show: ShowInfo };
  'show:goLive': { show: ShowInfo };
  'show:end': { show: ShowInfo };
  'show:new': { show: ShowInfo };
  'show:saveTemplate': object;
  'show:carryOver': { carried: string[] };
  'privacy:setRetention': { anonymized: number };
  'privacy:forget': { deleted: number };
  'shows:list': { total: number; shows: ArchivedShow[] };
  'shows:get': ShowDetail;
  'shows:report': { report: ShowReport; download: ReportDownload | null };
  'comments:subscribe': { total: number };
  'comments:unsubscribe': object;
  'comments:add': { comment: Comment | null; duplicate: boolean };
  'queue:addByHand': { comment: Comment };
  'queue:approve': QueueActionResult;
  'queue:reject': QueueActionResult;
  'queue:restore': QueueActionResult;
  'queue:pin': QueueActionResult;
  'queue:unpin': QueueActionResult;
  'queue:air': QueueActionResult & { screen?: ScreenState };
  'queue:done': QueueActionResult;
  'queue:ungroup': QueueActionResult;
  'queue:move': QueueActionResult;
  'queue:next': QueueActionResult;
  'queue:clearAir': QueueActionResult;
  'queue:undo': QueueActionResult;
  'queue:setBlocklist': object;
  'obs:configure': object;
  'obs:monitor': MonitorSnapshot;
  'obs:disconnect': object;
  'obs:switchScene': { scene: string; to: 'program' | 'preview' };
  'obs:transition': object;
  'obs:setStudioMode': object;
  'obs:stream': object;
  'obs:record': object;
  'obs:setupLowerThird': {
    created: string[];
    kept: string[];
    skipped: Message[];
    mode: 'native' | 'browser';
    scenes: string[];
    /** What OBS confirms now, with a warning when the program scene lacks the lower third. */
    screen: ScreenState;
  };
  'rundown:set': object;
  'rundown:next': { segment: string; note: string | null };
  'rundown:goto': { segment: string; note: string | null };
  'rundown:reset': object;
  'guests:set': object;
  'lowerThird:show': { until: string; screen: ScreenState };
  'lowerThird:hide': object;
  'sources:configureX': object;
  'sources:configureYouTube': object;
  'sources:configureAudience': object;
  'sources:configure': object;
  'relay:setDestination': object;
  'relay:removeDestination': object;
  'relay:configureObs': { server: string };
  'relay:publishTarget': { server: string; key: string };
  'people:list': { people: PersonSummary[] };
  /** The personal link carries the token once; it is not stored in readable form. */
  'people:add': { person: PersonSummary; link: string };
  'people:revoke': object;
  /** The link carries the token once; it is not stored in readable form. */
  'guests:invite': { link: string };
  'guests:remove': object;
  'guests:stage': object;
  'guests:layout': object;
  'guests:configureIce': object;
  'guests:cue': object;
  'guests:talk': object;
  'guests:setupObs': { mode: 'browser' | 'window'; url: string; note: Message };
  'connect:list': { accounts: AccountStatus[] };
  'connect:start': { account: AccountStatus };
  'connect:status': { account: AccountStatus };
  'connect:paste': { account: AccountStatus };
  'connect:cancel': { account: AccountStatus };
  'connect:revoke': { account: AccountStatus };
}

export type ControlClientToServerEvents = {
  [N in ControlIntentName]: (
    payload: ControlIntentPayload<N>,
    ack: (result: Ack<ControlIntentResults[N]>) => void,
  ) => void;
};

export interface ControlServerToClientEvents {
  /** The whole show, sent once after connecting (and after every reconnect). */
  'state:snapshot': (state: ShowState) => void;
  /** Only the slices that changed since the last message. */
  'state:changed': (patch: Partial<ShowState>) => void;
  /** After comments:subscribe: every comment, oldest first, in chunks; `last` on the final one. */
  'comments:snapshot': (chunk: { comments: Comment[]; last: boolean }) => void;
  /** Comments added or changed since (batched). */
  'comments:changed': (comments: Comment[]) => void;
  /** Right after connecting: who this client acts as. */
  'session:info': (info: SessionInfo) => void;
}

export interface OverlayState {
  showTitle: string | null;
  onAir: OnAirComment | null;
  /** A guest's name and role, shown instead of the question while it runs. */
  guest: GuestLowerThird | null;
}

export interface OverlayServerToClientEvents {
  'overlay:state': (state: OverlayState) => void;
}

/** The overlay only listens. */
export type OverlayClientToServerEvents = Record<string, never>;

/** A question as the public audience page shows it: no handles, no avatars. */
export interface AudienceQuestion {
  id: string;
  name: string;
  platform: string;
  text: string;
  votes: number;
  onAir: boolean;
}

export interface AudienceState {
  showTitle: string | null;
  /** Before the show: when it starts (questions are taken already); after: closed for good. */
  show: { state: ShowLifecycle; plannedStart: string | null };
  /** Whether the page takes questions right now. */
  open: boolean;
  maxLength: number;
  /** The one on air first, then the approved queue in order. */
  questions: AudienceQuestion[];
}

/** Why the audience page refused something; the page shows it in its own language. */
export type AudienceRefusal =
  | 'closed'
  | 'ended'
  | 'too_long'
  | 'too_short'
  | 'name_too_long'
  | 'invalid'
  | 'wait'
  | 'device_limit'
  | 'network_limit'
  | 'already_voted'
  | 'not_votable'
  | 'retry'
  | 'vote_limit'
  | 'no_device';

export type AudienceAck =
  | { ok: true }
  | {
      ok: false;
      /** The reason in English, for logs and for pages that do not know the code. */
      error: string;
      /** The reason as a code (audience.* or request.unknown) with its values. */
      message: Message;
      retryAfterSec: number | null;
    };

export interface AudienceServerToClientEvents {
  'audience:state': (state: AudienceState) => void;
  /** The questions this device has voted for. */
  'audience:voted': (ids: string[]) => void;
  /** The identity the core issued to this device: keep it, and send it as auth.device. */
  'audience:device': (token: string) => void;
  /** Vote counts that changed since the last state or delta, by question id (merged). */
  'audience:votes': (votes: Record<string, number>) => void;
}

export interface AudienceClientToServerEvents {
  'audience:ask': (
    payload: { name?: string; text: string },
    ack: (result: AudienceAck) => void,
  ) => void;
  'audience:vote': (payload: { id: string }, ack: (result: AudienceAck) => void) => void;
}

/** A person who may use Panelcast with their own link; the token itself is never listed. */
export interface PersonSummary {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastSeenAt: string | null;
}

/** Sent to each control client after it connects: who it is, so the UI offers what it may do. */
export interface SessionInfo {
  name: string;
  role: Role;
  owner: boolean;
}
