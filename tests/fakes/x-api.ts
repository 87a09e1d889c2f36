// A local stand-in for the X API v2 endpoints Panelcast uses, speaking their wire format so the
// real twitter-api-v2 client runs against it unchanged: the filtered stream (chunked
// "JSON\r\n" lines, bare "\r\n" heartbeats, operational-disconnect payloads, one connection per
// app), its rules, and recent search (newest first, since_id within 7 days, next_token, indexed
// with a delay), with x-rate-limit-* headers that are enforced and application/problem+json errors.
// Docs: https://docs.x.com/x-api/posts/filtered-stream/introduction,
// https://docs.x.com/x-api/posts/filtered-stream/integrate/handling-disconnections,
// https://docs.x.com/x-api/posts/search/introduction, https://docs.x.com/x-api/fundamentals/rate-limits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  matches,
  renderIncludes,
  renderTweet,
  requestedBy,
  snowflake,
  type FakeTweet,
  type FakeUser,
  type Requested,
} from './x-wire.js';

export { matches, type FakeTweet, type FakeUser } from './x-wire.js';

interface Rule {
  id: string;
  value: string;
  tag?: string;
}

export type StreamFault =
  | { kind: 'status'; status: 429 | 503 | 500 | 401 | 403; resetInSec?: number }
  | { kind: 'connection-limit' };

interface StreamClient {
  res: http.ServerResponse;
  heartbeat: ReturnType<typeof setInterval>;
  stalled: boolean;
  asked: Requested;
  /** Pieces waiting to be written one by one (when chunking is on). */
  queue: Buffer[];
  pumping: boolean;
}

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60_000;

const PROBLEM = 'application/problem+json';

export class FakeXApi {
  readonly users = new Map<string, FakeUser>();
  readonly tweets: FakeTweet[] = [];
  rules: Rule[] = [];
  /** Answers for the next stream connection attempts, in order; then a normal stream. */
  readonly streamFaults: StreamFault[] = [];
  /** Answers for the next search requests, in order. */
  readonly searchFaults: StreamFault[] = [];
  /** When set, the stream is refused with 403 client-not-enrolled (no filtered stream on this plan). */
  streamForbidden = false;
  searchForbidden = false;
  heartbeatMs = 20_000;
  /** Deliver the next N tweets twice (duplicate delivery). */
  duplicateNext = 0;
  /** Cut every stream write into pieces this big, written `gapMs` apart (null: whole lines). */
  chunking: { pieceBytes: number; gapMs: number } | null = null;
  /** Send each line's "\r\n" as a chunk of its own. */
  crlfApart = false;
  /** X allows one filtered-stream connection per app on self-serve plans. */
  maxStreams = 1;
  /** When X says to try again after a TooManyConnections refusal. */
  connectionLimitResetSec = 60;
  /** Recent search finds a post only this long after it was posted. */
  searchIndexDelayMs = 0;
  /** Recent search's app limit: 450 requests per 15 minutes; enforced. */
  searchLimit = { limit: 450, windowMs: 15 * 60_000 };
  #searchWindow = { start: 0, used: 0 };
  readonly counts = {
    streamConnects: 0,
    searches: 0,
    rulesAdded: 0,
    rulesDeleted: 0,
    /** Searches refused with 429 because the client went over the limit. */
    searchesOverLimit: 0,
    connectionLimitRefusals: 0,
  };
  /** Every User-Agent a request came with. */
  readonly userAgents = new Set<string>();
  /** The query of every search, for checks on since_id and start_time. */
  readonly searchQueries: URLSearchParams[] = [];
  readonly bearer: string;
  #server: http.Server;
  #streams = new Set<StreamClient>();
  #ruleId = 1_590_000_000_000_000_000n;
  url = '';

  constructor(bearer = 'fake-bearer-token-for-tests') {
    this.bearer = bearer;
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const client of this.#streams) this.#close(client);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get openStreams(): number {
    return this.#streams.size;
  }

  user(username: string, name: string | null = username): FakeUser {
    const existing = [...this.users.values()].find((u) => u.username === username);
    if (existing) return existing;
    const id = String(2_244_994_945n + BigInt(this.users.size));
    const user: FakeUser = {
      id,
      ...(name !== null ? { name } : {}),
      username,
      profile_image_url: `https://pbs.twimg.com/profile_images/${id}/avatar_normal.jpg`,
    };
    this.users.set(id, user);
    return user;
  }

  /** Publishes a tweet: stored for search, and delivered to open streams whose rules match. */
  post(
    text: string,
    username = 'viewer',
    options: { retweet?: boolean; at?: Date; stream?: boolean } = {},
  ): FakeTweet {
    const at = options.at ?? new Date();
    const id = snowflake(at);
    const tweet: FakeTweet = {
      id,
      text,
      author_id: this.user(username).id,
      created_at: at.toISOString(),
      edit_history_tweet_ids: [id],
      isRetweet: options.retweet ?? false,
    };
    this.tweets.push(tweet);
    const matching = this.rules.filter((r) => matches(r.value, tweet));
    if (matching.length > 0 && options.stream !== false) {
      const times = this.duplicateNext > 0 ? 2 : 1;
      if (this.duplicateNext > 0) this.duplicateNext -= 1;
      for (const client of this.#streams) {
        if (client.stalled) continue;
        const line = JSON.stringify(this.#payload(tweet, matching, client.asked));
        for (let i = 0; i < times; i += 1) this.#send(client, line);
      }
    }
    return tweet;
  }

  /** Writes a line as it is (a documented example payload) into every open stream. */
  sendLine(json: string): void {
    for (const client of this.#streams) this.#send(client, json);
  }

  #send(client: StreamClient, line: string): void {
    const body = Buffer.from(line, 'utf8');
    const crlf = Buffer.from('\r\n');
    if (this.chunking === null && !this.crlfApart) {
      client.res.write(Buffer.concat([body, crlf]));
      return;
    }
    const size = this.chunking?.pieceBytes ?? body.length;
    const pieces: Buffer[] = [];
    for (let i = 0; i < body.length; i += size) pieces.push(body.subarray(i, i + size));
    if (this.crlfApart) pieces.push(crlf);
    else pieces[pieces.length - 1] = Buffer.concat([pieces.at(-1) ?? Buffer.alloc(0), crlf]);
    client.queue.push(...pieces);
    this.#pump(client);
  }

  /** Writes queued pieces apart in time, so each arrives as a chunk of its own. */
  #pump(client: StreamClient): void {
    if (client.pumping) return;
    const next = client.queue.shift();
    if (next === undefined || client.res.writableEnded) return;
    client.pumping = true;
    client.res.write(next);
    setTimeout(() => {
      client.pumping = false;
      this.#pump(client);
    }, this.chunking?.gapMs ?? 5);
  }

  // ── faults on open streams ───────────────────────────────────────────────────────────────

  /** Cuts every open stream mid-flow (a TCP-level drop). */
  dropStreams(): void {
    for (const client of this.#streams) {
      client.res.socket?.destroy();
      this.#close(client);
    }
  }

  /** Keeps streams open but silent: no tweets, no heartbeats. */
  stallStreams(): void {
    for (const client of this.#streams) {
      client.stalled = true;
      clearInterval(client.heartbeat);
    }
  }

  /** Writes a line that is not valid JSON into every open stream. */
  sendMalformed(): void {
    for (const client of this.#streams) this.#send(client, '{"data":{"id":"1","text":');
  }

  /** Valid JSON that is not a tweet payload (missing fields). */
  sendWrongShape(): void {
    for (const client of this.#streams) this.#send(client, JSON.stringify({ data: { id: 42 } }));
  }

  /** X's "operational-disconnect" payload, then the connection is closed. */
  operationalDisconnect(): void {
    const payload = {
      errors: [
        {
          title: 'operational-disconnect',
          disconnect_type: 'UpstreamOperationalDisconnect',
          detail: 'This stream has been disconnected upstream for operational reasons.',
          type: 'https://api.twitter.com/2/problems/operational-disconnect',
        },
      ],
    };
    for (const client of this.#streams) {
      client.res.end(`${JSON.stringify(payload)}\r\n`);
      this.#close(client);
    }
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.userAgents.add(req.headers['user-agent'] ?? '');
    if (req.headers.authorization !== `Bearer ${this.bearer}`) {
      this.#problem(res, 401, {
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      });
      return;
    }
    if (url.pathname === '/2/tweets/search/stream/rules') {
      if (req.method === 'GET') this.#getRules(res);
      else if (req.method === 'POST') this.#postRules(req, res);
      else
        this.#problem(res, 405, { title: 'Method Not Allowed', status: 405, type: 'about:blank' });
      return;
    }
    if (url.pathname === '/2/tweets/search/stream' && req.method === 'GET') {
      this.#stream(url, res);
      return;
    }
    if (url.pathname === '/2/tweets' && req.method === 'GET') {
      this.#lookup(url, res);
      return;
    }
    if (url.pathname === '/2/tweets/search/recent' && req.method === 'GET') {
      this.#search(url, res);
      return;
    }
    this.#problem(res, 404, {
      title: 'Not Found Error',
      detail: `Could not find ${url.pathname}`,
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
  }

  #rateHeaders(limit: number, remaining: number, resetInSec = 900): http.OutgoingHttpHeaders {
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(remaining),
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + resetInSec),
    };
  }

  #problem(
    res: http.ServerResponse,
    status: number,
    body: object,
    headers: http.OutgoingHttpHeaders = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': PROBLEM,
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  #json(
    res: http.ServerResponse,
    status: number,
    body: object,
    headers: http.OutgoingHttpHeaders = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  #fault(res: http.ServerResponse, fault: StreamFault, limit: number): void {
    if (fault.kind === 'connection-limit') {
      this.#problem(
        res,
        429,
        {
          title: 'ConnectionException',
          detail: 'This stream is currently at the maximum allowed connection limit.',
          connection_issue: 'TooManyConnections',
          type: 'https://api.twitter.com/2/problems/streaming-connection',
        },
        this.#rateHeaders(limit, 0, this.connectionLimitResetSec),
      );
      return;
    }
    const titles: Record<number, string> = {
      429: 'Too Many Requests',
      503: 'Service Unavailable',
      500: 'Internal Server Error',
      401: 'Unauthorized',
      403: 'Forbidden',
    };
    const title = titles[fault.status] ?? 'Error';
    this.#problem(
      res,
      fault.status,
      { title, detail: title, type: 'about:blank', status: fault.status },
      fault.status === 429 ? this.#rateHeaders(limit, 0, fault.resetInSec ?? 900) : {},
    );
  }

  #forbidden(res: http.ServerResponse): void {
    this.#problem(res, 403, {
      client_id: '27743479',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    });
  }

  #getRules(res: http.ServerResponse): void {
    const meta = { sent: new Date().toISOString(), result_count: this.rules.length };
    this.#json(
      res,
      200,
      this.rules.length > 0 ? { data: this.rules, meta } : { meta },
      this.#rateHeaders(450, 449),
    );
  }

  #postRules(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      let parsed: { add?: { value: string; tag?: string }[]; delete?: { ids: string[] } };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        this.#problem(res, 400, {
          title: 'Invalid Request',
          detail: 'body is not JSON',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        });
        return;
      }
      const sent = new Date().toISOString();
      if (parsed.add) {
        const created = parsed.add.map((r) => {
          this.#ruleId += 1n;
          return { id: String(this.#ruleId), value: r.value, ...(r.tag ? { tag: r.tag } : {}) };
        });
        this.rules.push(...created);
        this.counts.rulesAdded += created.length;
        this.#json(res, 201, {
          data: created,
          meta: {
            sent,
            summary: { created: created.length, not_created: 0, valid: created.length, invalid: 0 },
          },
        });
        return;
      }
      if (parsed.delete) {
        const ids = new Set(parsed.delete.ids);
        const before = this.rules.length;
        this.rules = this.rules.filter((r) => !ids.has(r.id));
        const deleted = before - this.rules.length;
        this.counts.rulesDeleted += deleted;
        this.#json(res, 200, {
          meta: { sent, summary: { deleted, not_deleted: ids.size - deleted } },
        });
        return;
      }
      this.#problem(res, 400, {
        title: 'Invalid Request',
        detail: 'add or delete required',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    });
  }

  #stream(url: URL, res: http.ServerResponse): void {
    this.counts.streamConnects += 1;
    if (this.streamForbidden) {
      this.#forbidden(res);
      return;
    }
    const fault =
      this.#streams.size >= this.maxStreams
        ? ({ kind: 'connection-limit' } as const)
        : this.streamFaults.shift();
    if (fault?.kind === 'connection-limit') this.counts.connectionLimitRefusals += 1;
    if (fault) {
      this.#fault(res, fault, 50);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'transfer-encoding': 'chunked',
      'cache-control': 'no-cache, no-store, max-age=0',
      ...this.#rateHeaders(50, 49),
    });
    res.flushHeaders();
    const client: StreamClient = {
      res,
      stalled: false,
      heartbeat: setInterval(() => this.#heartbeat(client), this.heartbeatMs),
      asked: requestedBy(url),
      queue: [],
      pumping: false,
    };
    this.#streams.add(client);
    res.on('close', () => this.#close(client));
  }

  /** A bare "\r\n", queued behind any line still being written piece by piece. */
  #heartbeat(client: StreamClient): void {
    if (client.queue.length === 0 && !client.pumping) client.res.write('\r\n');
    else client.queue.push(Buffer.from('\r\n'));
  }

  #close(client: StreamClient): void {
    clearInterval(client.heartbeat);
    this.#streams.delete(client);
  }

  #search(url: URL, res: http.ServerResponse): void {
    this.counts.searches += 1;
    this.searchQueries.push(url.searchParams);
    if (this.searchForbidden) {
      this.#forbidden(res);
      return;
    }
    const now = Date.now();
    const window = this.#searchWindow;
    if (now - window.start >= this.searchLimit.windowMs)
      this.#searchWindow = { start: now, used: 0 };
    this.#searchWindow.used += 1;
    const remaining = this.searchLimit.limit - this.#searchWindow.used;
    const resetInSec = Math.ceil(
      (this.#searchWindow.start + this.searchLimit.windowMs - now) / 1000,
    );
    const headers = this.#rateHeaders(this.searchLimit.limit, Math.max(0, remaining), resetInSec);
    if (remaining < 0) {
      this.counts.searchesOverLimit += 1;
      this.#fault(res, { kind: 'status', status: 429, resetInSec }, this.searchLimit.limit);
      return;
    }
    const fault = this.searchFaults.shift();
    if (fault) {
      this.#fault(res, fault, this.searchLimit.limit);
      return;
    }
    const refusal = this.#tooOld(url, now);
    if (refusal !== null) {
      this.#problem(
        res,
        400,
        {
          errors: [
            {
              parameters: { [refusal]: [url.searchParams.get(refusal)] },
              message: `Invalid '${refusal}': it must be within the last 7 days.`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
        headers,
      );
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const sinceId = url.searchParams.get('since_id');
    const startTime = url.searchParams.get('start_time');
    const max = Math.min(100, Math.max(10, Number(url.searchParams.get('max_results') ?? '10')));
    const offset = Number(url.searchParams.get('next_token') ?? '0');
    const indexedBefore = new Date(now - this.searchIndexDelayMs).toISOString();
    const hits = this.tweets
      .filter((t) => matches(query, t) && t.created_at <= indexedBefore)
      .filter((t) => sinceId === null || BigInt(t.id) > BigInt(sinceId))
      .filter((t) => startTime === null || t.created_at >= startTime)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = hits.slice(offset, offset + max);
    if (page.length === 0) {
      this.#json(res, 200, { meta: { result_count: 0 } }, headers);
      return;
    }
    const asked = requestedBy(url);
    const meta: Record<string, unknown> = {
      newest_id: page[0]?.id,
      oldest_id: page.at(-1)?.id,
      result_count: page.length,
    };
    if (offset + max < hits.length) meta.next_token = String(offset + max);
    this.#json(
      res,
      200,
      {
        data: page.map((t) => renderTweet(t, asked)),
        ...renderIncludes(page, this.users, asked),
        meta,
      },
      headers,
    );
  }

  /** The author deletes a post: search and lookup no longer find it (X sends no event). */
  deletePost(id: string): void {
    const at = this.tweets.findIndex((t) => t.id === id);
    if (at !== -1) this.tweets.splice(at, 1);
  }

  /** GET /2/tweets?ids=…: found posts in data, the others as not-found errors (still 200). */
  #lookup(url: URL, res: http.ServerResponse): void {
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
    const asked = requestedBy(url);
    const found = this.tweets.filter((t) => ids.includes(t.id));
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    this.#json(res, 200, {
      ...(found.length > 0 ? { data: found.map((t) => renderTweet(t, asked)) } : {}),
      ...(missing.length > 0
        ? {
            errors: missing.map((id) => ({
              value: id,
              detail: `Could not find tweet with ids: [${id}].`,
              title: 'Not Found Error',
              resource_type: 'tweet',
              parameter: 'ids',
              resource_id: id,
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            })),
          }
        : {}),
    });
  }

  /** Recent search refuses a since_id or start_time older than 7 days. */
  #tooOld(url: URL, now: number): 'since_id' | 'start_time' | null {
    const oldest = now - SEVEN_DAYS_MS;
    const sinceId = url.searchParams.get('since_id');
    if (sinceId !== null && !/^\d+$/.test(sinceId)) return 'since_id';
    if (sinceId !== null && Number(BigInt(sinceId) >> 22n) + 1_288_834_974_657 < oldest)
      return 'since_id';
    const start = url.searchParams.get('start_time');
    if (start !== null && !(Date.parse(start) >= oldest)) return 'start_time';
    return null;
  }

  #payload(tweet: FakeTweet, rules: Rule[], asked: Requested): object {
    return {
      data: renderTweet(tweet, asked),
      ...renderIncludes([tweet], this.users, asked),
      matching_rules: rules.map((r) => ({ id: r.id, ...(r.tag ? { tag: r.tag } : {}) })),
    };
  }
}
