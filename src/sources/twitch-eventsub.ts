// Twitch chat through EventSub over WebSocket, the way Twitch recommends reading chat
// (https://dev.twitch.tv/docs/eventsub/handling-websocket-events/): connect, take the session id
// from session_welcome, subscribe with it through Helix
// (POST /helix/eventsub/subscriptions, https://dev.twitch.tv/docs/api/reference/#create-eventsub-subscription)
// to channel.chat.message, channel.chat.message_delete and channel.chat.clear_user_messages
// (https://dev.twitch.tv/docs/eventsub/eventsub-subscription-types/), reconnect when nothing came
// for keepalive_timeout_seconds, follow session_reconnect to its URL keeping the old socket until
// the new one says welcome, and stop on a revocation. Twitch keeps no chat history an app can
// read: messages sent while Panelcast was not connected cannot be fetched afterwards.
import WebSocket from 'ws';
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
import {
  clockTime,
  pause,
  type CommentSource,
  type SourceContext,
  endOnFatal,
  SourceFatal,
} from './source.js';
import {
  ChatInbox,
  TWITCH_API,
  TWITCH_CHANNEL,
  TWITCH_EVENTSUB_WS,
  frameText,
  twitchTime,
} from './twitch-chat.js';

export interface TwitchEventSubConfig {
  channel: string;
  clientId: string;
  /** The user access token, read before each request (a connected account renews it). */
  userToken: () => string;
  /** A test server for Helix and EventSub (ws on the same host, path /ws); null: Twitch's. */
  apiBaseUrl: string | null;
}

export interface TwitchTimings {
  retry: BackoffPolicy;
  /** Asked for in the URL; Twitch takes whole seconds from 10 to 600. */
  keepaliveSeconds: number;
  /** Added to the keepalive timeout before the connection counts as gone. */
  keepaliveGraceMs: number;
  maxRateLimitMs: number;
  requestTimeoutMs: number;
  /** IRC only: silence after which Panelcast sends PING, and how long PONG may take. */
  ircPingAfterMs: number;
  ircPongTimeoutMs: number;
}

export const TWITCH_TIMINGS: TwitchTimings = {
  retry: { initialMs: 1000, maxMs: 120_000, jitter: 0.2 },
  keepaliveSeconds: 30,
  keepaliveGraceMs: 2000,
  maxRateLimitMs: 120_000,
  requestTimeoutMs: 15_000,
  ircPingAfterMs: 120_000,
  ircPongTimeoutMs: 15_000,
};

export const CHAT_TYPES = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
] as const;

const sessionSchema = z.object({
  id: z.string().min(1),
  keepalive_timeout_seconds: z.number().int().positive().nullable().optional(),
  reconnect_url: z.string().nullable().optional(),
});
const frameSchema = z.object({
  metadata: z.object({
    message_id: z.string(),
    message_type: z.string(),
    message_timestamp: z.string(),
    subscription_type: z.string().optional(),
  }),
  payload: z.record(z.string(), z.unknown()),
});
const chatEvent = z.object({
  chatter_user_id: z.string().min(1),
  chatter_user_login: z.string().min(1),
  chatter_user_name: z.string(),
  message_id: z.string().min(1),
  message: z.object({ text: z.string() }),
});
const deleteEvent = z.object({ message_id: z.string().min(1) });
const clearEvent = z.object({ target_user_id: z.string().min(1) });
const usersSchema = z.object({ data: z.array(z.object({ id: z.string(), login: z.string() })) });
const revocationSchema = z.object({
  subscription: z.object({ type: z.string(), status: z.string() }),
});
const helixError = z.object({ error: z.string().optional(), message: z.string().optional() });

export class HelixError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly resetAt: number | null,
  ) {
    super(detail);
  }
}
type Session = z.output<typeof sessionSchema>;
type End = { kind: 'gone'; why: string } | { kind: 'revoked'; status: string };

export class TwitchEventSubSource implements CommentSource {
  readonly #config: TwitchEventSubConfig;
  readonly #context: SourceContext;
  readonly #t: TwitchTimings;
  readonly #abort = new AbortController();
  readonly #inbox: ChatInbox;
  #ids: { broadcaster: string; user: string } | null = null;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: TwitchEventSubConfig,
    context: SourceContext,
    timings: Partial<TwitchTimings> = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...TWITCH_TIMINGS, ...timings };
    this.#inbox = new ChatInbox(context, config.channel);
  }

  start(): void {
    this.#run = endOnFatal(this.#loop(), this.#context);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#run;
  }

  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async #loop(): Promise<void> {
    const channel = this.#config.channel;
    if (!TWITCH_CHANNEL.test(channel))
      throw new SourceFatal(message('twitch.not_a_channel', { channel }));
    let failures = 0;
    while (!this.#stopped()) {
      this.#context.status('connecting', message('twitch.connecting', { channel }));
      try {
        const end = await this.#connection(() => (failures = 0));
        if (end.kind === 'revoked') {
          throw new SourceFatal(message('twitch.revoked', { reason: end.status }));
        }
        if (this.#stopped()) return;
        await this.#afterFailure(new Error(end.why), (failures += 1));
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof SourceFatal) throw error;
        await this.#afterFailure(error, (failures += 1));
      }
    }
  }

  /** One connection and the ones session_reconnect hands it on to; resolves when it ends. */
  async #connection(onLive: () => void): Promise<End> {
    const first = await openSession(this.#wsUrl(), this.#t.requestTimeoutMs, this.#abort.signal);
    try {
      this.#ids ??= await this.#lookUpIds();
      for (const type of CHAT_TYPES) await this.#subscribe(type, first.session.id);
    } catch (error) {
      first.socket.close();
      throw error;
    }
    onLive();
    this.#context.status('connected', message('twitch.live', { channel: this.#config.channel }));
    return this.#watch(first);
  }

  #watch(first: Opened): Promise<End> {
    return new Promise<End>((resolve) => {
      let current = first.socket;
      let timer: NodeJS.Timeout | undefined;
      let over = false;
      const finish = (end: End): void => {
        over = true;
        clearTimeout(timer);
        this.#abort.signal.removeEventListener('abort', onAbort);
        // A silent connection answers no close frame: cut it rather than wait for one.
        if (end.kind === 'gone' && end.why === 'keepalive timeout') current.terminate();
        else current.close();
        resolve(end);
      };
      const onAbort = (): void => finish({ kind: 'gone', why: 'stopped' });
      this.#abort.signal.addEventListener('abort', onAbort);
      const arm = (seconds: number): void => {
        clearTimeout(timer);
        const ms = seconds * 1000 + this.#t.keepaliveGraceMs;
        timer = setTimeout(() => finish({ kind: 'gone', why: 'keepalive timeout' }), ms);
      };
      let keepalive = first.session.keepalive_timeout_seconds ?? this.#t.keepaliveSeconds;
      const follow = (socket: WebSocket): void => {
        socket.on('message', (data) => {
          if (socket !== current) return;
          arm(keepalive);
          const reconnectUrl = this.#frame(frameText(data), (end) => finish(end));
          if (reconnectUrl !== null) handOver(reconnectUrl);
        });
        socket.on('close', (code) => {
          if (socket === current) finish({ kind: 'gone', why: `closed (${code})` });
        });
      };
      const handOver = (url: string): void => {
        openSession(url, this.#t.requestTimeoutMs, this.#abort.signal).then(
          (next) => {
            if (over) {
              next.socket.close(); // ended while the new one was opening
              return;
            }
            const old = current;
            current = next.socket;
            keepalive = next.session.keepalive_timeout_seconds ?? keepalive;
            follow(next.socket);
            arm(keepalive);
            old.close();
          },
          (error: unknown) => finish({ kind: 'gone', why: `reconnect failed: ${String(error)}` }),
        );
      };
      follow(first.socket);
      arm(keepalive);
    });
  }

  /** Handles one frame; returns the reconnect URL of a session_reconnect, else null. */
  #frame(text: string, end: (end: End) => void): string | null {
    const parsed = frameSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      this.#context.malformed(
        `A Twitch EventSub message could not be read: ${describeZodError(parsed.error)}`,
      );
      return null;
    }
    const { metadata, payload } = parsed.data;
    this.#inbox.retry();
    switch (metadata.message_type) {
      case 'notification':
        this.#notification(
          metadata.subscription_type ?? '',
          payload.event,
          metadata.message_timestamp,
        );
        return null;
      case 'session_reconnect': {
        const session = sessionSchema.safeParse(payload.session);
        if (session.success && session.data.reconnect_url) return session.data.reconnect_url;
        this.#context.malformed('A Twitch session_reconnect message carried no reconnect_url');
        return null;
      }
      case 'revocation': {
        const revoked = revocationSchema.safeParse(payload);
        end({
          kind: 'revoked',
          status: revoked.success ? revoked.data.subscription.status : 'unknown',
        });
        return null;
      }
      default:
        return null; // session_keepalive (its arrival is what counts) and types yet unknown
    }
  }

  #notification(type: string, event: unknown, timestamp: string): void {
    if (type === 'channel.chat.message') {
      const e = chatEvent.safeParse(event);
      if (!e.success) return this.#bad(type, e.error);
      const d = e.data;
      if (!d.message.text.trim()) return;
      this.#inbox.message({
        id: d.message_id,
        userId: d.chatter_user_id,
        login: d.chatter_user_login,
        displayName: d.chatter_user_name,
        text: d.message.text,
        sentAt: twitchTime(timestamp),
      });
    } else if (type === 'channel.chat.message_delete') {
      const e = deleteEvent.safeParse(event);
      if (!e.success) return this.#bad(type, e.error);
      this.#inbox.deleted(e.data.message_id);
    } else if (type === 'channel.chat.clear_user_messages') {
      const e = clearEvent.safeParse(event);
      if (!e.success) return this.#bad(type, e.error);
      this.#inbox.cleared(e.data.target_user_id);
    }
  }

  #bad(type: string, error: z.ZodError): void {
    this.#context.malformed(`A Twitch ${type} event could not be read: ${describeZodError(error)}`);
  }

  #wsUrl(): string {
    const base = this.#config.apiBaseUrl;
    const url = new URL(base === null ? TWITCH_EVENTSUB_WS : `${base.replace(/^http/, 'ws')}/ws`);
    url.searchParams.set('keepalive_timeout_seconds', String(this.#t.keepaliveSeconds));
    return url.toString();
  }

  async #lookUpIds(): Promise<{ broadcaster: string; user: string }> {
    const channel = this.#config.channel.toLowerCase();
    const [broadcaster] = usersOf(
      await this.#helix('GET', `users?login=${encodeURIComponent(channel)}`),
    );
    if (broadcaster === undefined) throw new SourceFatal(message('twitch.no_channel', { channel }));
    const [user] = usersOf(await this.#helix('GET', 'users'));
    if (user === undefined) throw new SourceFatal(message('twitch.unauthorized'));
    return { broadcaster: broadcaster.id, user: user.id };
  }

  async #subscribe(type: string, sessionId: string): Promise<void> {
    const ids = this.#ids;
    if (ids === null) throw new Error('no Twitch user ids');
    try {
      await this.#helix('POST', 'eventsub/subscriptions', {
        type,
        version: '1',
        condition: { broadcaster_user_id: ids.broadcaster, user_id: ids.user },
        transport: { method: 'websocket', session_id: sessionId },
      });
    } catch (error) {
      // 409: this session already has it (after a retried request).
      if (!(error instanceof HelixError && error.status === 409)) throw error;
    }
  }

  async #helix(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    const response = await fetch(`${this.#config.apiBaseUrl ?? TWITCH_API}/helix/${path}`, {
      method,
      signal,
      headers: {
        authorization: `Bearer ${this.#config.userToken()}`,
        'client-id': this.#config.clientId,
        'content-type': 'application/json',
        'user-agent': 'Panelcast',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw helixFailure(response, text);
    return parseJson(text);
  }

  async #afterFailure(error: unknown, failures: number): Promise<void> {
    if (error instanceof HelixError) {
      const fatal = fatalFor(error, this.#config.channel);
      if (fatal) throw fatal;
      if (error.status === 429) return this.#rateLimited(error, failures);
    }
    const wait = backoffDelay(failures, this.#t.retry);
    const seconds = (wait / 1000).toFixed(1);
    const said =
      error instanceof HelixError
        ? message('twitch.retrying', { status: error.status, seconds }, error.detail)
        : message('twitch.dropped', { seconds }, error instanceof Error ? error.message : null);
    this.#context.status('reconnecting', said, new Date(Date.now() + wait));
    await pause(wait, this.#abort.signal);
  }

  async #rateLimited(error: HelixError, failures: number): Promise<void> {
    const now = Date.now();
    const wait = Math.min(
      this.#t.maxRateLimitMs,
      error.resetAt === null
        ? backoffDelay(failures, this.#t.retry)
        : Math.max(0, error.resetAt - now),
    );
    const until = new Date(now + wait);
    this.#context.status(
      'rate_limited',
      message('twitch.rate_limited', { time: clockTime(until) }),
      until,
    );
    await pause(wait, this.#abort.signal);
  }
}

function fatalFor(error: HelixError, channel: string): SourceFatal | null {
  if (error.status === 401)
    return new SourceFatal(message('twitch.unauthorized', {}, error.detail));
  if (error.status === 403) return new SourceFatal(message('twitch.forbidden', {}, error.detail));
  if (error.status === 400 || error.status === 404) {
    return new SourceFatal(message('twitch.refused', { channel }, error.detail));
  }
  return null;
}

function usersOf(body: unknown): { id: string; login: string }[] {
  const parsed = usersSchema.safeParse(body);
  return parsed.success ? parsed.data.data : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Twitch's error body {error, status, message} and its Ratelimit-Reset (epoch seconds). */
function helixFailure(response: Response, text: string): HelixError {
  const body = helixError.safeParse(parseJson(text));
  const detail = body.success ? (body.data.message ?? body.data.error ?? '') : '';
  const reset = Number(response.headers.get('ratelimit-reset'));
  return new HelixError(
    response.status,
    detail || `HTTP ${response.status}`,
    Number.isFinite(reset) && reset > 0 ? reset * 1000 : null,
  );
}

interface Opened {
  socket: WebSocket;
  session: Session;
}

/** Opens a socket and waits for its session_welcome. */
function openSession(url: string, timeoutMs: number, signal: AbortSignal): Promise<Opened> {
  return new Promise<Opened>((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const fail = (why: string): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('message');
      socket.terminate();
      reject(new Error(why));
    };
    const onAbort = (): void => fail('stopped');
    const timer = setTimeout(() => fail('no welcome from Twitch'), timeoutMs);
    signal.addEventListener('abort', onAbort);
    socket.on('error', (error) => fail(error.message));
    socket.on('close', (code) => fail(`closed (${code}) before the welcome`));
    socket.once('message', (data) => {
      const frame = frameSchema.safeParse(parseJson(frameText(data)));
      const session = frame.success ? sessionSchema.safeParse(frame.data.payload.session) : null;
      if (
        !frame.success ||
        frame.data.metadata.message_type !== 'session_welcome' ||
        !session?.success
      ) {
        return fail('the first message was no session_welcome');
      }
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => undefined); // a close follows and is watched
      resolve({ socket, session: session.data });
    });
  });
}
