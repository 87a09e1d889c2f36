// Posts with the show's hashtags from X: rules and recent search through twitter-api-v2, the
// filtered stream read by x-stream-connection. Reconnects the way X asks (at once, then +250 ms
// steps to 16 s for network drops, 5 s doubling to 320 s for HTTP errors, 60 s doubling for 429 or
// until X's reset); after every gap the missed posts come from recent search; plans without the
// stream poll search, paced by X's rate-limit headers.
import { type StreamingV2Rule, type TwitterApi } from 'twitter-api-v2';
import { message, type Message } from '../shared/messages/message.js';
import {
  NotStored,
  beforeWindow,
  clockTime,
  pause,
  type CommentSource,
  type SourceContext,
} from './source.js';
import { classify, createXClient, X_API, xUserAgent } from './x-client.js';
import {
  EXPANSIONS,
  readSearchPage,
  readStreamLine,
  snowflakeTime,
  toComment,
  TWEET_FIELDS,
  USER_FIELDS,
  type ReadItems,
  type Tweet,
  type XUser,
} from './x-payload.js';
import { RequestBudget } from './x-request-budget.js';
import { runXStream, type Failure } from './x-stream-connection.js';
import type { StreamLine } from './x-stream-lines.js';

export type { Failure } from './x-stream-connection.js';
export { createXClient } from './x-client.js';

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
  /** The shortest pause between two polls; the rate-limit headers may ask for longer. */
  pollIntervalMs: number;
  /** On the very first poll, how far back to look. */
  pollLookbackMs: number;
  /** Recent search only reaches back this far; older since_ids are refused with 400. */
  searchWindowMs: number;
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
  searchWindowMs: 7 * 24 * 60 * 60_000,
};

/** "(#NextTalk OR #AskNextTalk) -is:retweet" */
export function ruleFor(hashtags: readonly string[]): string {
  const tags = hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`));
  const any = tags.length === 1 ? (tags[0] ?? '') : `(${tags.join(' OR ')})`;
  return `${any} -is:retweet`;
}

function newer(a: string | null, b: string): string {
  return a === null || BigInt(b) > BigInt(a) ? b : a;
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
    case 'rate_limited':
    case 'connection_taken': {
      const backoff = Math.min(t.rateLimitMaxMs, t.rateLimitInitialMs * 2 ** (n - 1));
      const untilReset = failure.resetAt ? failure.resetAt.getTime() - nowMs : 0;
      return Math.max(backoff, untilReset);
    }
    default:
      return Math.min(t.httpMaxMs, t.httpInitialMs * 2 ** (n - 1));
  }
}

/** The words for a failure we retry after `delay`. */
export function retryMessage(failure: Failure, delay: number, retryAt: Date): Message {
  const when =
    delay < 1000
      ? message('x.retry_now')
      : message('x.retry_in', { seconds: Math.round(delay / 1000) });
  switch (failure.kind) {
    case 'rate_limited':
      return message('x.rate_limited', { time: clockTime(retryAt) });
    case 'connection_taken':
      return message('x.connection_taken', { time: clockTime(retryAt) });
    case 'stall':
      return message('x.stalled', { when });
    case 'operational':
      return message('x.operational', { when });
    case 'network':
      return message('x.dropped', { when }, failure.detail);
    case 'http':
      return message('x.http_error', { when, status: failure.status }, failure.detail);
    default:
      return message('x.refused', { when });
  }
}

class Fatal extends Error {
  readonly coded: Message;
  constructor(coded: Message) {
    super(coded.code);
    this.coded = coded;
  }
}

export class XSource implements CommentSource {
  readonly #config: XSourceConfig;
  readonly #context: SourceContext;
  readonly #timings: XTimings;
  readonly #onProgress: (lastSeenId: string) => void;
  readonly #client: TwitterApi;
  readonly #abort = new AbortController();
  readonly #searchBudget = new RequestBudget();
  #run: Promise<void> = Promise.resolve();
  /** Set when the last stream connection got through, so its failure starts the backoff afresh. */
  #wasUp = false;
  #lastSeenId: string | null;
  /** The last id before an unfilled gap: search from here once the stream is back. */
  #gapFrom: string | null = null;
  /** Why the current stream connection is ending, when a line of it said so. */
  #endCause: Failure | null = null;
  /** Set while stream posts could not be saved: the cursor waits for the search to catch up. */
  #held = false;
  /** Counts posts not saved, so a gap fill knows whether another one failed meanwhile. */
  #unstored = 0;
  #filling = false;
  readonly #tag = PANELCAST_RULE_TAG;

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
  }

  start(): void {
    this.#run = (this.#config.mode === 'poll' ? this.#pollLoop(false) : this.#streamLoop()).catch(
      (error: unknown) => {
        if (error instanceof Fatal) this.#context.status('error', error.coded);
        else
          this.#context.status(
            'error',
            message('source.failed', {}, error instanceof Error ? error.message : String(error)),
          );
      },
    );
  }

  async stop(): Promise<void> {
    this.#abort.abort();
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

  get #hashtags(): string {
    return this.#config.hashtags.join(', ');
  }

  // ── the filtered stream ─────────────────────────────────────────────────────────────────

  async #streamLoop(): Promise<void> {
    let failures = 0;
    let last: Failure['kind'] | null = null;
    while (!this.#isStopped()) {
      this.#context.status(failures === 0 ? 'connecting' : 'reconnecting', message('x.connecting'));
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

      if (failure.kind === 'unauthorized') throw new Fatal(message('x.unauthorized'));
      if (failure.kind === 'forbidden') {
        if (this.#config.mode === 'stream')
          throw new Fatal(message('x.stream_forbidden', {}, failure.detail));
        this.#context.logger.info('filtered stream not allowed; polling search', {
          detail: failure.detail,
        });
        await this.#pollLoop(true);
        return;
      }
      // A stream that was up starts afresh; the same kind of failure in a row escalates.
      failures = !this.#streamWasUp() && failure.kind === last ? failures + 1 : 1;
      last = failure.kind;
      await this.#waitAfter(failure, failures);
    }
  }

  async #waitAfter(failure: Failure, n: number): Promise<number> {
    const delay = retryDelay(failure, n, this.#timings, Date.now());
    const retryAt = new Date(Date.now() + delay);
    const limited = failure.kind === 'rate_limited' || failure.kind === 'connection_taken';
    this.#context.status(
      limited ? 'rate_limited' : 'reconnecting',
      retryMessage(failure, delay, retryAt),
      retryAt,
    );
    await pause(delay, this.#abort.signal);
    return delay;
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
    const url = new URL(`${this.#config.apiBaseUrl ?? X_API}/2/tweets/search/stream`);
    url.searchParams.set('expansions', EXPANSIONS.join(','));
    url.searchParams.set('tweet.fields', TWEET_FIELDS.join(','));
    url.searchParams.set('user.fields', USER_FIELDS.join(','));
    this.#endCause = null;
    const failure = await runXStream({
      url,
      headers: {
        authorization: `Bearer ${this.#config.bearerToken}`,
        'user-agent': xUserAgent(),
      },
      keepAliveMs: this.#timings.keepAliveMs,
      signal: this.#abort.signal,
      onConnected: () => {
        this.#wasUp = true;
        this.#context.status('connected', message('x.connected', { hashtags: this.#hashtags }));
        void this.#fillGap();
      },
      onLine: (line) => this.#onLine(line),
    });
    return this.#lineCause() ?? failure;
  }

  /** A method, not the field read inline: a line sets it while we await. */
  #lineCause(): Failure | null {
    return this.#endCause;
  }

  #onLine(line: StreamLine): void {
    if (line.kind === 'heartbeat') return;
    if (line.kind === 'overlong') {
      this.#context.malformed('An X stream line grew past the limit without ending.');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(line.text);
    } catch {
      this.#context.malformed('A line of the X stream was not valid JSON.');
      return;
    }
    if (line.text.includes('operational-disconnect')) {
      this.#endCause = { kind: 'operational' };
      return;
    }
    const read = readStreamLine(json);
    if ('error' in read) {
      this.#context.malformed(`${read.error} ${line.text.slice(0, 200)}`);
      return;
    }
    // The stream carries every rule of the app; only ours are for this show.
    if (read.ruleTags && !read.ruleTags.includes(this.#tag)) return;
    try {
      this.#takeAll(read, 'stream');
    } catch (error) {
      if (!(error instanceof NotStored)) throw error;
      // Search fetches it (and what follows) again from the last saved post.
      const first = read.tweets[0]?.id;
      this.#gapFrom ??= this.#lastSeenId ?? (first ? (BigInt(first) - 1n).toString() : null);
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
    let saidNotStored = false;
    for (let attempt = 1; !this.#isStopped(); attempt += 1) {
      try {
        const unstored = this.#unstored;
        await this.#searchSince(from);
        if (unstored !== this.#unstored) continue; // a stream post failed meanwhile
        if (this.#gapFrom === from) this.#gapFrom = null;
        this.#held = false;
        // The stream stayed up while saving failed: take back "could not save" once all is in.
        if (saidNotStored && this.#streamWasUp())
          this.#context.status('connected', message('x.connected', { hashtags: this.#hashtags }));
        return;
      } catch (error) {
        if (error instanceof NotStored) {
          saidNotStored = true;
          await this.#notStoredPause();
          continue;
        }
        const failure = classify(error);
        if (failure.kind === 'unauthorized' || failure.kind === 'forbidden') return;
        const wait =
          failure.kind === 'rate_limited' && failure.resetAt
            ? Math.max(1000, failure.resetAt.getTime() - Date.now())
            : Math.min(this.#timings.httpMaxMs, this.#timings.httpInitialMs * 2 ** (attempt - 1));
        this.#context.logger.warn('filling the gap failed; retrying', { failure, wait });
        await pause(wait, this.#abort.signal);
      }
    }
  }

  /**
   * Where to search from: after `sinceId` while X still has it in recent search (7 days) and it
   * is inside the show's window, else from the window's start (or the oldest time recent search
   * allows, which X accepts where an old id gets a 400). Null while the window has not opened.
   */
  #searchFrom(sinceId: string | null, fallback: Date): Record<string, string> | null {
    const now = Date.now();
    const oldest = now - this.#timings.searchWindowMs + 60_000;
    const show = this.#context.notBefore();
    const floor = Math.max(oldest, show ?? oldest);
    if (sinceId !== null && snowflakeTime(sinceId).getTime() > floor) return { since_id: sinceId };
    const from = sinceId === null && show === null ? Math.max(floor, fallback.getTime()) : floor;
    // X wants start_time in the past; before the window opens there is nothing to fetch.
    if (from > now - 10_000) return null;
    return { start_time: new Date(from).toISOString() };
  }

  /** Takes in every post after `sinceId` (or since `startTime`), oldest first. */
  async #searchSince(sinceId: string | null, startTime = new Date(0)): Promise<void> {
    const from = this.#searchFrom(sinceId, startTime);
    if (from === null) return;
    await this.#budgetWait();
    const paginator = await this.#client.v2.search(this.#query, {
      max_results: 100,
      ...from,
      expansions: [...EXPANSIONS],
      'tweet.fields': [...TWEET_FIELDS],
      'user.fields': [...USER_FIELDS],
    });
    this.#searchBudget.update(paginator.rateLimit);
    const tweets: Tweet[] = [];
    const users: XUser[] = [];
    const collect = (): void => {
      const page = readSearchPage(paginator.data);
      if ('error' in page) {
        this.#context.malformed(page.error);
        return;
      }
      for (const problem of page.problems) this.#context.malformed(problem);
      tweets.push(...page.tweets);
      users.push(...page.users);
    };
    collect();
    while (!paginator.done && !this.#isStopped()) {
      await this.#budgetWait();
      await paginator.fetchNext();
      this.#searchBudget.update(paginator.rateLimit);
      collect();
    }
    // Deduplicate across pages and take them in oldest first, as they were posted.
    const unique = [...new Map(tweets.map((t) => [t.id, t])).values()].sort((a, b) =>
      BigInt(a.id) < BigInt(b.id) ? -1 : 1,
    );
    this.#takeAll({ tweets: unique, users, problems: [] }, 'search');
  }

  /** Saving failed (disk full, database locked): say so and try again shortly. */
  async #notStoredPause(): Promise<void> {
    const delay = this.#timings.httpInitialMs;
    const retryAt = new Date(Date.now() + delay);
    this.#context.status('reconnecting', message('sources.not_stored'), retryAt);
    await pause(delay, this.#abort.signal);
  }

  /** When the window's requests are spent, waits for its reset instead of earning a 429. */
  async #budgetWait(): Promise<void> {
    if (!this.#searchBudget.exhausted) return;
    const delay = this.#searchBudget.delayBeforeNext(Date.now(), 0);
    if (delay <= 0) return;
    const retryAt = new Date(Date.now() + delay);
    this.#context.status(
      'rate_limited',
      message('x.rate_limited', { time: clockTime(retryAt) }),
      retryAt,
    );
    await pause(delay, this.#abort.signal);
  }

  /** Throws NotStored at the first post that could not be saved, before the cursor passes it. */
  #takeAll(read: ReadItems, via: 'stream' | 'search'): void {
    for (const problem of read.problems) this.#context.malformed(problem);
    for (const tweet of read.tweets) {
      const comment = toComment(tweet, read.users);
      // Older than the show's window (e.g. last week's): not this show's; the cursor passes it.
      const outcome = beforeWindow(this.#context, comment.createdAt)
        ? 'early'
        : this.#context.ingest(comment);
      if (outcome === 'unstored') throw new NotStored(tweet.id);
      if (outcome === 'invalid') continue;
      // While stream posts wait to be fetched again, only the search moves the cursor.
      if (via === 'stream' && this.#held) continue;
      this.#lastSeenId = newer(this.#lastSeenId, tweet.id);
      this.#onProgress(this.#lastSeenId);
    }
  }

  /**
   * Whether the post can still be read on X (X reports no deletions): false when X says it is
   * not found, null when X could not be asked.
   */
  async stillThere(id: string): Promise<boolean | null> {
    try {
      const answer = await this.#client.v2.get<{ data?: { id: string }[] }>('tweets', { ids: id });
      return (answer.data ?? []).some((t) => t.id === id);
    } catch (error) {
      this.#context.logger.warn('could not check a post before it goes on air', {
        failure: classify(error),
      });
      return null;
    }
  }

  // ── polling recent search ───────────────────────────────────────────────────────────────

  async #pollLoop(noStream: boolean): Promise<void> {
    const t = this.#timings;
    let failures = 0;
    let last: Failure['kind'] | null = null;
    const startedAt = new Date(Date.now() - t.pollLookbackMs);
    while (!this.#isStopped()) {
      let delay: number;
      try {
        await this.#searchSince(this.#lastSeenId, startedAt);
        failures = 0;
        last = null;
        delay = this.#searchBudget.delayBeforeNext(Date.now(), t.pollIntervalMs);
        const seconds = Math.max(1, Math.round(delay / 1000));
        this.#context.status(
          'connected',
          message(noStream ? 'x.polling_no_stream' : 'x.polling', {
            hashtags: this.#hashtags,
            seconds,
          }),
        );
      } catch (error) {
        if (error instanceof NotStored) {
          await this.#notStoredPause();
          continue;
        }
        const failure = classify(error);
        if (failure.kind === 'unauthorized') throw new Fatal(message('x.unauthorized'));
        if (failure.kind === 'forbidden')
          throw new Fatal(message('x.search_forbidden', {}, failure.detail));
        if (failure.kind === 'rate_limited') this.#searchBudget.update(undefined);
        failures = failure.kind === last ? failures + 1 : 1;
        last = failure.kind;
        await this.#waitAfter(failure, failures);
        continue;
      }
      await pause(delay, this.#abort.signal);
    }
  }
}
