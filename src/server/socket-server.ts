// socket.io for every screen: /control (token; intents and the live show state), /overlay and
// /audience (public, read-only or rate-limited). Clients get a snapshot on connect, then batched
// changes; every incoming payload is validated and answered, never trusted.
import type http from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { UpdateBatcher } from '../shared/batcher.js';
import type { Comment } from '../shared/comment.js';
import { controlAuthSchema } from '../shared/control-intents.js';
import type { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { inEnglish, message, type Message } from '../shared/messages/message.js';
import {
  TOKEN_REJECTED,
  type AudienceClientToServerEvents,
  type AudienceServerToClientEvents,
  type ControlClientToServerEvents,
  type ControlServerToClientEvents,
  type OverlayClientToServerEvents,
  type OverlayServerToClientEvents,
  type OverlayState,
  type AudienceAck,
  type AudienceState,
} from '../shared/protocol.js';
import type { StateHub } from '../shared/state-hub.js';
import type { ShowState, StateSlice } from '../shared/state.js';
import { mayDispatch, type Principal, type Role } from '../shared/roles.js';
import { attachAudience, sameOrigin } from './audience-socket.js';
import type { DeviceIssuer } from './audience-devices.js';
import { attachGuestRoom, type GuestDesk, type GuestNamespace } from './guest-socket.js';
import type { Reach } from './reach.js';
import { isIntentName, type IntentRegistry } from '../core/intent-registry.js';

export interface ControlSocketData {
  actor: string;
  role: Role;
  personId: string;
}

/** Who a token (or a personal link's session cookie) belongs to; the access module answers. */
export interface Authenticator {
  authenticate(token: string | null | undefined, name?: string): Principal | null;
  /** Called with a person's id the moment they are revoked. */
  onRevoked(listener: (personId: string) => void): () => void;
  sessionFromCookie(header: string | undefined): string | null;
  /** The Set-Cookie value that keeps a session token for this browser. */
  sessionCookie(token: string): string;
}

export type ControlNamespace = Namespace<
  ControlClientToServerEvents,
  ControlServerToClientEvents,
  Record<string, never>,
  ControlSocketData
>;
export type OverlayNamespace = Namespace<OverlayClientToServerEvents, OverlayServerToClientEvents>;
export type AudienceNamespace = Namespace<
  AudienceClientToServerEvents,
  AudienceServerToClientEvents
>;

/** Where the socket server reads comments from (the queue controller). */
export interface CommentFeed {
  all(): Iterable<Comment>;
  readonly size: number;
  onChange(listener: (changed: readonly Comment[]) => void): () => void;
  /** After the feed was read again (a new show): every comment held before is gone. */
  onReload(listener: () => void): () => void;
}

/** What the public /audience page may do (the audience source behind it lives in sources/). */
export interface AudienceDesk {
  state(): AudienceState;
  ask(device: string, address: string, payload: unknown): AudienceAck;
  vote(device: string, address: string, payload: unknown): AudienceAck;
  votedBy(device: string): string[];
}

export interface SocketServerOptions {
  httpServer: http.Server;
  hub: StateHub;
  comments: CommentFeed;
  audience: AudienceDesk;
  intents: IntentRegistry;
  auth: Authenticator;
  reach: Reach;
  logger: Logger;
  onRejected: (channel: string, reason: string) => void;
  /** Turns a failed write (disk full, database locked) into a counted, coded refusal. */
  storageFault: (error: unknown) => UserError | null;
  /** How long bursts of state changes are merged before they go out. */
  batchIntervalMs: number;
  /** Signs and checks the audience page's device identities. */
  devices: DeviceIssuer;
  /** The public origin (https://show.example.org) the audience page may also come from. */
  publicUrl: string | null;
  /** The remote-guest room behind /guest (the guests module). */
  guests: GuestDesk;
}

export interface SocketServer {
  io: Server;
  control: ControlNamespace;
  overlay: OverlayNamespace;
  audience: AudienceNamespace;
  close(): Promise<void>;
}

/** Largest message a client may send; questions and intents are far smaller. */
const MAX_MESSAGE_BYTES = 32 * 1024;
/** Comments per snapshot message, so a big show arrives in digestible pieces. */
const SNAPSHOT_CHUNK = 2000;
const COMMENTS_ROOM = 'comments';

export function overlayStateFrom(state: ShowState): OverlayState {
  return { showTitle: state.app.showTitle, onAir: state.queue.onAir, guest: state.lowerThird };
}

/** Through the public address only the audience may connect; control stays local. */
function guardNamespaces(io: Server, reach: Reach): void {
  for (const name of ['/', '/control', '/overlay', '/audience', '/guest']) {
    io.of(name).use((socket, next) => {
      const arrival = reach.arrival(socket.handshake.headers.host);
      if (reach.allowsNamespace(arrival, name)) next();
      else next(new Error('not_here'));
    });
  }
}

/** Who a control connection is: its token, or the session cookie a personal link left. */
/**
 * The session cookie travels with any page's request, so a cookie session is only taken from a
 * page of this core's own origin (or its public one): another site open in the same browser
 * (another local app on another port counts) must not drive the show. A token in `auth` is
 * proof enough, whatever the page.
 */
function cookieSession(
  authenticator: Authenticator,
  socket: ControlSocket,
  publicUrl: string | null,
): string | null {
  const { origin, host, cookie } = socket.handshake.headers;
  if (!sameOrigin(origin, host, publicUrl)) return null;
  return authenticator.sessionFromCookie(cookie);
}

function authenticateControl(
  authenticator: Authenticator,
  onRejected: (channel: string, reason: string) => void,
  publicUrl: string | null,
): (socket: ControlSocket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    const auth = controlAuthSchema.safeParse(socket.handshake.auth);
    const token = auth.success
      ? (auth.data.token ?? cookieSession(authenticator, socket, publicUrl))
      : null;
    const principal = auth.success
      ? authenticator.authenticate(token, auth.data.name ?? `Client ${socket.id.slice(0, 4)}`)
      : null;
    if (!principal) {
      onRejected('socket', 'missing or wrong token');
      const error = new Error(TOKEN_REJECTED) as Error & { data: unknown };
      error.data = {
        reason: 'The control token is missing or wrong. Open the link printed by panelcast serve.',
      };
      next(error);
      return;
    }
    if (principal.role === 'guest') {
      // A guest's invite opens the guest room (/guest), never the control screens: the show's
      // state (queue, people, settings) is not theirs to read.
      onRejected('socket', 'guest token on the control namespace');
      const error = new Error(TOKEN_REJECTED) as Error & { data: unknown };
      error.data = { reason: 'A guest link opens the guest room, not the control screens.' };
      next(error);
      return;
    }
    socket.data.actor = principal.name;
    socket.data.role = principal.role;
    socket.data.personId = principal.personId;
    next();
  };
}

/**
 * Heartbeat for every namespace: a silent peer is noticed within PING_INTERVAL + PING_TIMEOUT
 * (10 s) instead of socket.io's 25 s + 20 s, so a guest whose network changed reconnects and
 * renegotiates quickly. Safe for all namespaces: the server pings and the client answers on
 * receipt (no browser timer, so background tabs and OBS sources keep answering); one tiny
 * packet per 5 s per socket; every message here is small (MAX_MESSAGE_BYTES), so a pong never
 * queues behind a long upload for 5 s.
 */
export const PING_INTERVAL_MS = 5000;
export const PING_TIMEOUT_MS = 5000;

export function attachSocketServer(options: SocketServerOptions): SocketServer {
  const { hub, intents, logger, onRejected } = options;
  const io = new Server(options.httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    allowRequest: (req, callback) =>
      callback(null, options.reach.arrival(req.headers.host) !== 'refused'),
  });
  guardNamespaces(io, options.reach);
  const control = io.of('/control') as unknown as ControlNamespace;
  control.use(authenticateControl(options.auth, onRejected, options.publicUrl));
  control.on('connection', (socket) => {
    wireControlSocket(socket, intents, options.comments, onRejected);
    socket.emit('session:info', {
      name: socket.data.actor,
      role: socket.data.role,
      owner: socket.data.personId === 'owner',
    });
    // Already in the namespace, so every later change reaches it; the snapshot covers the rest.
    socket.emit('state:snapshot', hub.snapshot());
  });

  const overlay = io.of('/overlay') as unknown as OverlayNamespace;
  const overlayState = onlyChanges(overlayStateFrom(hub.snapshot()), (next) =>
    overlay.emit('overlay:state', next),
  );
  overlay.on('connection', (socket) => {
    ignoreClientEvents(socket, onRejected, 'overlay');
    socket.emit('overlay:state', overlayState.current());
  });

  const audience = io.of('/audience') as unknown as AudienceNamespace;
  const audienceRoom = attachAudience({ ...options, namespace: audience, desk: options.audience });
  attachGuestRoom({
    ...options,
    namespace: io.of('/guest') as unknown as GuestNamespace,
    desk: options.guests,
  });

  const batcher = new UpdateBatcher<StateSlice, unknown>({
    intervalMs: options.batchIntervalMs,
    onFlush: (batch) => {
      const patch = Object.fromEntries(batch) as Partial<ShowState>;
      control.emit('state:changed', patch);
      // Queue counts change with every comment; public pages only hear when what they show does.
      if (patch.app || patch.queue || 'lowerThird' in patch)
        overlayState.offer(overlayStateFrom(hub.snapshot()));
      if (patch.app || patch.show || patch.queue || patch.sources) {
        audienceRoom.offer(options.audience.state());
      }
    },
  });
  const unsubscribe = hub.subscribe((slice, value) => batcher.add(slice, value));

  const commentBatcher = new UpdateBatcher<string, Comment>({
    intervalMs: options.batchIntervalMs,
    onFlush: (batch) => control.to(COMMENTS_ROOM).emit('comments:changed', [...batch.values()]),
  });
  const unsubscribeComments = options.comments.onChange((changed) => {
    for (const comment of changed) commentBatcher.add(comment.id, comment);
  });
  // A new show: every moderator screen gets the new show's comments as a fresh snapshot.
  const unsubscribeReload = options.comments.onReload(() => {
    commentBatcher.dispose();
    for (const socket of control.sockets.values()) {
      if (socket.rooms.has(COMMENTS_ROOM)) subscribeComments(socket, options.comments);
    }
  });

  // A revoked person's open screens close now, not at their next request.
  const unsubscribeRevoked = options.auth.onRevoked((personId) => {
    for (const socket of control.sockets.values()) {
      if (socket.data.personId === personId) socket.disconnect(true);
    }
  });

  return {
    io,
    control,
    overlay,
    audience,
    close: async () => {
      unsubscribeRevoked();
      audienceRoom.close();
      unsubscribe();
      unsubscribeComments();
      unsubscribeReload();
      batcher.dispose();
      commentBatcher.dispose();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      logger.debug('socket server closed');
    },
  };
}

type ControlSocket = Socket<
  ControlClientToServerEvents,
  ControlServerToClientEvents,
  Record<string, never>,
  ControlSocketData
>;

/** Joins the comments room first, then sends every comment: no change can fall in between. */
function subscribeComments(socket: ControlSocket, comments: CommentFeed): number {
  void socket.join(COMMENTS_ROOM);
  let chunk: Comment[] = [];
  for (const comment of comments.all()) {
    chunk.push(comment);
    if (chunk.length === SNAPSHOT_CHUNK) {
      socket.emit('comments:snapshot', { comments: chunk, last: false });
      chunk = [];
    }
  }
  socket.emit('comments:snapshot', { comments: chunk, last: true });
  return comments.size;
}

function wireControlSocket(
  socket: ControlSocket,
  intents: IntentRegistry,
  comments: CommentFeed,
  onRejected: (channel: string, reason: string) => void,
): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: unknown) => void) : null;
    if (!isIntentName(event)) {
      onRejected('socket', `unknown event ${event}`);
      ack?.(refused(message('request.unknown', { event: event.slice(0, 60) })));
      return;
    }
    // Subscriptions belong to this connection, so they are answered here, not by an intent;
    // the role check is the dispatch point's, the same for both.
    if (
      (event === 'comments:subscribe' || event === 'comments:unsubscribe') &&
      !mayDispatch(socket.data.role, event)
    ) {
      onRejected('socket', `${event} refused for role ${socket.data.role}`);
      ack?.(refused(message('access.forbidden', { intent: event, role: socket.data.role })));
      return;
    }
    if (event === 'comments:subscribe' || event === 'comments:unsubscribe') {
      const payload = args[0];
      if (typeof payload !== 'object' || payload === null || Object.keys(payload).length > 0) {
        onRejected('socket', `invalid ${event}`);
        ack?.(refused(message('intent.invalid', { intent: event }, 'payload: expected {}')));
        return;
      }
      if (event === 'comments:subscribe') {
        const total = subscribeComments(socket, comments);
        ack?.({ ok: true, total });
      } else {
        void socket.leave(COMMENTS_ROOM);
        ack?.({ ok: true });
      }
      return;
    }
    void intents
      .dispatch(event, args[0], {
        actor: socket.data.actor,
        channel: 'socket',
        role: socket.data.role,
      })
      .then((result) => {
        ack?.(
          result.ok
            ? { ok: true, ...result.value }
            : { ok: false, error: result.error, message: result.message },
        );
      });
  });
}

/** A refusal for acks: English for logs and scripts, the code for the UI. */
export function refused(coded: Message): { ok: false; error: string; message: Message } {
  return { ok: false, error: inEnglish(coded), message: coded };
}

/** Remembers the last value sent and passes on only values that differ from it. */
export function onlyChanges<T>(
  initial: T,
  emit: (value: T) => void,
): { current(): T; offer(value: T): void } {
  let value = initial;
  let json = JSON.stringify(initial);
  return {
    current: () => value,
    offer: (next) => {
      const nextJson = JSON.stringify(next);
      if (nextJson === json) return;
      value = next;
      json = nextJson;
      emit(next);
    },
  };
}

function ignoreClientEvents(
  socket: Socket,
  onRejected: (channel: string, reason: string) => void,
  channel: string,
): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    onRejected(channel, `unexpected event ${event}`);
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      (ack as (r: unknown) => void)(
        refused(message('request.unknown', { event: event.slice(0, 60) })),
      );
    }
  });
}
