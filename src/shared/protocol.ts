// The socket.io protocol between the core and its clients, one place for both sides. Types are
// hints for the compiler; the zod schemas in control-intents.ts are what the core checks.
// Free of runtime dependencies, so the UI bundles none of the validator.
import type { z } from 'zod';
import type { controlAuthSchema, controlIntentSchemas } from './control-intents.js';
import type { Comment, OnAirComment } from './comment.js';
import type { GuestLowerThird, ShowState } from './state.js';

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

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
  note: string | null;
}

export interface ControlIntentResults {
  'state:get': { state: ShowState };
  'show:setTitle': object;
  'comments:subscribe': { total: number };
  'comments:unsubscribe': object;
  'comments:add': { comment: Comment | null; duplicate: boolean };
  'queue:approve': QueueActionResult;
  'queue:reject': QueueActionResult;
  'queue:restore': QueueActionResult;
  'queue:pin': QueueActionResult;
  'queue:unpin': QueueActionResult;
  'queue:air': QueueActionResult;
  'queue:done': QueueActionResult;
  'queue:ungroup': QueueActionResult;
  'queue:move': QueueActionResult;
  'queue:next': QueueActionResult;
  'queue:clearAir': QueueActionResult;
  'queue:undo': QueueActionResult;
  'queue:setBlocklist': object;
  'obs:configure': object;
  'obs:disconnect': object;
  'obs:switchScene': { scene: string; to: 'program' | 'preview' };
  'obs:transition': object;
  'obs:setStudioMode': object;
  'obs:stream': object;
  'obs:record': object;
  'obs:setupLowerThird': {
    created: string[];
    kept: string[];
    skipped: string[];
    mode: 'browser' | 'text';
  };
  'rundown:set': object;
  'rundown:next': { segment: string; note: string | null };
  'rundown:goto': { segment: string; note: string | null };
  'rundown:reset': object;
  'guests:set': object;
  'lowerThird:show': { until: string };
  'lowerThird:hide': object;
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
}

export interface OverlayState {
  showTitle: string;
  onAir: OnAirComment | null;
  /** A guest's name and role, shown instead of the question while it runs. */
  guest: GuestLowerThird | null;
}

export interface OverlayServerToClientEvents {
  'overlay:state': (state: OverlayState) => void;
}

/** The overlay only listens. */
export type OverlayClientToServerEvents = Record<string, never>;

export interface AudienceServerToClientEvents {
  'audience:state': (state: { showTitle: string }) => void;
}

export type AudienceClientToServerEvents = Record<string, never>;
