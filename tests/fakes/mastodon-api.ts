// A local stand-in for the Mastodon endpoints Panelcast uses, speaking their documented wire
// formats so the real source runs against it unchanged:
// - the hashtag stream, GET /api/v1/streaming/hashtag?tag=… as Server-Sent Events
//   (text/event-stream): `event: update` with a Status as JSON, `event: delete` with the status
//   id, a ":)" comment on opening and ":thump" comments as heartbeats (every 15 s on Mastodon's
//   streaming server); a user token is required since Mastodon 4.2 (401 without one); events
//   sent while nobody is connected are not sent again
//   https://docs.joinmastodon.org/methods/streaming/
// - the tag timeline, GET /api/v1/timelines/tag/:hashtag (newest first; max_id, since_id,
//   min_id, limit default 20 and at most 40) with the Link header (rel="next" with max_id,
//   rel="prev" with min_id)
//   https://docs.joinmastodon.org/methods/timelines/#tag
//   https://docs.joinmastodon.org/api/guidelines/#pagination
// - one status, GET /api/v1/statuses/:id; 404 {"error":"Record not found"} once deleted
//   https://docs.joinmastodon.org/methods/statuses/#get
// - the Status entity (content as HTML: <p>, <br>, hashtag links, entities)
//   https://docs.joinmastodon.org/entities/Status/
// - rate limits: 300 calls per 5 minutes per account, X-RateLimit-Limit / -Remaining / -Reset
//   (ISO 8601), 429 {"error":"Too many requests"}
//   https://docs.joinmastodon.org/api/rate-limits/
// - errors as {"error": "…"} https://docs.joinmastodon.org/entities/Error/
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMastodonStatus {
  id: string;
  text: string;
  acct: string;
  displayName: string;
  createdAt: string;
}

export type MastodonFault = 'rateLimit' | 'serverError';

interface Stream {
  res: http.ServerResponse;
  stalled: boolean;
  queue: Buffer[];
  pumping: boolean;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export class FakeMastodonApi {
  readonly token = 'ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0';
  /** Which access tokens the instance takes (a test with oauth-server.ts: the ones it issued). */
  acceptToken: (token: string) => boolean = (token) => token === this.token;
  readonly tag = 'NextTalk';
  readonly statuses: FakeMastodonStatus[] = [];
  readonly faults: MastodonFault[] = [];
  /** Calls allowed per window (Mastodon: 300 per 5 minutes). */
  rateLimit = 300;
  /** Seconds until the window resets, said in X-RateLimit-Reset. */
  resetInSec = 1;
  heartbeatMs = 15_000;
  /** Each event cut into pieces of this many bytes, written `gapMs` apart (characters split). */
  chunking: { pieceBytes: number; gapMs: number } | null = null;
  calls = 0;
  /** 429s answered. */
  refused = 0;
  /** Every request's path and query, as received. */
  readonly requests: string[] = [];
  url = '';
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  readonly #streams = new Set<Stream>();
  #timer: ReturnType<typeof setInterval> | null = null;
  #duplicate = 0;
  #windowEnd = 0;
  /** Snowflake-like ids, growing and longer than 2^53. */
  #next = 110_000_000_000_000_000n;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.#timer = setInterval(() => this.#broadcast(':thump\n'), this.heartbeatMs);
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    for (const s of this.#streams) s.res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  post(text: string, acct = 'alice@chaos.social', displayName = 'Alice'): FakeMastodonStatus {
    this.#next += 1_000n + BigInt(Math.floor(Math.random() * 900));
    const status = {
      id: String(this.#next),
      text,
      acct,
      displayName,
      createdAt: new Date().toISOString(),
    };
    this.statuses.push(status);
    const event = `event: update\ndata: ${JSON.stringify(this.entity(status))}\n\n`;
    this.#broadcast(event);
    if (this.#duplicate > 0) {
      this.#duplicate -= 1;
      this.#broadcast(event);
    }
    return status;
  }

  /** Deleted on Mastodon: connected streams hear `event: delete` with its id. */
  deleteStatus(id: string): void {
    const i = this.statuses.findIndex((s) => s.id === id);
    if (i !== -1) this.statuses.splice(i, 1);
    this.#broadcast(`event: delete\ndata: ${id}\n\n`);
  }

  duplicateNext(count: number): void {
    this.#duplicate = count;
  }

  /** The connection breaks; what is posted until the client is back is not sent to it. */
  dropStreams(): void {
    for (const s of this.#streams) s.res.destroy();
    this.#streams.clear();
  }

  /** Open streams go silent (no events, no heartbeats) while the socket stays open. */
  stallStreams(): void {
    for (const s of this.#streams) s.stalled = true;
  }

  /** An update that is not JSON, and one that is JSON but no Status. */
  sendMalformed(): void {
    this.#broadcast('event: update\ndata: {"id":"1","content":\n\n');
    this.#broadcast(`event: update\ndata: ${JSON.stringify({ id: 'abc', content: 7 })}\n\n`);
    this.#broadcast('event: delete\ndata: not-an-id\n\n');
  }

  /** A Status as Mastodon sends it; the text as HTML with the hashtag as a link. */
  entity(s: FakeMastodonStatus): object {
    const host = 'chaos.social';
    const username = s.acct.split('@')[0] ?? s.acct;
    const html = escapeHtml(s.text)
      .replace(
        /#(\w+)/g,
        `<a href="https://${host}/tags/$1" class="mention hashtag" rel="tag">#<span>$1</span></a>`,
      )
      .split('\n\n')
      .map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`)
      .join('');
    return {
      id: s.id,
      created_at: s.createdAt,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: 'de',
      uri: `https://${host}/users/${username}/statuses/${s.id}`,
      url: `https://${host}/@${username}/${s.id}`,
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      edited_at: null,
      content: html,
      reblog: null,
      account: {
        id: '109302436954721982',
        username,
        acct: s.acct,
        display_name: s.displayName,
        url: `https://${host}/@${username}`,
        avatar: `https://${host}/system/accounts/avatars/original/missing.png`,
      },
      media_attachments: [],
      mentions: [],
      tags: [{ name: this.tag.toLowerCase(), url: `https://${host}/tags/${this.tag}` }],
      emojis: [],
      card: null,
      poll: null,
    };
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push(`${url.pathname}${url.search}`);
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !this.acceptToken(bearer)) {
      return this.#error(res, 401, 'The access token is invalid');
    }
    const fault = this.faults.shift();
    if (fault === 'rateLimit') return this.#tooMany(res);
    if (fault === 'serverError') return this.#error(res, 503, 'Service Unavailable');
    const path = url.pathname;
    // The streaming server is a process of its own: its connections are not counted here.
    if (path === '/api/v1/streaming/hashtag') return this.#stream(url, res);
    if (Date.now() >= this.#windowEnd) {
      this.calls = 0;
      this.#windowEnd = Date.now() + this.resetInSec * 1000;
    }
    this.calls += 1;
    if (this.calls > this.rateLimit) return this.#tooMany(res);
    const tagPath = `/api/v1/timelines/tag/${this.tag}`;
    if (path.toLowerCase() === tagPath.toLowerCase()) return this.#timeline(url, res);
    const one = /^\/api\/v1\/statuses\/(\d+)$/.exec(path);
    if (one) {
      const status = this.statuses.find((s) => s.id === one[1]);
      return status
        ? this.#json(res, this.entity(status))
        : this.#error(res, 404, 'Record not found');
    }
    this.#error(res, 404, 'Record not found');
  }

  #stream(url: URL, res: http.ServerResponse): void {
    if ((url.searchParams.get('tag') ?? '').toLowerCase() !== this.tag.toLowerCase()) {
      return this.#error(res, 400, 'No tag for stream provided');
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'transfer-encoding': 'chunked',
    });
    const stream: Stream = { res, stalled: false, queue: [], pumping: false };
    this.#streams.add(stream);
    res.on('close', () => this.#streams.delete(stream));
    this.#write(stream, ':)\n');
  }

  #timeline(url: URL, res: http.ServerResponse): void {
    const limit = Math.min(40, Math.max(1, Number(url.searchParams.get('limit') ?? '20') || 20));
    const since = url.searchParams.get('since_id');
    const max = url.searchParams.get('max_id');
    const newestFirst = [...this.statuses].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = newestFirst
      .filter((s) => since === null || BigInt(s.id) > BigInt(since))
      .filter((s) => max === null || BigInt(s.id) < BigInt(max))
      .slice(0, limit);
    const base = `${this.url}/api/v1/timelines/tag/${this.tag}`;
    const last = page.at(-1);
    const first = page[0];
    if (last && first) {
      res.setHeader(
        'link',
        `<${base}?max_id=${last.id}>; rel="next", <${base}?min_id=${first.id}>; rel="prev"`,
      );
    }
    this.#json(
      res,
      page.map((s) => this.entity(s)),
    );
  }

  #tooMany(res: http.ServerResponse): void {
    this.refused += 1;
    if (this.#windowEnd <= Date.now()) this.#windowEnd = Date.now() + this.resetInSec * 1000;
    this.#rateHeaders(res, 0);
    this.#error(res, 429, 'Too many requests');
  }

  #rateHeaders(res: http.ServerResponse, remaining: number): void {
    res.setHeader('x-ratelimit-limit', String(this.rateLimit));
    res.setHeader('x-ratelimit-remaining', String(remaining));
    res.setHeader('x-ratelimit-reset', new Date(this.#windowEnd).toISOString());
  }

  #json(res: http.ServerResponse, body: unknown): void {
    this.#rateHeaders(res, Math.max(0, this.rateLimit - this.calls));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  #error(res: http.ServerResponse, status: number, error: string): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error }));
  }

  #broadcast(text: string): void {
    for (const s of this.#streams) if (!s.stalled) this.#write(s, text);
  }

  #write(stream: Stream, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    const size = this.chunking?.pieceBytes ?? bytes.length;
    for (let i = 0; i < bytes.length; i += size) stream.queue.push(bytes.subarray(i, i + size));
    if (!stream.pumping) this.#pump(stream);
  }

  #pump(stream: Stream): void {
    const piece = stream.queue.shift();
    if (piece === undefined || stream.res.destroyed) {
      stream.pumping = false;
      return;
    }
    stream.pumping = true;
    stream.res.write(piece);
    if (this.chunking) setTimeout(() => this.#pump(stream), this.chunking.gapMs);
    else this.#pump(stream);
  }
}
