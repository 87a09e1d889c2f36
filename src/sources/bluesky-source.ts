// Bluesky posts with the show's hashtag, polled with app.bsky.feed.searchPosts (q, tag,
// sort=latest, since, cursor; https://docs.bsky.app/docs/api/app-bsky-feed-search-posts) through
// the account's PDS, which proxies it to the Bluesky AppView. Bluesky has turned off post search
// without a login on its public API (403 since January 2025, and `cursor` is refused there), so
// the source signs in with the account's app password (com.atproto.server.createSession,
// https://docs.bsky.app/docs/api/com-atproto-server-create-session) and signs in again when the
// access token expires. Polls are paced by the RateLimit-Remaining/Reset headers and a 429 waits
// for the reset (https://docs.bsky.app/docs/advanced-guides/rate-limits). Search reports no
// deletions: a post is looked up (app.bsky.feed.getPosts) right before it goes on air.
//
// Plain fetch to the XRPC endpoints rather than @atproto/api: three calls with small JSON
// bodies, where the rate-limit headers and {error, message} bodies must be read as they come.
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
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

/** The PDS of accounts made on bsky.app; it proxies app.bsky.* calls to the AppView. */
export const BLUESKY_PDS = 'https://bsky.social';
export const BLUESKY_TAG = /^[^\s#]{1,64}$/u;
/** A handle (alice.bsky.social) or a DID. */
export const BLUESKY_HANDLE = /^(did:[a-z]+:[a-zA-Z0-9._:%-]{1,200}|[a-zA-Z0-9.-]{3,253})$/;
/** Waits past a window's reset by this much: the server's clock and ours differ a little. */
const RESET_MARGIN_MS = 1000;
const PAGE_SIZE = 100;
/** Posts are indexed with a delay: each search reaches back this far before the newest seen. */
const OVERLAP_MS = 60_000;

export interface BlueskySourceConfig {
  handle: string;
  appPassword: string;
  hashtag: string;
  /** The PDS address; null for bsky.social (tests use a fake). */
  apiBaseUrl: string | null;
  /** The newest post time taken before (ISO), so a restart reads on from there. */
  since: string | null;
}

export interface BlueskyTimings {
  minPollMs: number;
  retry: BackoffPolicy;
  rateLimitMs: number;
  requestTimeoutMs: number;
}

export const BLUESKY_TIMINGS: BlueskyTimings = {
  minPollMs: 10_000,
  retry: { initialMs: 2000, maxMs: 120_000, jitter: 0.2 },
  rateLimitMs: 5 * 60_000,
  requestTimeoutMs: 20_000,
};

const postSchema = z.object({
  uri: z.string().regex(/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/),
  author: z.object({
    did: z.string(),
    handle: z.string(),
    displayName: z.string().optional(),
    avatar: z.string().optional(),
  }),
  record: z.object({ text: z.string(), createdAt: z.string().optional() }),
  indexedAt: z.string().optional(),
});
const searchSchema = z.object({ posts: z.array(z.unknown()), cursor: z.string().optional() });
const sessionSchema = z.object({ accessJwt: z.string().min(1), did: z.string() });
const errorSchema = z.object({ error: z.string(), message: z.string().optional() });

class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly resetAt: number | null,
  ) {
    super(detail);
  }
}
export class BlueskySource implements CommentSource {
  readonly #config: BlueskySourceConfig;
  readonly #context: SourceContext;
  readonly #t: BlueskyTimings;
  readonly #onProgress: (since: string) => void;
  readonly #abort = new AbortController();
  #since: string | null;
  #jwt: string | null = null;
  #budget: { remaining: number; resetAt: number } | null = null;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: BlueskySourceConfig,
    context: SourceContext,
    options: { timings?: Partial<BlueskyTimings>; onProgress?: (since: string) => void } = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...BLUESKY_TIMINGS, ...options.timings };
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#since = config.since;
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
    if (!BLUESKY_TAG.test(this.#tag)) {
      throw new SourceFatal(message('bluesky.not_a_tag', { tag: this.#config.hashtag }));
    }
    let failures = 0;
    while (!this.#stopped()) {
      try {
        await this.#search();
        failures = 0;
        const wait = this.#nextPollMs();
        this.#context.status(
          'connected',
          message('bluesky.reading', {
            tag: this.#tag,
            seconds: Math.max(1, Math.round(wait / 1000)),
          }),
        );
        await pause(wait, this.#abort.signal);
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof SourceFatal) throw error;
        await this.#afterFailure(error, (failures += 1));
      }
    }
  }

  /** The calls left in the rate window spread over what is left of it, never under minPollMs. */
  #nextPollMs(): number {
    const b = this.#budget;
    if (b === null) return this.#t.minPollMs;
    const until = Math.max(0, b.resetAt - Date.now());
    return Math.max(this.#t.minPollMs, Math.ceil(until / Math.max(1, b.remaining)));
  }

  /** All posts since the last time taken, following the cursor; handed over oldest first. */
  async #search(): Promise<void> {
    const since = this.#since;
    const found: unknown[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.#page(since, cursor);
      found.push(...page.posts);
      if (page.cursor === undefined || page.posts.length < PAGE_SIZE) break;
      // Nothing read before and no show window: the newest page, not the tag's whole history.
      if (since === null && this.#context.notBefore() === null) break;
      cursor = page.cursor;
    }
    let newest: number | null = null;
    for (const raw of found.reverse()) {
      const at = this.#take(raw);
      if (at !== null) newest = Math.max(newest ?? at, at);
    }
    if (newest === null) return;
    const next = new Date(newest - OVERLAP_MS).toISOString();
    if (since === null || next > since) {
      this.#since = next;
      this.#onProgress(next);
    }
  }

  async #page(
    since: string | null,
    cursor: string | undefined,
  ): Promise<z.output<typeof searchSchema>> {
    const url = this.#url('app.bsky.feed.searchPosts');
    url.searchParams.set('q', `#${this.#tag}`);
    url.searchParams.set('tag', this.#tag);
    url.searchParams.set('sort', 'latest');
    url.searchParams.set('limit', String(PAGE_SIZE));
    const from = this.#context.notBefore();
    const sinceAt = since ?? (from === null ? null : new Date(from).toISOString());
    if (sinceAt !== null) url.searchParams.set('since', sinceAt);
    if (cursor !== undefined) url.searchParams.set('cursor', cursor);
    const body = searchSchema.safeParse(await this.#authedGet(url));
    if (body.success) return body.data;
    this.#context.malformed(
      `A Bluesky search page could not be read: ${describeZodError(body.error)}`,
    );
    return { posts: [] };
  }

  #url(method: string): URL {
    return new URL(
      `${(this.#config.apiBaseUrl ?? BLUESKY_PDS).replace(/\/+$/, '')}/xrpc/${method}`,
    );
  }

  /** A GET with the session's token; an expired one is renewed by signing in again, once. */
  async #authedGet(url: URL): Promise<unknown> {
    const jwt = this.#jwt ?? (await this.#signIn());
    try {
      return await this.#call(url, { authorization: `Bearer ${jwt}` });
    } catch (error) {
      if (!(error instanceof XrpcError) || !isExpired(error)) throw error;
      this.#jwt = null;
      return this.#call(url, { authorization: `Bearer ${await this.#signIn()}` });
    }
  }

  async #signIn(): Promise<string> {
    try {
      const body = await this.#call(
        this.#url('com.atproto.server.createSession'),
        {},
        {
          identifier: this.#config.handle,
          password: this.#config.appPassword,
        },
      );
      const session = sessionSchema.safeParse(body);
      if (!session.success)
        throw new XrpcError(502, 'BadSession', 'no session in the answer', null);
      this.#jwt = session.data.accessJwt;
      return session.data.accessJwt;
    } catch (error) {
      if (error instanceof XrpcError && (error.status === 401 || error.status === 400)) {
        throw new SourceFatal(
          message('bluesky.login_failed', { handle: this.#config.handle }, error.detail),
        );
      }
      throw error;
    }
  }

  async #call(url: URL, headers: Record<string, string>, post?: object): Promise<unknown> {
    await this.#paceBudget();
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    const response = await fetch(url, {
      signal,
      method: post ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        'user-agent': 'Panelcast',
        ...(post ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: post ? JSON.stringify(post) : undefined,
    });
    const text = await response.text();
    const budget = readBudget(response.headers);
    if (budget !== null) this.#budget = budget;
    if (!response.ok) throw xrpcError(response.status, text, budget);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null; // counted as malformed by the caller's schema check
    }
  }

  async #paceBudget(): Promise<void> {
    const b = this.#budget;
    if (b === null || b.remaining > 0) return;
    const wait = Math.min(b.resetAt + RESET_MARGIN_MS - Date.now(), this.#t.rateLimitMs);
    if (wait <= 0) return;
    const until = new Date(Date.now() + wait);
    this.#context.status(
      'rate_limited',
      message('bluesky.rate_limited', { time: clockTime(until) }),
      until,
    );
    await pause(wait, this.#abort.signal);
  }

  /** Hands one post over; its time (ms), or null when it could not be read. */
  #take(raw: unknown): number | null {
    const parsed = postSchema.safeParse(raw);
    if (!parsed.success) {
      this.#context.malformed(
        `A Bluesky post could not be read: ${describeZodError(parsed.error)}`,
      );
      return null;
    }
    const p = parsed.data;
    const at = sortAt(p.record.createdAt, p.indexedAt);
    const createdAt = new Date(at).toISOString();
    if (p.record.text.trim() === '' || beforeWindow(this.#context, createdAt)) return at;
    const rkey = p.uri.split('/').pop() ?? '';
    const comment: IncomingComment = {
      platform: 'bluesky',
      platformId: p.uri,
      author: {
        name: p.author.displayName?.trim() || p.author.handle,
        handle: p.author.handle,
        avatarUrl: p.author.avatar?.startsWith('https://') ? p.author.avatar : null,
        profileUrl: `https://bsky.app/profile/${p.author.handle}`,
      },
      text: p.record.text,
      createdAt,
      url: `https://bsky.app/profile/${p.author.did}/post/${rkey}`,
      superchat: null,
    };
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(p.uri);
    return at;
  }

  async #afterFailure(error: unknown, failures: number): Promise<void> {
    if (error instanceof XrpcError && error.status === 429) {
      const wait = Math.max(
        error.resetAt === null ? this.#t.rateLimitMs : error.resetAt - Date.now(),
        backoffDelay(failures, this.#t.retry),
      );
      const until = new Date(Date.now() + wait);
      this.#context.status(
        'rate_limited',
        message('bluesky.rate_limited', { time: clockTime(until) }),
        until,
      );
      await pause(wait, this.#abort.signal);
      return;
    }
    if (error instanceof XrpcError && (error.status === 401 || error.status === 403)) {
      throw new SourceFatal(message('bluesky.refused', { status: error.status }, error.detail));
    }
    const wait = backoffDelay(failures, this.#t.retry);
    const status = error instanceof XrpcError ? error.status : '—';
    const code = error instanceof NotStored ? 'sources.not_stored' : 'bluesky.retrying';
    this.#context.status(
      'reconnecting',
      message(
        code,
        { status, seconds: (wait / 1000).toFixed(1) },
        error instanceof XrpcError ? error.detail : undefined,
      ),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  /** Whether the post can still be read (search reports no deletions); null: unknown. */
  async stillThere(uri: string): Promise<boolean | null> {
    const url = this.#url('app.bsky.feed.getPosts');
    url.searchParams.set('uris', uri);
    try {
      const body = z
        .object({ posts: z.array(z.object({ uri: z.string() })) })
        .safeParse(await this.#authedGet(url));
      if (!body.success) return null;
      return body.data.posts.some((p) => p.uri === uri);
    } catch (error) {
      this.#context.logger.warn('could not check a post before it goes on air', {
        status: error instanceof XrpcError ? error.status : 'network',
      });
      return null;
    }
  }
}

/** Search sorts by the earlier of createdAt and indexedAt (a back-dated post sorts when indexed). */
function sortAt(createdAt: string | undefined, indexedAt: string | undefined): number {
  const times = [createdAt, indexedAt]
    .map((t) => (t === undefined ? NaN : Date.parse(t)))
    .filter((t) => !Number.isNaN(t));
  return times.length === 0 ? Date.now() : Math.min(...times);
}

function isExpired(error: XrpcError): boolean {
  return error.error === 'ExpiredToken' || (error.status === 401 && error.error !== 'AuthMissing');
}

function readBudget(headers: Headers): { remaining: number; resetAt: number } | null {
  const remaining = Number(headers.get('ratelimit-remaining'));
  const reset = Number(headers.get('ratelimit-reset'));
  if (!headers.has('ratelimit-remaining') || !Number.isFinite(remaining) || !Number.isFinite(reset))
    return null;
  return { remaining, resetAt: reset * 1000 };
}

function xrpcError(status: number, text: string, budget: { resetAt: number } | null): XrpcError {
  let error = 'Unknown';
  let detail = `HTTP ${status}`;
  try {
    const body = errorSchema.safeParse(JSON.parse(text));
    if (body.success) {
      error = body.data.error;
      detail = body.data.message ?? body.data.error;
    }
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  return new XrpcError(status, error, detail, budget?.resetAt ?? null);
}
