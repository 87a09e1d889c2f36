// A local stand-in for the XRPC endpoints Panelcast uses on Bluesky (a PDS that proxies app.bsky.*
// calls to the AppView), speaking their documented wire formats so the real source runs against it:
// - POST /xrpc/com.atproto.server.createSession {identifier, password} → {accessJwt, refreshJwt,
//   handle, did, active}; 401 AuthenticationRequired "Invalid identifier or password"
//   https://docs.bsky.app/docs/api/com-atproto-server-create-session
// - GET /xrpc/app.bsky.feed.searchPosts (q required, sort=top|latest, since (inclusive, on the
//   post's sort time: the earlier of createdAt and indexedAt), tag (repeatable, AND, without "#"),
//   limit 1..100 default 25, cursor) → {cursor?, hitsTotal?, posts: PostView[]}; without a session
//   403, as Bluesky's public API answers since January 2025
//   https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
//   https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/searchPosts.json
//   https://github.com/bluesky-social/atproto/issues/3423 (public search turned off)
// - GET /xrpc/app.bsky.feed.getPosts?uris=… (at most 25) → {posts}; deleted posts are left out
//   https://docs.bsky.app/docs/api/app-bsky-feed-get-posts
// - PostView and the app.bsky.feed.post record with a #tag facet (UTF-8 byte offsets)
//   https://docs.bsky.app/docs/advanced-guides/post-richtext
// - errors as {error, message} (InvalidRequest, ExpiredToken, AuthenticationRequired,
//   RateLimitExceeded), rate limits in RateLimit-Limit / -Remaining / -Reset (epoch seconds) /
//   -Policy, 3000 calls per 5 minutes per IP on the AppView
//   https://docs.bsky.app/docs/advanced-guides/rate-limits
// Search indexes with a delay (indexDelayMs): a post is found only once indexed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBlueskyPost {
  uri: string;
  cid: string;
  did: string;
  handle: string;
  displayName?: string;
  text: string;
  createdAt: string;
  indexedAt: string;
}

export type BlueskyFault =
  'drop' | 'stall' | 'throttle' | 'serverError' | 'garbage' | 'duplicate' | 'expire';

const ERRORS = {
  throttle: { status: 429, error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
  serverError: { status: 500, error: 'InternalServerError', message: 'Internal Server Error' },
  expired: { status: 400, error: 'ExpiredToken', message: 'Token has expired' },
  login: {
    status: 401,
    error: 'AuthenticationRequired',
    message: 'Invalid identifier or password',
  },
  forbidden: { status: 403, error: 'Forbidden', message: 'Forbidden' },
} as const;

export class FakeBlueskyApi {
  readonly handle = 'nexttalk.bsky.social';
  readonly appPassword = 'abcd-efgh-ijkl-mnop';
  readonly tag = 'NextTalk';
  readonly posts: FakeBlueskyPost[] = [];
  readonly faults: BlueskyFault[] = [];
  indexDelayMs = 0;
  /** Calls per window (3000 per 5 minutes on Bluesky) and the window length. */
  rateLimit = 3000;
  windowSec = 1;
  calls = 0;
  logins = 0;
  /** Every search asked for, as received. */
  readonly searches: URL[] = [];
  url = '';
  readonly #server = http.createServer((req, res) => void this.#handle(req, res));
  readonly #sessions = new Set<string>();
  #next = 1;
  #windowEnd = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  post(
    text: string,
    handle = `viewer${this.#next}.bsky.social`,
    displayName?: string,
  ): FakeBlueskyPost {
    const n = this.#next++;
    const did = `did:plc:${handle
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 16)
      .padEnd(24, 'x')}`;
    const rkey = `3l${(Date.now() * 1000 + n).toString(32)}`;
    const now = Date.now();
    const post: FakeBlueskyPost = {
      uri: `at://${did}/app.bsky.feed.post/${rkey}`,
      cid: `bafyreib${n.toString(36).padStart(50, 'a')}`,
      did,
      handle,
      ...(displayName === undefined ? {} : { displayName }),
      text,
      createdAt: new Date(now).toISOString(),
      indexedAt: new Date(now + this.indexDelayMs).toISOString(),
    };
    this.posts.push(post);
    return post;
  }

  deletePost(uri: string): void {
    const i = this.posts.findIndex((p) => p.uri === uri);
    if (i !== -1) this.posts.splice(i, 1);
  }

  /** A PostView as the AppView returns it, with the hashtag as a rich-text facet. */
  view(p: FakeBlueskyPost): object {
    const hash = `#${this.tag}`;
    const at = p.text.indexOf(hash);
    const byteStart = at === -1 ? 0 : Buffer.byteLength(p.text.slice(0, at));
    return {
      uri: p.uri,
      cid: p.cid,
      author: {
        did: p.did,
        handle: p.handle,
        ...(p.displayName === undefined ? {} : { displayName: p.displayName }),
        avatar: `https://cdn.bsky.app/img/avatar/plain/${p.did}/bafkrei@jpeg`,
        labels: [],
        createdAt: '2024-11-20T09:00:00.000Z',
      },
      record: {
        $type: 'app.bsky.feed.post',
        createdAt: p.createdAt,
        langs: ['de'],
        text: p.text,
        ...(at === -1
          ? {}
          : {
              facets: [
                {
                  $type: 'app.bsky.richtext.facet',
                  index: { byteStart, byteEnd: byteStart + Buffer.byteLength(hash) },
                  features: [{ $type: 'app.bsky.richtext.facet#tag', tag: this.tag }],
                },
              ],
            }),
      },
      replyCount: 0,
      repostCount: 0,
      likeCount: 0,
      quoteCount: 0,
      indexedAt: p.indexedAt,
      labels: [],
    };
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (Date.now() >= this.#windowEnd) {
      this.calls = 0;
      this.#windowEnd = Date.now() + this.windowSec * 1000;
    }
    this.calls += 1;
    const fault = this.faults.shift();
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'stall') return;
    if (fault === 'throttle' || this.calls > this.rateLimit)
      return this.#error(res, ERRORS.throttle, 0);
    if (fault === 'serverError') return this.#error(res, ERRORS.serverError);
    if (url.pathname === '/xrpc/com.atproto.server.createSession' && req.method === 'POST') {
      return this.#createSession(req, res);
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !this.#sessions.has(token))
      return this.#error(res, ERRORS.forbidden);
    if (fault === 'expire') {
      this.#sessions.delete(token);
      return this.#error(res, ERRORS.expired);
    }
    if (url.pathname === '/xrpc/app.bsky.feed.searchPosts') return this.#search(url, res, fault);
    if (url.pathname === '/xrpc/app.bsky.feed.getPosts') return this.#getPosts(url, res);
    this.#error(res, {
      status: 501,
      error: 'MethodNotImplemented',
      message: 'Method Not Implemented',
    });
  }

  async #createSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    let login: { identifier?: unknown; password?: unknown } = {};
    try {
      login = JSON.parse(body) as typeof login;
    } catch {
      return this.#error(res, { status: 400, error: 'InvalidRequest', message: 'Invalid JSON' });
    }
    if (login.identifier !== this.handle || login.password !== this.appPassword) {
      return this.#error(res, ERRORS.login);
    }
    this.logins += 1;
    const accessJwt = `eyJhbGciOiJFUzI1NksifQ.fake-access-${this.logins}.sig`;
    this.#sessions.add(accessJwt);
    this.#json(res, {
      accessJwt,
      refreshJwt: `eyJhbGciOiJFUzI1NksifQ.fake-refresh-${this.logins}.sig`,
      handle: this.handle,
      did: 'did:plc:nexttalkpanelcastfake00',
      active: true,
    });
  }

  #search(url: URL, res: http.ServerResponse, fault: BlueskyFault | undefined): void {
    this.searches.push(url);
    const q = url.searchParams.get('q');
    if (!q) {
      return this.#error(res, {
        status: 400,
        error: 'InvalidRequest',
        message: 'Error: Params must have the property "q"',
      });
    }
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? '25') || 25));
    const offset = Number(url.searchParams.get('cursor') ?? '0') || 0;
    const since = Date.parse(url.searchParams.get('since') ?? '');
    const tags = url.searchParams.getAll('tag').map((t) => t.toLowerCase());
    const now = Date.now();
    const sortAt = (p: FakeBlueskyPost): number =>
      Math.min(Date.parse(p.createdAt), Date.parse(p.indexedAt));
    const hits = this.posts
      .filter((p) => Date.parse(p.indexedAt) <= now)
      .filter((p) => Number.isNaN(since) || sortAt(p) >= since)
      .filter((p) => tags.every((t) => p.text.toLowerCase().includes(`#${t}`)))
      .sort((a, b) => sortAt(b) - sortAt(a) || this.posts.indexOf(b) - this.posts.indexOf(a));
    const page: unknown[] = hits.slice(offset, offset + limit).map((p) => this.view(p));
    if (fault === 'duplicate') page.push(...page);
    if (fault === 'garbage') page.push({ uri: 'not-an-at-uri', record: 'nothing' });
    const more = offset + limit < hits.length;
    this.#json(res, {
      ...(more ? { cursor: String(offset + limit) } : {}),
      hitsTotal: hits.length,
      posts: page,
    });
  }

  #getPosts(url: URL, res: http.ServerResponse): void {
    const uris = url.searchParams.getAll('uris');
    if (uris.length > 25) {
      return this.#error(res, {
        status: 400,
        error: 'InvalidRequest',
        message: 'uris must not have more than 25 elements',
      });
    }
    const found = uris
      .flatMap((u) => this.posts.filter((p) => p.uri === u))
      .map((p) => this.view(p));
    this.#json(res, { posts: found });
  }

  #rateHeaders(res: http.ServerResponse, remaining: number): void {
    res.setHeader('ratelimit-limit', String(this.rateLimit));
    res.setHeader('ratelimit-remaining', String(remaining));
    res.setHeader('ratelimit-reset', String(Math.ceil(this.#windowEnd / 1000)));
    res.setHeader('ratelimit-policy', `${this.rateLimit};w=${this.windowSec}`);
  }

  #json(res: http.ServerResponse, body: unknown): void {
    this.#rateHeaders(res, Math.max(0, this.rateLimit - this.calls));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  #error(
    res: http.ServerResponse,
    e: { status: number; error: string; message: string },
    remaining = Math.max(0, this.rateLimit - this.calls),
  ): void {
    this.#rateHeaders(res, remaining);
    res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: e.error, message: e.message }));
  }
}
