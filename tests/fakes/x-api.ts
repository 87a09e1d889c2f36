// A local stand-in for the X API v2 endpoints Panelcast uses, speaking their wire format so the
// real twitter-api-v2 client runs against it unchanged: the filtered stream (chunked
// "JSON\r\n" lines, bare "\r\n" heartbeats, operational-disconnect payloads), its rules, and
// recent search (newest first, since_id, next_token), with x-rate-limit-* headers and
// application/problem+json errors. Tests post tweets and inject faults.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  id: string;
  name: string;
  username: string;
  profile_image_url: string;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  edit_history_tweet_ids: string[];
  isRetweet: boolean;
}

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
}

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
  readonly counts = { streamConnects: 0, searches: 0, rulesAdded: 0, rulesDeleted: 0 };
  readonly bearer: string;
  #server: http.Server;
  #streams = new Set<StreamClient>();
  #nextId = 1_800_000_000_000_000_000n;
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

  user(username: string, name = username): FakeUser {
    const existing = [...this.users.values()].find((u) => u.username === username);
    if (existing) return existing;
    const id = String(2_244_994_945n + BigInt(this.users.size));
    const user: FakeUser = {
      id,
      name,
      username,
      profile_image_url: `https://pbs.twimg.com/profile_images/${id}/avatar_normal.jpg`,
    };
    this.users.set(id, user);
    return user;
  }

  /** Publishes a tweet: stored for search, and delivered to open streams whose rules match. */
  post(text: string, username = 'viewer', options: { retweet?: boolean } = {}): FakeTweet {
    this.#nextId += 1n + BigInt(Math.floor(Math.random() * 1000));
    const id = String(this.#nextId);
    const tweet: FakeTweet = {
      id,
      text,
      author_id: this.user(username).id,
      created_at: new Date().toISOString(),
      edit_history_tweet_ids: [id],
      isRetweet: options.retweet ?? false,
    };
    this.tweets.push(tweet);
    const matching = this.rules.filter((r) => matches(r.value, tweet));
    if (matching.length > 0) {
      const line = `${JSON.stringify(this.#payload(tweet, matching))}\r\n`;
      const times = this.duplicateNext > 0 ? 2 : 1;
      if (this.duplicateNext > 0) this.duplicateNext -= 1;
      for (const client of this.#streams) {
        if (client.stalled) continue;
        for (let i = 0; i < times; i += 1) client.res.write(line);
      }
    }
    return tweet;
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
    for (const client of this.#streams) client.res.write('{"data":{"id":"1","text":\r\n');
  }

  /** Valid JSON that is not a tweet payload (missing fields). */
  sendWrongShape(): void {
    for (const client of this.#streams)
      client.res.write(`${JSON.stringify({ data: { id: 42 } })}\r\n`);
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
      this.#stream(res);
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
        this.#rateHeaders(limit, 0, 60),
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

  #stream(res: http.ServerResponse): void {
    this.counts.streamConnects += 1;
    if (this.streamForbidden) {
      this.#forbidden(res);
      return;
    }
    const fault = this.streamFaults.shift();
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
      heartbeat: setInterval(() => res.write('\r\n'), this.heartbeatMs),
    };
    this.#streams.add(client);
    res.on('close', () => this.#close(client));
  }

  #close(client: StreamClient): void {
    clearInterval(client.heartbeat);
    this.#streams.delete(client);
  }

  #search(url: URL, res: http.ServerResponse): void {
    this.counts.searches += 1;
    if (this.searchForbidden) {
      this.#forbidden(res);
      return;
    }
    const fault = this.searchFaults.shift();
    if (fault) {
      this.#fault(res, fault, 450);
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const sinceId = url.searchParams.get('since_id');
    const startTime = url.searchParams.get('start_time');
    const max = Math.min(100, Math.max(10, Number(url.searchParams.get('max_results') ?? '10')));
    const offset = Number(url.searchParams.get('next_token') ?? '0');
    const hits = this.tweets
      .filter((t) => matches(query, t))
      .filter((t) => sinceId === null || BigInt(t.id) > BigInt(sinceId))
      .filter((t) => startTime === null || t.created_at >= startTime)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = hits.slice(offset, offset + max);
    const headers = this.#rateHeaders(450, 450 - this.counts.searches);
    if (page.length === 0) {
      this.#json(res, 200, { meta: { result_count: 0 } }, headers);
      return;
    }
    const authors = [...new Set(page.map((t) => t.author_id))].map((id) => this.users.get(id));
    const meta: Record<string, unknown> = {
      newest_id: page[0]?.id,
      oldest_id: page.at(-1)?.id,
      result_count: page.length,
    };
    if (offset + max < hits.length) meta.next_token = String(offset + max);
    this.#json(
      res,
      200,
      { data: page.map(publicTweet), includes: { users: authors }, meta },
      headers,
    );
  }

  #payload(tweet: FakeTweet, rules: Rule[]): object {
    return {
      data: publicTweet(tweet),
      includes: { users: [this.users.get(tweet.author_id)] },
      matching_rules: rules.map((r) => ({ id: r.id, ...(r.tag ? { tag: r.tag } : {}) })),
    };
  }
}

function publicTweet(t: FakeTweet): object {
  return {
    id: t.id,
    text: t.text,
    author_id: t.author_id,
    created_at: t.created_at,
    edit_history_tweet_ids: t.edit_history_tweet_ids,
  };
}

/** Enough of X's query language for hashtag rules: "(#A OR #B) -is:retweet". */
export function matches(query: string, tweet: FakeTweet): boolean {
  if (/-is:retweet/.test(query) && tweet.isRetweet) return false;
  const tags = [...query.matchAll(/#[\p{L}\p{N}_]+/gu)].map((m) => m[0].toLowerCase());
  const text = tweet.text.toLowerCase();
  return tags.some((tag) => new RegExp(`${tag}(?![\\p{L}\\p{N}_])`, 'u').test(text));
}
