// Facebook Live comments of a Page's live video through the Graph API with a page access token.
// Live: the Server-Sent Events endpoint streaming-graph.facebook.com/{live-video-id}/live_comments
// (https://developers.facebook.com/docs/graph-api/server-sent-events/endpoints/live-comments/).
// Facebook does not promise every event there ("you may miss events" while disconnected), and
// has announced the SSE endpoints' end, so after every gap, and on its own when SSE is refused,
// the comments edge /{live-video-id}/comments is polled from the last cursor
// (https://developers.facebook.com/docs/graph-api/reference/live-video/comments). Facebook
// reports no deletions: a comment is looked up (GET /{comment-id}) right before it goes on air.
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
import { graphFailure, usage, usageFactor, type GraphFailure } from './facebook-graph.js';
import {
  NotStored,
  clockTime,
  pause,
  type CommentSource,
  type SourceContext,
  endOnFatal,
  SourceFatal,
} from './source.js';
import { SseSplitter } from './sse-events.js';

export const GRAPH_VERSION = 'v23.0';
export const FACEBOOK_GRAPH = 'https://graph.facebook.com';
export const FACEBOOK_STREAMING = 'https://streaming-graph.facebook.com';
/** Asked for explicitly: Graph returns only the fields named in `fields=`. */
export const COMMENT_FIELDS = 'id,message,created_time,from{id,name}';

export interface FacebookSourceConfig {
  /** The page access token, read before each request (a connected account renews it). */
  pageToken: () => string;
  liveVideoId: string;
  /** One address for both Graph hosts (tests use a local fake); null for Facebook's own. */
  apiBaseUrl: string | null;
  /** The comments edge's `after` cursor saved last, so a restart reads on from there. */
  after: string | null;
}

export interface FacebookTimings {
  pollIntervalMs: number;
  /** No byte on the live connection for this long: it is taken as stalled and reopened. */
  keepAliveMs: number;
  /** While live, the comments edge is also read this often, for comments the rate held back. */
  sweepMs: number;
  retry: BackoffPolicy;
  /** Wait after a rate limit when the usage headers name no time. */
  rateLimitMs: number;
  requestTimeoutMs: number;
}

export const FACEBOOK_TIMINGS: FacebookTimings = {
  pollIntervalMs: 5000,
  keepAliveMs: 60_000,
  sweepMs: 30_000,
  retry: { initialMs: 1000, maxMs: 60_000, jitter: 0.2 },
  rateLimitMs: 5 * 60_000,
  requestTimeoutMs: 20_000,
};

export const LIVE_VIDEO_ID = /^\d{5,25}$/;

const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
const commentSchema = z.object({
  id: idSchema,
  message: z.string().optional(),
  created_time: z.string().optional(),
  from: z.object({ id: idSchema.optional(), name: z.string().optional() }).optional(),
});
const pageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({
      cursors: z.object({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});

class GraphError extends Error {
  constructor(readonly failure: GraphFailure) {
    super(failure.detail);
  }
}
/** The live connection ended, dropped or went quiet: read what was missed and reconnect. */
class Gap extends Error {}
export class FacebookSource implements CommentSource {
  readonly #config: FacebookSourceConfig;
  readonly #context: SourceContext;
  readonly #t: FacebookTimings;
  readonly #onProgress: (after: string) => void;
  readonly #abort = new AbortController();
  #after: string | null;
  #live = true;
  #slowdown = 1;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: FacebookSourceConfig,
    context: SourceContext,
    options: { timings?: Partial<FacebookTimings>; onProgress?: (after: string) => void } = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...FACEBOOK_TIMINGS, ...options.timings };
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#after = config.after;
  }

  start(): void {
    this.#run = endOnFatal(this.#loop(), this.#context);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#run;
  }

  /** A method, not a field read: the signal changes while the loop awaits. */
  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  get #video(): string {
    return this.#config.liveVideoId;
  }

  async #loop(): Promise<void> {
    if (!LIVE_VIDEO_ID.test(this.#video)) {
      throw new SourceFatal(message('facebook.not_a_video', { video: this.#video }));
    }
    let failures = 0;
    while (!this.#abort.signal.aborted) {
      try {
        if (this.#live) await this.#liveRound(() => (failures = 0));
        else await this.#pollRound(() => (failures = 0));
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof SourceFatal) throw error;
        await this.#afterFailure(error, (failures += 1));
      }
    }
  }

  /** Opens the live connection, reads what came before it, then takes comments as they come. */
  async #liveRound(ok: () => void): Promise<void> {
    this.#context.status('connecting', message('facebook.connecting', { video: this.#video }));
    const connection = new AbortController();
    const stop = (): void => connection.abort();
    this.#abort.signal.addEventListener('abort', stop, { once: true });
    try {
      const response = await this.#openLive(connection.signal);
      if (response === null) return; // live comments refused: polling from now on
      await this.#backfill();
      ok();
      this.#context.status('connected', message('facebook.live', { video: this.#video }));
      await this.#readLive(response, connection);
    } finally {
      this.#abort.signal.removeEventListener('abort', stop);
      connection.abort();
    }
  }

  async #pollRound(ok: () => void): Promise<void> {
    await this.#backfill();
    ok();
    const wait = this.#t.pollIntervalMs * this.#slowdown;
    this.#context.status(
      'connected',
      message('facebook.polling', {
        video: this.#video,
        seconds: Math.max(1, Math.round(wait / 1000)),
      }),
    );
    await pause(wait, this.#abort.signal);
  }

  #graphUrl(path: string): URL {
    return new URL(`${this.#config.apiBaseUrl ?? FACEBOOK_GRAPH}/${GRAPH_VERSION}/${path}`);
  }

  async #openLive(signal: AbortSignal): Promise<Response | null> {
    const url = new URL(
      `${this.#config.apiBaseUrl ?? FACEBOOK_STREAMING}/${this.#video}/live_comments`,
    );
    // As documented for EventSource clients: the token goes in the query.
    url.searchParams.set('access_token', this.#config.pageToken());
    url.searchParams.set('comment_rate', 'ten_per_second');
    url.searchParams.set('fields', COMMENT_FIELDS);
    const response = await this.#fetch(url, signal, { accept: 'text/event-stream' });
    if (response.ok && response.body) return response;
    const failure = graphFailure(response.status, await response.text(), response.headers);
    if (failure.kind === 'not_found' || failure.kind === 'other') {
      this.#context.logger.warn('live comments refused; polling instead', {
        detail: failure.detail,
      });
      this.#live = false;
      return null;
    }
    throw new GraphError(failure);
  }

  async #readLive(response: Response, connection: AbortController): Promise<void> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const splitter = new SseSplitter();
    const quiet = (): ReturnType<typeof setTimeout> =>
      setTimeout(() => connection.abort(), this.#t.keepAliveMs);
    let timer = quiet();
    let swept = Date.now();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        clearTimeout(timer);
        if (done) throw new Gap('ended');
        for (const item of splitter.push(value)) {
          if (item.kind === 'event') this.#takeLive(item.data);
        }
        if (Date.now() - swept >= this.#t.sweepMs) {
          // comment_rate passes on only the "highest quality" comments when they come faster:
          // the edge is read now and then to take the others too.
          await this.#backfill();
          swept = Date.now();
        }
        timer = quiet();
      }
    } catch (error) {
      if (this.#stopped() || error instanceof NotStored || error instanceof GraphError) throw error;
      throw new Gap(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      reader.releaseLock();
    }
  }

  #takeLive(data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.#context.malformed(`A Facebook live comment was not JSON: ${data.slice(0, 80)}`);
      return;
    }
    // The documented sample shows an array; single objects are taken too.
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) this.#take(item);
  }

  /** Reads the comments edge from the saved cursor to its end. */
  async #backfill(): Promise<void> {
    for (;;) {
      const url = this.#graphUrl(`${this.#video}/comments`);
      url.searchParams.set('fields', COMMENT_FIELDS);
      url.searchParams.set('order', 'chronological');
      url.searchParams.set('filter', 'stream');
      url.searchParams.set('limit', '100');
      if (this.#after !== null) url.searchParams.set('after', this.#after);
      const body = await this.#graphGet(url);
      const page = pageSchema.safeParse(body);
      if (!page.success) {
        this.#context.malformed(
          `A Facebook comments page could not be read: ${describeZodError(page.error)}`,
        );
        return;
      }
      for (const item of page.data.data) this.#take(item);
      const after = page.data.paging?.cursors?.after;
      // A page may come back empty (its comments deleted) and still have a next one.
      if (after === undefined || after === this.#after) return;
      this.#after = after;
      this.#onProgress(after);
      if (page.data.paging?.next === undefined) return;
    }
  }

  async #graphGet(url: URL): Promise<unknown> {
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    const response = await this.#fetch(url, signal, {
      authorization: `Bearer ${this.#config.pageToken()}`,
    });
    const text = await response.text();
    if (!response.ok) throw new GraphError(graphFailure(response.status, text, response.headers));
    this.#slowdown = usageFactor(usage(response.headers).percent);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      this.#context.malformed('A Facebook answer was not JSON.');
      return { data: [] };
    }
  }

  #fetch(url: URL, signal: AbortSignal, headers: Record<string, string>): Promise<Response> {
    return fetch(url, { signal, headers: { 'user-agent': 'Panelcast', ...headers } });
  }

  #take(raw: unknown): void {
    const parsed = commentSchema.safeParse(raw);
    if (!parsed.success) {
      this.#context.malformed(
        `A Facebook comment could not be read: ${describeZodError(parsed.error)}`,
      );
      return;
    }
    const c = parsed.data;
    if (!c.message?.trim()) return; // a sticker or photo alone: no question
    const created = c.created_time ? new Date(c.created_time) : new Date();
    const comment: IncomingComment = {
      platform: 'facebook',
      platformId: c.id,
      author: {
        // `from` is left out for people who have not allowed the app to see them.
        name: c.from?.name?.trim() || 'Facebook user',
        handle: null,
        avatarUrl: null,
        profileUrl: null,
      },
      text: c.message,
      createdAt: (Number.isNaN(created.getTime()) ? new Date() : created).toISOString(),
      url: `https://www.facebook.com/${this.#video}`,
      superchat: null,
    };
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(c.id);
  }

  /** Says what went wrong and waits as long as helps; a fault no wait can fix ends the source. */
  async #afterFailure(error: unknown, failures: number): Promise<void> {
    if (error instanceof GraphError) {
      await this.#afterGraphError(error.failure, failures);
      return;
    }
    const wait = backoffDelay(failures, this.#t.retry);
    const code = error instanceof NotStored ? 'sources.not_stored' : 'facebook.dropped';
    this.#context.status(
      'reconnecting',
      message(code, { seconds: (wait / 1000).toFixed(1) }),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  async #afterGraphError(f: GraphFailure, failures: number): Promise<void> {
    const video = this.#video;
    if (f.kind === 'token_expired')
      throw new SourceFatal(message('facebook.token_expired', {}, f.detail));
    if (f.kind === 'app_review')
      throw new SourceFatal(message('facebook.app_review', {}, f.detail));
    if (f.kind === 'permission')
      throw new SourceFatal(message('facebook.permission', {}, f.detail));
    if (f.kind === 'not_found')
      throw new SourceFatal(message('facebook.not_found', { video }, f.detail));
    if (f.kind === 'rate_limited') {
      const wait = Math.max(
        f.regainMs ?? this.#t.rateLimitMs,
        backoffDelay(failures, this.#t.retry),
      );
      const until = new Date(Date.now() + wait);
      this.#context.status(
        'rate_limited',
        message('facebook.rate_limited', {
          code: f.code ?? f.status ?? '—',
          time: clockTime(until),
        }),
        until,
      );
      await pause(wait, this.#abort.signal);
      return;
    }
    const wait = backoffDelay(failures, this.#t.retry);
    this.#context.status(
      'reconnecting',
      message(
        'facebook.retrying',
        { status: f.status ?? '—', seconds: (wait / 1000).toFixed(1) },
        f.detail,
      ),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  /**
   * Whether the comment can still be read (Facebook reports no deletions): false when Graph
   * says it does not exist, null when Facebook could not be asked.
   */
  async stillThere(id: string): Promise<boolean | null> {
    const url = this.#graphUrl(encodeURIComponent(id));
    url.searchParams.set('fields', 'id');
    try {
      await this.#graphGet(url);
      return true;
    } catch (error) {
      if (error instanceof GraphError && error.failure.kind === 'not_found') return false;
      this.#context.logger.warn('could not check a comment before it goes on air', {
        failure: error instanceof GraphError ? error.failure.kind : 'network',
      });
      return null;
    }
  }
}
