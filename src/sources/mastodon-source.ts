// Posts with the show's hashtag on the user's Mastodon instance. Live: the hashtag stream as
// Server-Sent Events, GET /api/v1/streaming/hashtag?tag=… (`event: update` carries a Status,
// `event: delete` a status id; a user token is required since Mastodon 4.2;
// https://docs.joinmastodon.org/methods/streaming/). Streams do not replay what was missed, so
// after every gap the tag timeline GET /api/v1/timelines/tag/:hashtag is read from the last
// status id (since_id, paged back by the Link header's max_id;
// https://docs.joinmastodon.org/methods/timelines/#tag, https://docs.joinmastodon.org/api/guidelines/#pagination),
// paced by X-RateLimit-Remaining/Reset (https://docs.joinmastodon.org/api/rate-limits/).
// Deletions arrive as events and are retracted; one made during a gap is caught by the check
// right before air (GET /api/v1/statuses/:id).
//
// Plain fetch rather than the `masto` client: masto streams over WebSocket only, while the
// SSE endpoint here shares the splitter, keep-alive and backfill logic of the Facebook source.
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
import { htmlToText } from './mastodon-html.js';
import {
  NotStored,
  beforeWindow,
  clockTime,
  pause,
  type CommentSource,
  type SourceContext,
  endOnFatal,
  SourceFatal,
} from './source.js';
import { SseSplitter } from './sse-events.js';

/** A hashtag as Mastodon takes it: letters, digits and underscores, without the "#". */
export const MASTODON_TAG = /^[\p{L}\p{N}_]{1,100}$/u;
/** The most statuses the tag timeline gives per page. */
/** Waits past a window's reset by this much: the server's clock and ours differ a little. */
const RESET_MARGIN_MS = 1000;
const PAGE_SIZE = 40;

export interface MastodonSourceConfig {
  /** The access token, read before each request (a connected account renews it). */
  token: () => string;
  /** https://instance.example; tests point apiBaseUrl at a fake instead. */
  instanceUrl: string;
  hashtag: string;
  apiBaseUrl: string | null;
  /** The newest status id taken before, so a restart reads on from there. */
  sinceId: string | null;
}

export interface MastodonTimings {
  /** No byte (Mastodon sends ":thump" heartbeats) for this long: reconnect. */
  keepAliveMs: number;
  retry: BackoffPolicy;
  /** Wait after a 429 whose reset time is missing. */
  rateLimitMs: number;
  requestTimeoutMs: number;
}

export const MASTODON_TIMINGS: MastodonTimings = {
  keepAliveMs: 60_000,
  retry: { initialMs: 1000, maxMs: 60_000, jitter: 0.2 },
  rateLimitMs: 5 * 60_000,
  requestTimeoutMs: 20_000,
};

const statusSchema = z.object({
  id: z.string().regex(/^\d{1,30}$/),
  created_at: z.string().optional(),
  content: z.string(),
  url: z.string().nullable().optional(),
  uri: z.string().optional(),
  reblog: z.unknown().optional(),
  account: z.object({
    acct: z.string(),
    display_name: z.string().optional(),
    avatar: z.string().optional(),
    url: z.string().optional(),
  }),
});
const errorSchema = z.object({ error: z.string() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly resetAt: number | null,
  ) {
    super(detail);
  }
}
class Gap extends Error {}
/** Numeric ids compared as numbers (they outgrow 2^53). */
export function newerId(a: string | null, b: string): string {
  return a === null || BigInt(b) > BigInt(a) ? b : a;
}

export class MastodonSource implements CommentSource {
  readonly #config: MastodonSourceConfig;
  readonly #context: SourceContext;
  readonly #t: MastodonTimings;
  readonly #onProgress: (sinceId: string) => void;
  readonly #abort = new AbortController();
  #sinceId: string | null;
  /** From the last answer's X-RateLimit headers: calls left, and when the window resets. */
  #budget: { remaining: number; resetAt: number } | null = null;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: MastodonSourceConfig,
    context: SourceContext,
    options: { timings?: Partial<MastodonTimings>; onProgress?: (sinceId: string) => void } = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...MASTODON_TIMINGS, ...options.timings };
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#sinceId = config.sinceId;
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

  get #tag(): string {
    return this.#config.hashtag.replace(/^#/, '');
  }

  async #loop(): Promise<void> {
    if (!MASTODON_TAG.test(this.#tag)) {
      throw new SourceFatal(message('mastodon.not_a_tag', { tag: this.#config.hashtag }));
    }
    let failures = 0;
    while (!this.#stopped()) {
      try {
        await this.#round(() => (failures = 0));
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof SourceFatal) throw error;
        await this.#afterFailure(error, (failures += 1));
      }
    }
  }

  /** Opens the stream, reads what came before it, then takes posts as they come. */
  async #round(ok: () => void): Promise<void> {
    const tag = this.#tag;
    this.#context.status('connecting', message('mastodon.connecting', { tag }));
    const connection = new AbortController();
    const stop = (): void => connection.abort();
    this.#abort.signal.addEventListener('abort', stop, { once: true });
    try {
      const url = this.#url('api/v1/streaming/hashtag');
      url.searchParams.set('tag', tag);
      const response = await this.#fetch(url, connection.signal, 'text/event-stream');
      if (!response.ok || !response.body) throw await httpError(response);
      await this.#backfill();
      ok();
      this.#context.status('connected', message('mastodon.live', { tag }));
      await this.#readStream(response.body, connection);
    } finally {
      this.#abort.signal.removeEventListener('abort', stop);
      connection.abort();
    }
  }

  #url(path: string): URL {
    const base = (this.#config.apiBaseUrl ?? this.#config.instanceUrl).replace(/\/+$/, '');
    return new URL(`${base}/${path}`);
  }

  #fetch(url: URL, signal: AbortSignal, accept: string): Promise<Response> {
    return fetch(url, {
      signal,
      headers: {
        authorization: `Bearer ${this.#config.token()}`,
        accept,
        'user-agent': 'Panelcast',
      },
    });
  }

  async #readStream(body: ReadableStream<Uint8Array>, connection: AbortController): Promise<void> {
    const reader = body.getReader();
    const splitter = new SseSplitter();
    const quiet = (): ReturnType<typeof setTimeout> =>
      setTimeout(() => connection.abort(), this.#t.keepAliveMs);
    let timer = quiet();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        clearTimeout(timer);
        if (done) throw new Gap('ended');
        for (const item of splitter.push(value)) {
          if (item.kind === 'event') this.#onEvent(item.event, item.data);
        }
        timer = quiet();
      }
    } catch (error) {
      if (this.#stopped() || error instanceof NotStored) throw error;
      throw new Gap(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      reader.releaseLock();
    }
  }

  #onEvent(event: string, data: string): void {
    if (event === 'delete') {
      if (/^\d{1,30}$/.test(data.trim())) this.#context.retract(data.trim());
      else this.#context.malformed(`A Mastodon deletion named no status: ${data.slice(0, 80)}`);
      return;
    }
    if (event !== 'update') return; // status.update (edits) and others: not needed here
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.#context.malformed(`A Mastodon status was not JSON: ${data.slice(0, 80)}`);
      return;
    }
    const id = this.#take(parsed);
    if (id !== null) this.#advance(id);
  }

  #advance(id: string): void {
    const next = newerId(this.#sinceId, id);
    if (next === this.#sinceId) return;
    this.#sinceId = next;
    this.#onProgress(next);
  }

  /** Reads the tag timeline from the last id, newest page first, back to that id. */
  async #backfill(): Promise<void> {
    const since = this.#sinceId;
    let maxId: string | null = null;
    let newest: string | null = null;
    const found: unknown[] = [];
    for (;;) {
      const url = this.#url(`api/v1/timelines/tag/${encodeURIComponent(this.#tag)}`);
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (since !== null) url.searchParams.set('since_id', since);
      if (maxId !== null) url.searchParams.set('max_id', maxId);
      const { items, next } = await this.#page(url);
      found.push(...items);
      if (next === null || items.length < PAGE_SIZE || this.#farEnough(since, items)) break;
      maxId = next;
    }
    // Oldest first, so cards come in the order they were written.
    for (const item of found.reverse()) {
      const id = this.#take(item);
      if (id !== null) newest = newerId(newest, id);
    }
    if (newest !== null) this.#advance(newest);
  }

  /**
   * With nothing read before, the tag's whole history is not wanted: one page, or as far back as
   * the show's window reaches.
   */
  #farEnough(since: string | null, items: unknown[]): boolean {
    if (since !== null) return false;
    const from = this.#context.notBefore();
    if (from === null) return true;
    const oldest = statusSchema.safeParse(items.at(-1));
    return !oldest.success || Date.parse(oldest.data.created_at ?? '') < from;
  }

  async #page(url: URL): Promise<{ items: unknown[]; next: string | null }> {
    await this.#paceBudget();
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    const response = await this.#fetch(url, signal, 'application/json');
    if (!response.ok) throw await httpError(response);
    this.#budget = readBudget(response.headers);
    const body = z.array(z.unknown()).safeParse(await response.json().catch(() => null));
    if (!body.success) {
      this.#context.malformed(
        `A Mastodon timeline page could not be read: ${describeZodError(body.error)}`,
      );
      return { items: [], next: null };
    }
    return { items: body.data, next: nextMaxId(response.headers.get('link')) };
  }

  /** With no calls left in the window, waits for its reset rather than earn a 429. */
  async #paceBudget(): Promise<void> {
    const budget = this.#budget;
    if (budget === null || budget.remaining > 0) return;
    const wait = Math.min(budget.resetAt + RESET_MARGIN_MS - Date.now(), this.#t.rateLimitMs);
    if (wait <= 0) return;
    this.#context.status(
      'rate_limited',
      message('mastodon.rate_limited', { time: clockTime(new Date(Date.now() + wait)) }),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  /** Hands one status over; its id, or null when it could not be read. */
  #take(raw: unknown): string | null {
    const parsed = statusSchema.safeParse(raw);
    if (!parsed.success) {
      this.#context.malformed(
        `A Mastodon status could not be read: ${describeZodError(parsed.error)}`,
      );
      return null;
    }
    const s = parsed.data;
    if (s.reblog !== undefined && s.reblog !== null) return s.id; // a boost: the original counts
    const text = htmlToText(s.content);
    const createdAt = validTime(s.created_at);
    if (text === '' || beforeWindow(this.#context, createdAt)) return s.id;
    const comment: IncomingComment = {
      platform: 'mastodon',
      platformId: s.id,
      author: {
        name: s.account.display_name?.trim() || s.account.acct,
        handle: s.account.acct,
        avatarUrl: httpsOrNull(s.account.avatar),
        profileUrl: httpsOrNull(s.account.url),
      },
      text,
      createdAt,
      url: httpsOrNull(s.url ?? s.uri),
      superchat: null,
    };
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(s.id);
    return s.id;
  }

  async #afterFailure(error: unknown, failures: number): Promise<void> {
    if (error instanceof HttpError) {
      await this.#afterHttpError(error, failures);
      return;
    }
    const wait = backoffDelay(failures, this.#t.retry);
    const code = error instanceof NotStored ? 'sources.not_stored' : 'mastodon.dropped';
    this.#context.status(
      'reconnecting',
      message(code, { seconds: (wait / 1000).toFixed(1) }),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  async #afterHttpError(error: HttpError, failures: number): Promise<void> {
    const { status, detail } = error;
    if (status === 401) throw new SourceFatal(message('mastodon.unauthorized', {}, detail));
    if (status === 403) throw new SourceFatal(message('mastodon.forbidden', {}, detail));
    if (status === 404) throw new SourceFatal(message('mastodon.not_found', {}, detail));
    if (status === 429) {
      const wait = Math.max(
        error.resetAt === null ? this.#t.rateLimitMs : error.resetAt - Date.now(),
        backoffDelay(failures, this.#t.retry),
      );
      const until = new Date(Date.now() + wait);
      this.#context.status(
        'rate_limited',
        message('mastodon.rate_limited', { time: clockTime(until) }),
        until,
      );
      await pause(wait, this.#abort.signal);
      return;
    }
    const wait = backoffDelay(failures, this.#t.retry);
    this.#context.status(
      'reconnecting',
      message('mastodon.retrying', { status, seconds: (wait / 1000).toFixed(1) }, detail),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  /** Whether the status can still be read (one deleted during a gap sent no event). */
  async stillThere(id: string): Promise<boolean | null> {
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    try {
      const url = this.#url(`api/v1/statuses/${encodeURIComponent(id)}`);
      const response = await this.#fetch(url, signal, 'application/json');
      await response.body?.cancel();
      if (response.ok) return true;
      if (response.status === 404) return false;
      this.#context.logger.warn('could not check a post before it goes on air', {
        status: response.status,
      });
      return null;
    } catch {
      this.#context.logger.warn('could not check a post before it goes on air', {
        status: 'network',
      });
      return null;
    }
  }
}

function validTime(value: string | undefined): string {
  const at = value === undefined ? NaN : Date.parse(value);
  return new Date(Number.isNaN(at) ? Date.now() : at).toISOString();
}

function httpsOrNull(value: string | null | undefined): string | null {
  return value && /^https?:\/\//.test(value) ? value : null;
}

/** The max_id of the Link header's rel="next" (older) page; the rest of its URL is not used. */
export function nextMaxId(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m?.[1]) continue;
    try {
      const id = new URL(m[1]).searchParams.get('max_id');
      return id !== null && /^\d{1,30}$/.test(id) ? id : null;
    } catch {
      return null;
    }
  }
  return null;
}

function readBudget(headers: Headers): { remaining: number; resetAt: number } | null {
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  const resetAt = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  return headers.has('x-ratelimit-remaining') &&
    Number.isFinite(remaining) &&
    !Number.isNaN(resetAt)
    ? { remaining, resetAt }
    : null;
}

async function httpError(response: Response): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  let detail = `HTTP ${response.status}`;
  try {
    const body = errorSchema.safeParse(JSON.parse(text));
    if (body.success) detail = body.data.error;
  } catch {
    // not JSON: the status says enough
  }
  const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
  return new HttpError(response.status, detail, Number.isNaN(reset) ? null : reset);
}
