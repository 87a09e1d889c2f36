// The public /audience namespace: only pages from the core's own origin (or its public URL)
// may connect; each phone gets a signed identity from the core; answers never crash the core;
// vote counts go out as merged deltas at most every VOTES_INTERVAL_MS, not as whole states.
import type { Socket } from 'socket.io';
import type { Comment } from '../shared/comment.js';
import { message } from '../shared/messages/message.js';
import type {
  AudienceAck,
  AudienceClientToServerEvents,
  AudienceServerToClientEvents,
  AudienceState,
} from '../shared/protocol.js';
import type { DeviceIssuer } from './audience-devices.js';
import {
  onlyChanges,
  refused,
  type AudienceNamespace,
  type SocketServerOptions,
} from './socket-server.js';

/** How often vote counts go out to the room, merged. */
export const VOTES_INTERVAL_MS = 250;

type AudienceSocket = Socket<AudienceClientToServerEvents, AudienceServerToClientEvents>;

export interface AudienceRoomOptions extends Pick<
  SocketServerOptions,
  'comments' | 'reach' | 'onRejected' | 'storageFault' | 'logger' | 'publicUrl'
> {
  namespace: AudienceNamespace;
  desk: SocketServerOptions['audience'];
  devices: DeviceIssuer;
}

export interface AudienceRoom {
  /** A new full state; sent when it differs from the last one. */
  offer(state: AudienceState): void;
  close(): void;
}

/**
 * A browser always names the page's origin; a page on another site (open in the producer's
 * browser, say) must not ask or vote in the audience's name. Scripts without an Origin are
 * held by the device and address limits instead.
 */
export function sameOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | null,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return publicUrl !== null && parsed.origin === new URL(publicUrl).origin;
}

export function attachAudience(options: AudienceRoomOptions): AudienceRoom {
  const { namespace, onRejected } = options;
  namespace.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (sameOrigin(origin, host, options.publicUrl)) {
      next();
      return;
    }
    onRejected('audience', `cross-origin connection from ${String(origin).slice(0, 100)}`);
    next(new Error('cross_origin'));
  });
  const state = onlyChanges(options.desk.state(), (next) => {
    sent = new Map(next.questions.map((q) => [q.id, q.votes]));
    pending.clear();
    namespace.emit('audience:state', next);
  });
  let sent = new Map(state.current().questions.map((q) => [q.id, q.votes]));
  const pending = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    if (pending.size === 0) return;
    namespace.emit('audience:votes', Object.fromEntries(pending));
    for (const [id, votes] of pending) sent.set(id, votes);
    pending.clear();
  };
  const unsubscribe = options.comments.onChange((changed: readonly Comment[]) => {
    for (const comment of changed) {
      if (!sent.has(comment.id) || sent.get(comment.id) === comment.votes) continue;
      pending.set(comment.id, comment.votes);
      timer ??= setTimeout(flush, VOTES_INTERVAL_MS);
    }
  });
  namespace.on('connection', (socket) => wireAudienceSocket(socket, options, state.current()));
  return {
    offer: (next) => state.offer(next),
    close: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  };
}

/** The audience's request, answered: a failed write is "please try again", never a crash. */
function answerAudience(
  options: AudienceRoomOptions,
  device: string | null,
  address: string,
  event: string,
  payload: unknown,
): AudienceAck {
  const { desk } = options;
  if (event !== 'audience:ask' && event !== 'audience:vote') {
    return {
      ...refused(message('request.unknown', { event: event.slice(0, 60) })),
      retryAfterSec: null,
    };
  }
  if (device === null) return audienceRefusal('audience.no_device', 60);
  try {
    return event === 'audience:ask'
      ? desk.ask(device, address, payload)
      : desk.vote(device, address, payload);
  } catch (error) {
    if (options.storageFault(error)) return audienceRefusal('audience.retry', 5);
    options.logger.error('audience request failed', { event, error });
    return audienceRefusal('audience.invalid', null);
  }
}

function audienceRefusal(
  code: 'audience.retry' | 'audience.invalid' | 'audience.no_device',
  seconds: number | null,
): AudienceAck {
  return { ...refused(message(code, seconds === null ? {} : { seconds })), retryAfterSec: seconds };
}

/** The phone's identity: the one the core signed for it, or a new one if its address may. */
function identify(socket: AudienceSocket, devices: DeviceIssuer, address: string): string | null {
  const known = devices.verify((socket.handshake.auth as { device?: unknown }).device);
  if (known !== null) return known;
  const issued = devices.issue(address);
  if (issued === null) return null;
  socket.emit('audience:device', issued.token);
  return issued.id;
}

function wireAudienceSocket(
  socket: AudienceSocket,
  options: AudienceRoomOptions,
  state: AudienceState,
): void {
  const { desk, onRejected } = options;
  const address = options.reach.clientAddress(
    socket.handshake.address,
    socket.handshake.headers['x-forwarded-for'],
  );
  const device = identify(socket, options.devices, address);
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (r: AudienceAck) => void) : null;
    const result = answerAudience(options, device, address, event, args[0]);
    if (result.ok && event === 'audience:vote' && device !== null) {
      socket.emit('audience:voted', desk.votedBy(device));
    }
    if (!result.ok) onRejected('audience', result.error);
    ack?.(result);
  });
  socket.emit('audience:state', state);
  socket.emit('audience:voted', device === null ? [] : desk.votedBy(device));
}
