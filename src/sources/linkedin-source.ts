// Comments on an organization's LinkedIn live post, polled from the Community Management API:
// GET /rest/socialActions/{post-urn}/comments with start/count paging, a LinkedIn-Version header
// and Rest.li protocol 2.0.0
// (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api).
// LinkedIn counts calls per app and per member per day (reset at midnight UTC,
// https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits): polls are
// spread so the day's allowance lasts the planned show. LinkedIn has no live-comment stream and
// reports no deletions: a comment is looked up right before it goes on air. A comment names its
// author only by URN; LinkedIn gives apps no member names, so cards say "LinkedIn member".
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
import {
  NotStored,
  clockTime,
  pause,
  type CommentSource,
  type SourceContext,
  endOnFatal,
  SourceFatal,
} from './source.js';

export const LINKEDIN_API = 'https://api.linkedin.com';
/** The Marketing API version asked for (YYYYMM); LinkedIn keeps each for at least a year. */
export const LINKEDIN_VERSION = '202505';
export const POST_URN = /^urn:li:(share|ugcPost|activity):\d{5,30}$/;
const PAGE_SIZE = 100;
/** Read again from this many before the last known end: a deleted comment shifts offsets. */
const OVERLAP = 10;

export interface LinkedInSourceConfig {
  /** The access token, read before each request (a connected account renews it). */
  accessToken: () => string;
  postUrn: string;
  apiBaseUrl: string | null;
  /** Calls per day this app and member may make (the Developer Portal shows the limits). */
  dailyRequests: number;
  showMinutes: number;
}

export interface LinkedInTimings {
  minPollMs: number;
  retry: BackoffPolicy;
  /** Longest wait after a 429 (a used-up daily limit waits until midnight UTC, at most this). */
  maxRateLimitMs: number;
  requestTimeoutMs: number;
}

export const LINKEDIN_TIMINGS: LinkedInTimings = {
  minPollMs: 10_000,
  retry: { initialMs: 2000, maxMs: 120_000, jitter: 0.2 },
  maxRateLimitMs: 24 * 3600_000,
  requestTimeoutMs: 20_000,
};

const elementSchema = z.object({
  id: z.string().min(1),
  actor: z.string().optional(),
  message: z.object({ text: z.string() }).optional(),
  created: z.object({ time: z.number() }).optional(),
});
const pageSchema = z.object({
  elements: z.array(z.unknown()),
  paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }),
});
const errorSchema = z.object({
  message: z.string().optional(),
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfterMs: number | null,
  ) {
    super(detail);
  }
}
/** Calls made on a UTC day (LinkedIn's limits reset at midnight UTC), kept across restarts. */
export interface CallDay {
  day: string;
  used: number;
}

export interface LinkedInSourceOptions {
  timings?: Partial<LinkedInTimings>;
  /** Today's count as saved before a restart. */
  calls?: CallDay | null;
  onCalls?: (calls: CallDay) => void;
}

export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export class LinkedInSource implements CommentSource {
  readonly #config: LinkedInSourceConfig;
  readonly #context: SourceContext;
  readonly #t: LinkedInTimings;
  readonly #abort = new AbortController();
  readonly #startedAt = Date.now();
  /** Comments the collection held at the last read: the next read starts just before it. */
  #known = 0;
  #calls: CallDay;
  readonly #onCalls: (calls: CallDay) => void;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: LinkedInSourceConfig,
    context: SourceContext,
    options: LinkedInSourceOptions = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...LINKEDIN_TIMINGS, ...options.timings };
    const today = utcDay(Date.now());
    this.#calls = options.calls?.day === today ? { ...options.calls } : { day: today, used: 0 };
    this.#onCalls = options.onCalls ?? (() => undefined);
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

  async #loop(): Promise<void> {
    const post = this.#config.postUrn;
    if (!POST_URN.test(post)) throw new SourceFatal(message('linkedin.not_a_post', { post }));
    let failures = 0;
    while (!this.#abort.signal.aborted) {
      try {
        await this.#readAll();
        failures = 0;
        const wait = this.#nextPollMs();
        this.#context.status(
          'connected',
          message('linkedin.reading', { post, seconds: Math.max(1, Math.round(wait / 1000)) }),
        );
        await pause(wait, this.#abort.signal);
      } catch (error) {
        if (this.#stopped()) return;
        if (error instanceof SourceFatal) throw error;
        await this.#afterFailure(error, (failures += 1));
      }
    }
  }

  /** The pause before the next poll: the calls left today spread over the rest of the show. */
  #nextPollMs(): number {
    const now = Date.now();
    if (this.#calls.day !== utcDay(now)) this.#calls = { day: utcDay(now), used: 0 };
    const left = Math.max(1, this.#config.dailyRequests - this.#calls.used);
    const showEnd = this.#startedAt + this.#config.showMinutes * 60_000;
    const until = Math.max(showEnd - now, 15 * 60_000);
    return Math.max(this.#t.minPollMs, Math.ceil(until / left));
  }

  async #readAll(): Promise<void> {
    let start = Math.max(0, this.#known - OVERLAP);
    for (;;) {
      const page = await this.#page(start);
      for (const item of page.elements) this.#take(item);
      const total = page.paging.total ?? start + page.elements.length;
      this.#known = total;
      if (page.elements.length < PAGE_SIZE || start + PAGE_SIZE >= total) return;
      start += PAGE_SIZE;
    }
  }

  async #page(start: number): Promise<z.output<typeof pageSchema>> {
    const path = `rest/socialActions/${encodeURIComponent(this.#config.postUrn)}/comments`;
    const url = this.#url(path);
    url.searchParams.set('start', String(start));
    url.searchParams.set('count', String(PAGE_SIZE));
    const body = await this.#get(url);
    const page = pageSchema.safeParse(body);
    if (page.success) return page.data;
    this.#context.malformed(
      `A LinkedIn comments page could not be read: ${describeZodError(page.error)}`,
    );
    return { elements: [], paging: { start, count: PAGE_SIZE, total: this.#known } };
  }

  #url(path: string): URL {
    return new URL(`${this.#config.apiBaseUrl ?? LINKEDIN_API}/${path}`);
  }

  async #get(url: URL): Promise<unknown> {
    const today = utcDay(Date.now());
    this.#calls = { day: today, used: (this.#calls.day === today ? this.#calls.used : 0) + 1 };
    this.#onCalls(this.#calls);
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(this.#t.requestTimeoutMs),
    ]);
    const response = await fetch(url, {
      signal,
      headers: {
        authorization: `Bearer ${this.#config.accessToken()}`,
        'linkedin-version': LINKEDIN_VERSION,
        'x-restli-protocol-version': '2.0.0',
        'user-agent': 'Panelcast',
      },
    });
    const text = await response.text();
    if (!response.ok) throw httpError(response, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null; // counted as malformed by the caller's schema check
    }
  }

  #take(raw: unknown): void {
    const parsed = elementSchema.safeParse(raw);
    if (!parsed.success) {
      this.#context.malformed(
        `A LinkedIn comment could not be read: ${describeZodError(parsed.error)}`,
      );
      return;
    }
    const c = parsed.data;
    if (!c.message?.text.trim()) return;
    const comment: IncomingComment = {
      platform: 'linkedin',
      platformId: c.id,
      author: {
        name: c.actor?.startsWith('urn:li:organization:') ? 'LinkedIn page' : 'LinkedIn member',
        handle: null,
        avatarUrl: null,
        profileUrl: null,
      },
      text: c.message.text,
      createdAt: new Date(c.created?.time ?? Date.now()).toISOString(),
      url: `https://www.linkedin.com/feed/update/${this.#config.postUrn}/`,
      superchat: null,
    };
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(c.id);
  }

  async #afterFailure(error: unknown, failures: number): Promise<void> {
    const post = this.#config.postUrn;
    if (!(error instanceof HttpError)) {
      const wait = backoffDelay(failures, this.#t.retry);
      const code = error instanceof NotStored ? 'sources.not_stored' : 'linkedin.retrying';
      this.#context.status(
        'reconnecting',
        message(code, { status: '—', seconds: (wait / 1000).toFixed(1) }),
        new Date(Date.now() + wait),
      );
      await pause(wait, this.#abort.signal);
      return;
    }
    const { status, detail } = error;
    if (status === 401) throw new SourceFatal(message('linkedin.unauthorized', {}, detail));
    if (status === 403) throw new SourceFatal(message('linkedin.forbidden', {}, detail));
    if (status === 404) throw new SourceFatal(message('linkedin.not_found', { post }, detail));
    if (status === 429) {
      await this.#rateLimited(error, failures);
      return;
    }
    const wait = backoffDelay(failures, this.#t.retry);
    this.#context.status(
      'reconnecting',
      message('linkedin.retrying', { status, seconds: (wait / 1000).toFixed(1) }, detail),
      new Date(Date.now() + wait),
    );
    await pause(wait, this.#abort.signal);
  }

  /** A daily limit waits for midnight UTC; a short throttle for Retry-After or the backoff. */
  async #rateLimited(error: HttpError, failures: number): Promise<void> {
    const now = Date.now();
    const midnight = Date.parse(`${utcDay(now)}T00:00:00Z`) + 86_400_000;
    const daily = /\bDAY\b/.test(error.detail);
    const wait = Math.min(
      this.#t.maxRateLimitMs,
      daily ? midnight - now : (error.retryAfterMs ?? backoffDelay(failures, this.#t.retry)),
    );
    const until = new Date(now + wait);
    this.#context.status(
      'rate_limited',
      message(daily ? 'linkedin.daily_limit' : 'linkedin.rate_limited', { time: clockTime(until) }),
      until,
    );
    await pause(wait, this.#abort.signal);
  }

  /** Whether the comment can still be read (LinkedIn reports no deletions); null: unknown. */
  async stillThere(id: string): Promise<boolean | null> {
    const post = encodeURIComponent(this.#config.postUrn);
    try {
      await this.#get(this.#url(`rest/socialActions/${post}/comments/${encodeURIComponent(id)}`));
      return true;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return false;
      this.#context.logger.warn('could not check a comment before it goes on air', {
        status: error instanceof HttpError ? error.status : 'network',
      });
      return null;
    }
  }
}

function httpError(response: Response, text: string): HttpError {
  let detail = `HTTP ${response.status}`;
  try {
    const body = errorSchema.safeParse(JSON.parse(text));
    if (body.success && body.data.message) detail = body.data.message;
  } catch {
    // not JSON: the status says enough
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new HttpError(
    response.status,
    detail,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}
