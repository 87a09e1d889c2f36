// The /guest namespace: the remote-guest room's signalling. Pages from the core's own origin (or
// its public one) connect with an invite, the host's token or as a loopback stage page; the
// guests module decides who they are. Every message is checked and answered, bad ones counted;
// the core relays offers, answers and ICE candidates and never carries media.
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { connectivityReportSchema, type ConnectivityReport } from '../shared/connection-check.js';
import {
  guestAuthSchema,
  roomReadySchema,
  roomSignalSchema,
  roomStatsSchema,
  roomTalkSchema,
  type GuestAuth,
  type GuestClientToServerEvents,
  type GuestServerToClientEvents,
  type RoomAck,
  type RoomAdmitted,
  type RoomOutbox,
  type RoomRefusal,
  type RoomSignal,
  type RoomStats,
} from '../shared/guest-room.js';
import { message } from '../shared/messages/message.js';
import { RateBucket } from '../shared/rate-bucket.js';
import { describeZodError } from '../shared/validation.js';
import { sameOrigin } from './audience-socket.js';
import { refused, type Authenticator } from './socket-server.js';
import { plainAddress, type Reach } from './reach.js';

/** The room as the transport sees it (the guests module implements it). */
export interface GuestDesk {
  admit(
    auth: GuestAuth,
    how: {
      cookieToken: string | null;
      /** A browser on this computer, not through the public origin. */
      loopback: boolean;
      /** Arrived where control screens may connect (the host joins from one). */
      controlReach: boolean;
    },
  ): { ok: true; who: RoomAdmitted } | { ok: false; refusal: RoomRefusal };
  join(session: string, who: RoomAdmitted, outbox: RoomOutbox): void;
  ready(session: string, payload: { name: string; role: string }): RoomAck;
  signal(session: string, payload: RoomSignal): RoomAck;
  stats(session: string, payload: RoomStats): RoomAck;
  talk(session: string, payload: { text: string }): RoomAck;
  connectivity(session: string, payload: ConnectivityReport): RoomAck;
  leave(session: string): void;
}

export type GuestNamespace = Namespace<
  GuestClientToServerEvents,
  GuestServerToClientEvents,
  Record<string, never>,
  { who: RoomAdmitted }
>;
type GuestSocket = Socket<
  GuestClientToServerEvents,
  GuestServerToClientEvents,
  Record<string, never>,
  { who: RoomAdmitted }
>;

export interface GuestRoomOptions {
  namespace: GuestNamespace;
  desk: GuestDesk;
  auth: Pick<Authenticator, 'sessionFromCookie'>;
  reach: Reach;
  publicUrl: string | null;
  onRejected: (channel: string, reason: string) => void;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

function refuse(next: (error?: Error) => void, refusal: RoomRefusal): void {
  next(new Error(refusal));
}

/** Runs `work`; a failure is counted and answered, never thrown into socket.io's event loop. */
function guarded(options: GuestRoomOptions, what: string, work: () => void, onFail?: () => void) {
  try {
    work();
  } catch (error) {
    options.onRejected('guest', `${what} failed: ${String(error).slice(0, 200)}`);
    onFail?.();
  }
}

function admitSocket(options: GuestRoomOptions) {
  const admit = admitChecked(options);
  return (socket: GuestSocket, next: (error?: Error) => void): void => {
    guarded(
      options,
      'admission',
      () => admit(socket, next),
      () => refuse(next, 'not_allowed'),
    );
  };
}

function admitChecked(options: GuestRoomOptions) {
  const { desk, onRejected } = options;
  return (socket: GuestSocket, next: (error?: Error) => void): void => {
    const { origin, host, cookie } = socket.handshake.headers;
    if (!sameOrigin(origin, host, options.publicUrl)) {
      onRejected('guest', `cross-origin connection from ${String(origin).slice(0, 100)}`);
      refuse(next, 'cross_origin');
      return;
    }
    const auth = guestAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      onRejected('guest', 'malformed auth');
      refuse(next, 'bad_auth');
      return;
    }
    // A stage page sees every guest: only a browser on this computer, not through the proxy.
    const loopback =
      LOOPBACK.test(plainAddress(socket.handshake.address)) &&
      options.reach.arrival(host) === 'local';
    const admission = desk.admit(auth.data, {
      cookieToken: options.auth.sessionFromCookie(cookie),
      loopback,
      controlReach: options.reach.allowsNamespace(options.reach.arrival(host), '/control'),
    });
    if (!admission.ok) {
      onRejected('guest', `refused: ${admission.refusal}`);
      refuse(next, admission.refusal);
      return;
    }
    socket.data.who = admission.who;
    next();
  };
}

function outboxOf(socket: GuestSocket): RoomOutbox {
  return {
    welcome: (welcome) => socket.emit('room:welcome', welcome),
    links: (links) => socket.emit('room:links', links),
    signal: (signal) => socket.emit('room:signal', signal),
    feed: (feed) => socket.emit('room:feed', feed),
    stage: (view) => socket.emit('room:stage', view),
    remove: () => {
      socket.emit('room:removed');
      socket.disconnect(true);
    },
  };
}

type Handler = (session: string, payload: unknown) => RoomAck;

function handlers(options: GuestRoomOptions): Record<string, Handler> {
  const { desk } = options;
  const checked =
    <T>(
      event: string,
      schema: z.ZodType<T>,
      act: (session: string, payload: T) => RoomAck,
    ): Handler =>
    (session, payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) return act(session, parsed.data);
      return refused(message('intent.invalid', { intent: event }, describeZodError(parsed.error)));
    };
  return {
    'room:ready': checked('room:ready', roomReadySchema, (s, p) => desk.ready(s, p)),
    'room:signal': checked('room:signal', roomSignalSchema, (s, p) => desk.signal(s, p)),
    'room:stats': checked('room:stats', roomStatsSchema, (s, p) => desk.stats(s, p)),
    'room:talk': checked('room:talk', roomTalkSchema, (s, p) => desk.talk(s, p)),
    'room:connectivity': checked('room:connectivity', connectivityReportSchema, (s, p) =>
      desk.connectivity(s, p),
    ),
  };
}

/**
 * Signals per connection: a burst covers setting up every link of a full room at once (each
 * link a few dozen ICE candidates), then a steady rate well above renegotiations.
 */
const SIGNAL_BURST = 400;
const SIGNALS_PER_SECOND = 50;

function wireSocket(socket: GuestSocket, options: GuestRoomOptions, bucket: RateBucket): void {
  const table = handlers(options);
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: RoomAck) => void) : null;
    const handler = Object.hasOwn(table, event) ? table[event] : undefined;
    let result: RoomAck;
    try {
      result = !bucket.take(socket.id)
        ? refused(message('room.too_fast'))
        : handler
          ? handler(socket.id, args[0])
          : refused(message('request.unknown', { event: event.slice(0, 60) }));
    } catch (error) {
      result = refused(message('intent.internal', { intent: event.slice(0, 60) }));
      options.onRejected('guest', `failed: ${String(error).slice(0, 200)}`);
    }
    if (!result.ok) options.onRejected('guest', `${event.slice(0, 60)}: ${result.error}`);
    ack?.(result);
  });
  socket.on('disconnect', () => guarded(options, 'leave', () => options.desk.leave(socket.id)));
}

export function attachGuestRoom(options: GuestRoomOptions): void {
  const { namespace, desk } = options;
  const bucket = new RateBucket(SIGNAL_BURST, SIGNALS_PER_SECOND);
  namespace.use(admitSocket(options));
  namespace.on('connection', (socket) => {
    wireSocket(socket, options, bucket);
    guarded(
      options,
      'join',
      () => desk.join(socket.id, socket.data.who, outboxOf(socket)),
      () => socket.disconnect(true),
    );
  });
}
