// Posts with the show's hashtags from X, through twitter-api-v2 with an app bearer token. The
// filtered stream (our rules tagged "panelcast", others' rules left alone) reconnects the way X
// asks: at once, then +250 ms steps to 16 s for network drops, 5 s doubling to 320 s for HTTP
// errors, 60 s doubling for 429 (or until X's reset time). After every gap the missed posts are
// fetched with recent search since the last id seen; the store's de-duplication makes every post
// count once. Plans without the stream fall back to polling recent search.
import http from 'node:http';
import {
  ApiResponseError,
  ETwitterStreamEvent,
  TwitterApi,
  type ITwitterApiBeforeRequestConfigHookArgs,
  type ITwitterApiClientPlugin,
  type StreamingV2Rule,
  type TweetStream,
  type TweetV2SingleStreamResult,
} from 'twitter-api-v2';
import { z } from 'zod';
import type { IncomingComment } from '../shared/comment-schema.js';
import { describeZodError } from '../shared/validation.js';
import { NotStored, clockTime, pause, type CommentSource, type SourceContext } from './source.js';

export const PANELCAST_RULE_TAG = 'panelcast';

export interface XSourceConfig {
  bearerToken: string;
  hashtags: string[];
  /** "auto" streams and falls back to polling where the plan has no filtered stream. */
  mode: 'auto' | 'stream' | 'poll';
  /** Another base URL for the API (tests use a local fake); null for https://api.x.com. */
  apiBaseUrl: string | null;
  /** The newest post id already taken in, to fill the gap since (e.g. after a restart). */
  lastSeenId: string | null;
}

export interface XTimings {
  /** No data and no heartbeat for this long means the stream stalled (X sends one every 20 s). */
  keepAliveMs: number;
  tcpStepMs: number;
  tcpMaxMs: number;
  httpInitialMs: number;
  httpMaxMs: number;
  rateLimitInitialMs: number;
  rateLimitMaxMs: number;
  pollIntervalMs: number;
  /** On the very first poll, how far back to look. */
  pollLookbackMs: number;
}

export const X_TIMINGS: XTimings = {
  keepAliveMs: 30_000,
  tcpStepMs: 250,
  tcpMaxMs: 16_000,
  httpInitialMs: 5000,
  httpMaxMs: 320_000,
  rateLimitInitialMs: 60_000,
  rateLimitMaxMs: 15 * 60_000,
  pollIntervalMs: 15_000,
  pollLookbackMs: 60 * 60_000,
};

const TWEET_FIELDS = ['created_at', 'author_id'] as const;
const USER_FIELDS = ['name', 'username', 'profile_image_url'] as const;

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  profile_image_url: z.string().optional(),
});
const tweetSchema = z.object({
  id: z.string().regex(/^\d{1,25}$/),
  text: z.string(),
  author_id: z.string(),
  created_at: z.string().optional(),
});
const streamPayloadSchema = z.object({
  data: tweetSchema,
  includes: z.object({ users: z.array(userSchema).optional() }).optional(),
  matching_rules: z.array(z.object({ id: z.string(), tag: z.string().optional() })).optional(),
});

type Tweet = z.infer<typeof tweetSchema>;
type User = z.infer<typeof userSchema>;

/** twitter-api-v2 has no base-URL option: rewrite each request's URL, before it is built. */
function apiBasePlugin(base: URL): ITwitterApiClientPlugin {
  const prefix = base.pathname.replace(/\/+$/, '');
  const rewrite = ({ params }: ITwitterApiBeforeRequestConfigHookArgs): void => {
    const original = new URL(params.url.startsWith('http') ? params.url : `https://${params.url}`);
    params.url = `${base.origin}${prefix}${original.pathname}${original.search}`;
  };
  return { onBeforeRequestConfig: rewrite, onBeforeStreamRequestConfig: rewrite };
}

export function createXClient(
  config: Pick<XSourceConfig, 'bearerToken' | 'apiBaseUrl'>,
): TwitterApi {
  if (config.apiBaseUrl === null) return new TwitterApi(config.bearerToken);
  const base = new URL(config.apiBaseUrl);
  return new TwitterApi(config.bearerToken, {
    plugins: [apiBasePlugin(base)],
    // The client always uses https.request; an http.Agent makes plain-http URLs work.
    ...(base.protocol === 'http:' ? { httpAgent: new http.Agent({ keepAlive: true }) } : {}),
  });
}

/** "(#NextTalk OR #AskNextTalk) -is:retweet" */
export function ruleFor(hashtags: readonly string[]): string {
  const tags = hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`));
  const any = tags.length === 1 ? (tags[0] ?? '') : `(${tags.join(' OR ')})`;
  return `${any} -is:retweet`;
}

/** X encodes only these three in post text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function newer(a: string | null, b: string): string {
  return a === null || BigInt(b) > BigInt(a) ? b : a;
}

export type Failure =
  | { kind: 'network'; detail: string }
  | { kind: 'stall' }
  | { kind: 'operational' }
  | { kind: 'http'; status: number; detail: string }
  | { kind: 'rate_limited'; resetAt: Date | null }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden'; detail: string };

function classify(error: unknown): Failure {
  if (error instanceof ApiResponseError) {
    const status = error.code;
    if (status === 429) {
      const reset = error.rateLimit?.reset;
      return { kind: 'rate_limited', resetAt: reset ? new Date(reset * 1000) : null };
    }
    if (status === 401) return { kind: 'unauthorized' };
    if (status === 403) {
      const data = error.data as { detail?: string; title?: string } | undefined;
      return { kind: 'forbidden', detail: data?.detail ?? data?.title ?? 'Forbidden' };
    }
    const data = error.data as { title?: string } | undefined;
    return { kind: 'http', status, detail: data?.title ?? `HTTP ${status}` };
  }
  return { kind: 'network', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * How long to wait before reconnect number `n` (1 for the first), as X asks: network drops and
 * stalls at once, then +250 ms steps up to 16 s; HTTP errors 5 s doubling up to 320 s; 429 one
 * minute doubling, or until X's rate-limit reset if that is later.
 */
export function retryDelay(failure: Failure, n: number, t: XTimings, nowMs: number): number {
  switch (failure.kind) {
    case 'stall':
    case 'operational':
    case 'network':
      return n <= 1 ? 0 : Math.min(t.tcpMaxMs, t.tcpStepMs * (n - 1));
    case 'rate_limited': {
      const backoff = Math.min(t.rateLimitMaxMs, t.rateLimitInitialMs * 2 ** (n - 1));
      const untilReset = failure.resetAt ? failure.resetAt.getTime() - nowMs : 0;
      return Math.max(backoff, untilReset);
    }
    default:
      return Math.min(t.httpMaxMs, t.httpInitialMs * 2 ** (n - 1));
  }
}

class Fatal extends Error {}

export class XSource implements CommentSource {
  readonly #config: XSourceConfig;
  readonly #context: SourceContext;
  readonly #timings: XTimings;
  readonly #onProgress: (lastSeenId: string) => void;
  readonly #client: TwitterApi;
  readonly #abort = new AbortController();
  #run: Promise<void> = Promise.resolve();
  #stream: TweetStream<TweetV2SingleStreamResult> | null = null;
  /** Set when the last stream connection got through, so its failure starts the backoff afresh. */
  #wasUp = false;
  #lastSeenId: string | null;
  /** The last id before an unfilled gap: search from here once the stream is back. */
  #gapFrom: string | null = null;
  /** Set while stream posts could not be saved: the cursor waits for the search to catch up. */
  #held = false;
  /** Counts posts not saved, so a gap fill knows whether another one failed meanwhile. */
  #unstored = 0;
  #filling = false;
  readonly #tag: string;

  constructor(
    config: XSourceConfig,
    context: SourceContext,
    options: { timings?: Partial<XTimings>; onProgress?: (lastSeenId: string) => void } = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#timings = { ...X_TIMINGS, ...options.timings };
    this.#onProgress = options.onProgress ?? (() => undefined);
    this.#client = createXClient(config);
    this.#lastSeenId = config.lastSeenId;
    // A restart is a gap too.
    this.#gapFrom = config.lastSeenId;
    this.#tag = PANELCAST_RULE_TAG;
  }

  start(): void {
    this.#run = (this.#config.mode === 'poll' ? this.#pollLoop() : this.#streamLoop()).catch(
      (error: unknown) => {
        this.#context.status('error', error instanceof Error ? error.message : String(error));
      },
    );
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    // close() (not destroy()) so the running loop hears the stream end and finishes.
    this.#stream?.close();
    await this.#run;
  }

  /** Methods, not fields read inline: they change while we await, which flow analysis cannot see. */
  #streamWasUp(): boolean {
    return this.#wasUp;
  }

  #isStopped(): boolean {
    return this.#abort.signal.aborted;
  }

  get #query(): string {
    return ruleFor(this.#config.hashtags);
  }

  // ── the filtered stream ─────────────────────────────────────────────────────────────────

  async #streamLoop(): Promise<void> {
    let failures = 0;
    let last: Failure['kind'] | null = null;
    while (!this.#isStopped()) {
      this.#context.status(
        failures === 0 ? 'connecting' : 'reconnecting',
        'Connecting to the X filtered stream…',
      );
      let failure: Failure;
      this.#wasUp = false;
      try {
        await this.#syncRules();
        failure = await this.#streamOnce();
      } catch (error) {
        failure = classify(error);
      }
      if (this.#isStopped()) return;
      this.#gapFrom ??= this.#lastSeenId;

      if (failure.kind === 'unauthorized') {
        this.#context.status(
          'error',
          'X rejected the bearer token. Enter a valid one in Settings.',
        );
        return;
      }
      if (failure.kind === 'forbidden') {
        if (this.#config.mode === 'auto') {
          this.#context.logger.info('filtered stream not allowed; polling search', {
            detail: failure.detail,
          });
          await this.#pollLoop(
            'Your X plan does not include the filtered stream, so Panelcast polls recent search',
          );
          return;
        }
        this.#context.status(
          'error',
          `Your X plan does not allow the filtered stream (${failure.detail}).`,
        );
        return;
      }
      // A stream that was up starts afresh; the same kind of failure in a row escalates.
      failures = !this.#streamWasUp() && failure.kind === last ? failures + 1 : 1;
      last = failure.kind;
      const { delay, state, message, retryAt } = this.#plan(failure, failures);
      this.#context.status(state, message, retryAt);
      await pause(delay, this.#abort.signal);
    }
  }

  #plan(
    failure: Failure,
    n: number,
  ): { delay: number; state: 'reconnecting' | 'rate_limited'; message: string; retryAt: Date } {
    const delay = retryDelay(failure, n, this.#timings, Date.now());
    const retryAt = new Date(Date.now() + delay);
    if (failure.kind === 'rate_limited') {
      return {
        delay,
        state: 'rate_limited',
        retryAt,
        message: `Rate-limited by X until ${clockTime(retryAt)}. Posts from meanwhile are fetched afterwards.`,
      };
    }
    const why: Record<Exclude<Failure['kind'], 'rate_limited'>, string> = {
      stall: 'The stream went silent (no heartbeat)',
      operational: 'X closed the stream for maintenance',
      network: `The connection to X dropped (${failure.kind === 'network' ? failure.detail : ''})`,
      http: `X answered ${failure.kind === 'http' ? `${failure.status} ${failure.detail}` : ''}`,
      unauthorized: 'X rejected the bearer token',
      forbidden: 'X refused the stream',
    };
    const when = delay < 1000 ? 'now' : `in ${Math.round(delay / 1000)} s`;
    return {
      delay,
      state: 'reconnecting',
      retryAt,
      message: `${why[failure.kind]}. Reconnecting ${when}.`,
    };
  }

  /** Makes sure our tagged rule matches the hashtags; other apps' or people's rules stay. */
  async #syncRules(): Promise<void> {
    const wanted = this.#query;
    const current = await this.#client.v2.streamRules();
    // X leaves "data" out when there are no rules, whatever the types say.
    const rules = (current.data as StreamingV2Rule[] | undefined) ?? [];
    const ours = rules.filter((r) => r.tag === this.#tag);
    const stale = ours.filter((r) => r.value !== wanted).map((r) => r.id);
    if (stale.length > 0) await this.#client.v2.updateStreamRules({ delete: { ids: stale } });
    if (!ours.some((r) => r.value === wanted)) {
      await this.#client.v2.updateStreamRules({ add: [{ value: wanted, tag: this.#tag }] });
    }
  }

  /** Runs one stream connection until it ends; returns why it ended. */
  async #streamOnce(): Promise<Failure> {
    const stream = this.#client.v2.searchStream({
      expansions: ['author_id'],
      'tweet.fields': [...TWEET_FIELDS],
      'user.fields': [...USER_FIELDS],
      autoConnect: false,
    });
    this.#stream = stream;
    let cause: Failure | null = null;
    const ended = new Promise<Failure>((resolve) => {
      stream.on(ETwitterStreamEvent.Data, (payload) => this.#onPayload(payload));
      stream.on(ETwitterStreamEvent.DataError, (payload) => {
        const text = JSON.stringify(payload);
        if (text.includes('operational-disconnect')) {
          cause = { kind: 'operational' };
        } else {
          this.#context.malformed(`X sent an error in the stream: ${text.slice(0, 200)}`);
        }
      });
      stream.on(ETwitterStreamEvent.TweetParseError, () =>
        this.#context.malformed('A line of the X stream was not valid JSON.'),
      );
      stream.on(ETwitterStreamEvent.ConnectionLost, () => {
        cause ??= { kind: 'stall' };
      });
      stream.on(ETwitterStreamEvent.ConnectionError, (error: Error) => {
        cause ??= { kind: 'network', detail: error.message };
      });
      stream.on(ETwitterStreamEvent.ConnectionClosed, () =>
        resolve(cause ?? { kind: 'network', detail: 'closed' }),
      );
    });
    try {
      await stream.connect({ autoReconnect: false, keepAliveTimeout: this.#timings.keepAliveMs });
    } catch (error) {
      stream.destroy();
      return classify(error);
    }
    if (this.#isStopped()) {
      stream.destroy();
      return { kind: 'network', detail: 'stopped' };
    }
    this.#wasUp = true;
    this.#context.status(
      'connected',
      `Connected to the X filtered stream, following ${this.#config.hashtags.join(', ')}.`,
    );
    void this.#fillGap();
    const failure = await ended;
    stream.destroy();
    this.#stream = null;
    return failure;
  }

  #onPayload(payload: unknown): void {
    const parsed = streamPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      this.#context.malformed(
        `An X stream payload was not a post: ${describeZodError(parsed.error)}`,
      );
      return;
    }
    const { data, includes, matching_rules: rules } = parsed.data;
    // The stream carries every rule of the app; only ours are for this show.
    if (rules && !rules.some((r) => r.tag === this.#tag)) return;
    try {
      this.#take(data, includes?.users ?? [], 'stream');
    } catch (error) {
      if (!(error instanceof NotStored)) throw error;
      // Search fetches it (and what follows) again from the last saved post.
      this.#gapFrom ??= this.#lastSeenId ?? (BigInt(data.id) - 1n).toString();
      this.#held = true;
      this.#unstored += 1;
      if (!this.#filling) void this.#fillGap();
    }
  }

  /** Fetches what was posted while the stream was down, oldest first. */
  async #fillGap(): Promise<void> {
    const from = this.#gapFrom;
    if (from === null || this.#filling) return;
    this.#filling = true;
    try {
      await this.#fillFrom(from);
    } finally {
      this.#filling = false;
    }
  }

  async #fillFrom(from: string): Promise<void> {
    for (let attempt = 1; !this.#isStopped(); attempt += 1) {
      try {
        const unstored = this.#unstored;
        await this.#searchSince(from, null);
        if (unstored !== this.#unstored) continue; // a stream post failed meanwhile
        if (this.#gapFrom === from) this.#gapFrom = null;
        this.#held = false;
        return;
      } catch (error) {
        const failure = classify(error);
        const wait =
          failure.kind === 'rate_limited' && failure.resetAt
            ? Math.max(1000, failure.resetAt.getTime() - Date.now())
            : Math.min(this.#timings.httpMaxMs, this.#timings.httpInitialMs * 2 ** (attempt - 1));
        this.#context.logger.warn('filling the gap failed; retrying', { failure, wait });
        if (failure.kind === 'unauthorized' || failure.kind === 'forbidden') return;
        await pause(wait, this.#abort.signal);
      }
    }
  }

  /** Takes in every post after `sinceId` (or since `startTime`), oldest first. */
  async #searchSince(
    sinceId: string | null,
    startTime: Date | null,
  ): Promise<{ remaining: number | null; reset: Date | null }> {
    const paginator = await this.#client.v2.search(this.#query, {
      max_results: 100,
      ...(sinceId !== null ? { since_id: sinceId } : {}),
      ...(sinceId === null && startTime !== null ? { start_time: startTime.toISOString() } : {}),
      expansions: ['author_id'],
      'tweet.fields': [...TWEET_FIELDS],
      'user.fields': [...USER_FIELDS],
    });
    const tweets: Tweet[] = [];
    const users: User[] = [];
    const collect = (): boolean => {
      const page = z
        .object({
          data: z.array(tweetSchema).optional(),
          includes: z.object({ users: z.array(userSchema).optional() }).optional(),
        })
        .safeParse(paginator.data);
      if (!page.success) {
        this.#context.malformed(
          `An X search page could not be read: ${describeZodError(page.error)}`,
        );
        return false;
      }
      tweets.push(...(page.data.data ?? []));
      users.push(...(page.data.includes?.users ?? []));
      return true;
    };
    collect();
    while (!paginator.done && !this.#isStopped()) {
      await paginator.fetchNext();
      if (!collect()) break;
    }
    // Deduplicate across pages and take them in oldest first, as they were posted.
    const unique = [...new Map(tweets.map((t) => [t.id, t])).values()].sort((a, b) =>
      BigInt(a.id) < BigInt(b.id) ? -1 : 1,
    );
    for (const tweet of unique) this.#take(tweet, users, 'search');
    const limit = paginator.rateLimit as { remaining?: number; reset?: number } | undefined;
    return {
      remaining: limit?.remaining ?? null,
      reset: limit?.reset ? new Date(limit.reset * 1000) : null,
    };
  }

  #take(tweet: Tweet, users: readonly User[], via: 'stream' | 'search'): void {
    const user = users.find((u) => u.id === tweet.author_id);
    const comment: IncomingComment = {
      platform: 'x',
      platformId: tweet.id,
      author: {
        name: user?.name.trim() || user?.username || `X user ${tweet.author_id}`,
        handle: user?.username ?? null,
        avatarUrl: user?.profile_image_url?.replace('_normal.', '_bigger.') ?? null,
        profileUrl: user ? `https://x.com/${user.username}` : null,
      },
      text: decodeEntities(tweet.text),
      createdAt: tweet.created_at ?? new Date().toISOString(),
      url: user
        ? `https://x.com/${user.username}/status/${tweet.id}`
        : `https://x.com/i/status/${tweet.id}`,
    };
    const outcome = this.#context.ingest(comment);
    if (outcome === 'unstored') throw new NotStored(tweet.id);
    if (outcome === 'invalid') return;
    // While stream posts wait to be fetched again, only the search moves the cursor.
    if (via === 'stream' && this.#held) return;
    this.#lastSeenId = newer(this.#lastSeenId, tweet.id);
    this.#onProgress(this.#lastSeenId);
  }

  // ── polling recent search ───────────────────────────────────────────────────────────────

  async #pollLoop(reason = 'Polling X recent search'): Promise<void> {
    const t = this.#timings;
    let failures = 0;
    let last: Failure['kind'] | null = null;
    const startedAt = new Date(Date.now() - t.pollLookbackMs);
    while (!this.#isStopped()) {
      let delay = t.pollIntervalMs;
      try {
        const limit = await this.#searchSince(this.#lastSeenId, startedAt);
        failures = 0;
        last = null;
        this.#context.status(
          'connected',
          `${reason} every ${Math.round(t.pollIntervalMs / 1000)} s for ${this.#config.hashtags.join(', ')}.`,
        );
        if (limit.remaining === 0 && limit.reset)
          delay = Math.max(delay, limit.reset.getTime() - Date.now());
      } catch (error) {
        if (error instanceof NotStored) {
          delay = t.httpInitialMs;
          this.#context.status(
            'reconnecting',
            'Posts cannot be saved right now; they are fetched again once saving works.',
            new Date(Date.now() + delay),
          );
          await pause(delay, this.#abort.signal);
          continue;
        }
        const failure = classify(error);
        if (failure.kind === 'unauthorized')
          throw new Fatal('X rejected the bearer token. Enter a valid one in Settings.');
        if (failure.kind === 'forbidden')
          throw new Fatal(`Your X plan does not allow search (${failure.detail}).`);
        failures = failure.kind === last ? failures + 1 : 1;
        last = failure.kind;
        const plan = this.#plan(failure, failures);
        delay = plan.delay === 0 ? t.tcpStepMs : plan.delay;
        this.#context.status(
          plan.state,
          plan.message.replace('Reconnecting', 'Polling again'),
          plan.retryAt,
        );
      }
      await pause(delay, this.#abort.signal);
    }
  }
}
