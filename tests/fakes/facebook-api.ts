// A local stand-in for the Graph API endpoints Panelcast uses for Facebook Live, speaking their
// documented wire formats so the real source runs against it unchanged:
// - Server-Sent Events live comments, GET /{live-video-id}/live_comments?access_token=…&
//   comment_rate=…&fields=… (text/event-stream, one "data:" line of JSON per comment, ":"
//   heartbeat lines; events sent while nobody is connected are not sent again, as Facebook warns)
//   https://developers.facebook.com/docs/graph-api/server-sent-events/endpoints/live-comments/
//   https://developers.facebook.com/docs/graph-api/server-sent-events
// - the comments edge, GET /{version}/{live-video-id}/comments (order=chronological,
//   filter=stream, limit, cursor paging {data, paging:{cursors:{before,after}, next}})
//   https://developers.facebook.com/docs/graph-api/reference/live-video/comments
//   https://developers.facebook.com/docs/live-video-api/guides/comments (sample response)
//   https://developers.facebook.com/docs/graph-api/results (cursor pagination)
// - a single comment, GET /{version}/{comment-id}
//   https://developers.facebook.com/docs/graph-api/reference/comment
// - errors as {error:{message,type,code,error_subcode,fbtrace_id}} and the X-App-Usage and
//   X-Business-Use-Case-Usage headers
//   https://developers.facebook.com/docs/graph-api/guides/error-handling
//   https://developers.facebook.com/docs/graph-api/overview/rate-limiting
// Fields come back only when `fields=` names them (on the SSE endpoint nothing else is sent; on
// the edge the documented default set, as in the sample, when no fields are asked for), and
// `from` only for people who allow apps to see them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFacebookComment {
  id: string;
  message: string;
  created_time: string;
  /** Absent for people who have not allowed apps to see their name. */
  from?: { id: string; name: string };
}

export type FacebookFault =
  | 'drop'
  | 'stall'
  | 'rateLimit'
  | 'serverError'
  | 'garbage'
  | 'duplicate'
  | 'tokenExpired'
  | 'permission'
  | 'appReview';

interface GraphErrorSpec {
  status: number;
  message: string;
  type: string;
  code: number;
  subcode?: number;
}

const ERRORS: Record<
  'rateLimit' | 'serverError' | 'tokenExpired' | 'permission' | 'appReview',
  GraphErrorSpec
> = {
  rateLimit: {
    status: 400,
    message: '(#4) Application request limit reached',
    type: 'OAuthException',
    code: 4,
  },
  serverError: {
    status: 500,
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
  },
  tokenExpired: {
    status: 400,
    message:
      'Error validating access token: Session has expired on Thursday, 03-Dec-26 10:00:00 PST. The current time is Thursday, 03-Dec-26 11:00:00 PST.',
    type: 'OAuthException',
    code: 190,
    subcode: 463,
  },
  permission: {
    status: 403,
    message:
      "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.",
    type: 'OAuthException',
    code: 10,
  },
  appReview: {
    status: 403,
    message:
      '(#200) The permission pages_read_user_content has not been approved for this app in App Review.',
    type: 'OAuthException',
    code: 200,
  },
};

/** Parses "id,message,from{id,name}" into field → sub-fields (empty set: the whole value). */
export function parseFields(text: string | null): Map<string, Set<string>> | null {
  if (text === null || text.trim() === '') return null;
  const fields = new Map<string, Set<string>>();
  for (const match of text.matchAll(/([a-z_]+)(?:\{([^}]*)\})?/g)) {
    const name = match[1] ?? '';
    const sub = (match[2] ?? '').split(',').filter((s) => s !== '');
    fields.set(name, new Set(sub));
  }
  return fields;
}

function project(comment: FakeFacebookComment, fields: Map<string, Set<string>>): object {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of fields) {
    const value = (comment as unknown as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (sub.size > 0 && typeof value === 'object' && value !== null) {
      out[name] = Object.fromEntries(Object.entries(value).filter(([key]) => sub.has(key)));
    } else out[name] = value;
  }
  return out;
}

interface LiveStream {
  res: http.ServerResponse;
  fields: Map<string, Set<string>>;
  stalled: boolean;
  /** Pieces waiting to be written one by one (when chunking is on). */
  queue: Buffer[];
  pumping: boolean;
}

const EDGE_DEFAULT = parseFields('created_time,from,message,id') as Map<string, Set<string>>;
/** The documented sample of live_comments names only these. */
const LIVE_DEFAULT = parseFields('from{name,id},message') as Map<string, Set<string>>;

export class FakeFacebookApi {
  readonly pageToken = 'EAAGm0PX4ZCpsBAFakePageTokenForPanelcastTests';
  /** Which tokens Graph takes; a test withdraws the page token's access by changing it. */
  acceptToken: (token: string) => boolean = (token) => token === this.pageToken;
  readonly liveVideoId = '911936075671494';
  readonly version = 'v23.0';
  readonly comments: FakeFacebookComment[] = [];
  readonly deleted = new Set<string>();
  readonly faults: FacebookFault[] = [];
  /** Graph calls this fake counts toward the app's limit (X-App-Usage call_count in %). */
  callLimit = 10_000;
  heartbeatMs = 1000;
  /** Each line cut into pieces of this many bytes, written `gapMs` apart (characters split). */
  chunking: { pieceBytes: number; gapMs: number } | null = null;
  /** How lines end on the live connection; SSE allows LF, CRLF and CR. */
  lineEnd: '\n' | '\r\n' | '\r' = '\n';
  /** Send each line end as a chunk of its own. */
  lineEndApart = false;
  /**
   * The next this-many comments are not sent live: comment_rate passes on only the "highest
   * quality" comments when they come faster than the rate asked for.
   */
  heldBackLive = 0;
  /** When false, live_comments answers as Facebook does for a retired endpoint. */
  sseAvailable = true;
  readonly counts = { sse: 0, edge: 0, lookups: 0 };
  /** The fields asked for on each request, for tests of field selection. */
  readonly askedFields: (string | null)[] = [];
  url = '';
  readonly #streams = new Set<LiveStream>();
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  #timer: ReturnType<typeof setInterval> | null = null;
  #next = 1;
  #calls = 0;
  #duplicateNext = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.#timer = setInterval(() => {
      for (const s of this.#streams) if (!s.stalled) this.#send(s, [': heartbeat', '']);
    }, this.heartbeatMs);
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Someone comments on the live video; every third person hides their name from apps. */
  comment(message: string, name = 'Viewer'): FakeFacebookComment {
    const n = this.#next++;
    const comment: FakeFacebookComment = {
      id: `${this.liveVideoId}_${String(911_936_769_004_758 + n)}`,
      message,
      created_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
      ...(n % 3 === 0 ? {} : { from: { id: String(552_524_095_105_158 + n), name } }),
    };
    this.comments.push(comment);
    if (this.heldBackLive > 0) {
      this.heldBackLive -= 1;
      return comment;
    }
    const times = this.#duplicateNext > 0 ? 2 : 1;
    if (this.#duplicateNext > 0) this.#duplicateNext -= 1;
    for (const s of this.#streams) {
      if (s.stalled) continue;
      for (let i = 0; i < times; i += 1) {
        this.#send(s, [`data: ${JSON.stringify(project(comment, s.fields))}`, '']);
      }
    }
    return comment;
  }

  /** Deleted on Facebook: gone from the edge and lookups; Facebook sends no event for it. */
  deleteComment(id: string): void {
    this.deleted.add(id);
  }

  /** The next `n` comments arrive twice on the live connection. */
  duplicateNext(n: number): void {
    this.#duplicateNext = n;
  }

  /** Cuts every open live connection. */
  dropStreams(): void {
    for (const s of this.#streams) s.res.socket?.destroy();
    this.#streams.clear();
  }

  /** Open live connections go silent: no comments, no heartbeats. */
  stallStreams(): void {
    for (const s of this.#streams) s.stalled = true;
  }

  /** A line of garbage and a comment of the wrong shape on every open live connection. */
  sendMalformed(): void {
    for (const s of this.#streams) {
      this.#send(s, ['data: {"id": "broken', '']);
      this.#send(s, [`data: ${JSON.stringify({ id: { not: 'an id' }, message: 42 })}`, '']);
    }
  }

  get openStreams(): number {
    return this.#streams.size;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter((p) => p !== '');
    this.askedFields.push(url.searchParams.get('fields'));
    const token =
      url.searchParams.get('access_token') ??
      /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ??
      null;
    if (token === null || !this.acceptToken(token)) {
      this.#error(res, {
        status: 400,
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
      });
      return;
    }
    const fault = this.faults.shift();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') return;
    if (fault === 'duplicate') this.#duplicateNext = 1;
    if (fault && fault !== 'garbage' && fault !== 'duplicate') {
      this.#error(res, ERRORS[fault], fault === 'rateLimit');
      return;
    }
    if (parts.length === 2 && parts[1] === 'live_comments') {
      if (parts[0] === this.liveVideoId) this.#live(url, res);
      else this.#missing(res, parts[0] ?? '');
      return;
    }
    if (parts[0] !== this.version) {
      this.#unknownPath(res, url.pathname);
      return;
    }
    this.#calls += 1;
    if (parts.length === 3 && parts[1] === this.liveVideoId && parts[2] === 'comments') {
      this.#edge(url, res, fault === 'garbage');
      return;
    }
    if (parts.length === 2) {
      this.#lookup(decodeURIComponent(parts[1] ?? ''), url, res);
      return;
    }
    if (parts.length === 3 && parts[2] === 'comments') {
      this.#missing(res, parts[1] ?? '');
      return;
    }
    this.#unknownPath(res, url.pathname);
  }

  #live(url: URL, res: http.ServerResponse): void {
    this.counts.sse += 1;
    if (!this.sseAvailable) {
      this.#error(res, {
        status: 400,
        message:
          'Unsupported get request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
        type: 'GraphMethodException',
        code: 100,
      });
      return;
    }
    const fields = parseFields(url.searchParams.get('fields'));
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(`: connected${this.lineEnd}${this.lineEnd}`);
    // Without fields= the endpoint sends only what the sample shows: no id, no time.
    const entry: LiveStream = {
      res,
      fields: fields ?? LIVE_DEFAULT,
      stalled: false,
      queue: [],
      pumping: false,
    };
    this.#streams.add(entry);
    res.on('close', () => this.#streams.delete(entry));
  }

  /** Writes lines, each with its line end, cut into chunks as configured. */
  #send(stream: LiveStream, lines: string[]): void {
    const end = Buffer.from(this.lineEnd);
    if (this.chunking === null && !this.lineEndApart) {
      stream.res.write(lines.map((l) => l + this.lineEnd).join(''));
      return;
    }
    const size = this.chunking?.pieceBytes ?? Number.MAX_SAFE_INTEGER;
    for (const line of lines) {
      const body = Buffer.from(line);
      const pieces: Buffer[] = [];
      for (let i = 0; i < body.length; i += size) pieces.push(body.subarray(i, i + size));
      if (this.lineEndApart || pieces.length === 0) pieces.push(end);
      else pieces[pieces.length - 1] = Buffer.concat([pieces.at(-1) ?? Buffer.alloc(0), end]);
      stream.queue.push(...pieces);
    }
    this.#pump(stream);
  }

  /** Writes queued pieces apart in time, so each arrives as a chunk of its own. */
  #pump(stream: LiveStream): void {
    if (stream.pumping) return;
    const next = stream.queue.shift();
    if (next === undefined) return;
    stream.pumping = true;
    stream.res.write(next);
    setTimeout(() => {
      stream.pumping = false;
      if (!stream.stalled && this.#streams.has(stream)) this.#pump(stream);
    }, this.chunking?.gapMs ?? 2);
  }

  #visible(): FakeFacebookComment[] {
    return this.comments.filter((c) => !this.deleted.has(c.id));
  }

  #edge(url: URL, res: http.ServerResponse, garbage: boolean): void {
    this.counts.edge += 1;
    const fields = parseFields(url.searchParams.get('fields')) ?? EDGE_DEFAULT;
    // The chronological stream of all comments (replies too) reads like a log; newest first
    // (the default "reverse_chronological") is not what a reader from a cursor needs.
    const all = this.comments;
    const limit = Math.min(Number(url.searchParams.get('limit') ?? '25') || 25, 100);
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : this.#decode(after) + 1;
    const slice = all.slice(start, start + limit);
    const data = slice.filter((c) => !this.deleted.has(c.id)).map((c) => project(c, fields));
    if (garbage) data.push({ id: [1, 2], message: { text: 'wrong shape' } });
    const last = start + slice.length - 1;
    const body: Record<string, unknown> = { data };
    if (slice.length > 0) {
      body.paging = {
        cursors: { before: this.#encode(start), after: this.#encode(last) },
        ...(last + 1 < all.length
          ? {
              next: `${this.url}/${this.version}/${this.liveVideoId}/comments?after=${this.#encode(last)}&limit=${limit}`,
            }
          : {}),
      };
    }
    this.#json(res, body);
  }

  #lookup(id: string, url: URL, res: http.ServerResponse): void {
    this.counts.lookups += 1;
    const comment = this.#visible().find((c) => c.id === id);
    if (!comment) {
      this.#missing(res, id);
      return;
    }
    this.#json(res, project(comment, parseFields(url.searchParams.get('fields')) ?? EDGE_DEFAULT));
  }

  /** Graph's answer for an object that does not exist or that the token may not see. */
  #missing(res: http.ServerResponse, id: string): void {
    this.#error(res, {
      status: 400,
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      type: 'GraphMethodException',
      code: 100,
      subcode: 33,
    });
  }

  #unknownPath(res: http.ServerResponse, path: string): void {
    this.#error(res, {
      status: 400,
      message: `Unknown path components: ${path}`,
      type: 'OAuthException',
      code: 2500,
    });
  }

  #encode(index: number): string {
    return Buffer.from(`comment:${index}`).toString('base64url');
  }

  #decode(cursor: string): number {
    return Number(Buffer.from(cursor, 'base64url').toString().replace('comment:', '')) || 0;
  }

  #usageHeaders(throttled: boolean): Record<string, string> {
    const percent = throttled
      ? 100
      : Math.min(100, Math.round((this.#calls * 100) / this.callLimit));
    const app = {
      call_count: percent,
      total_cputime: Math.round(percent / 4),
      total_time: Math.round(percent / 3),
    };
    return {
      'x-app-usage': JSON.stringify(app),
      'x-business-use-case-usage': JSON.stringify({
        '1234567890': [
          {
            type: 'pages',
            ...app,
            // Facebook names whole minutes; 0 when nothing is blocked (tests cannot wait minutes).
            estimated_time_to_regain_access: 0,
          },
        ],
      }),
    };
  }

  #json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      ...this.#usageHeaders(false),
    });
    res.end(JSON.stringify(body));
  }

  #error(res: http.ServerResponse, e: GraphErrorSpec, throttled = false): void {
    res.writeHead(e.status, {
      'content-type': 'application/json; charset=UTF-8',
      'www-authenticate': 'OAuth "Facebook Platform" "invalid_request"',
      ...this.#usageHeaders(throttled),
    });
    res.end(
      JSON.stringify({
        error: {
          message: e.message,
          type: e.type,
          code: e.code,
          ...(e.subcode !== undefined ? { error_subcode: e.subcode } : {}),
          fbtrace_id: `A${Math.random().toString(36).slice(2, 12)}`,
        },
      }),
    );
  }
}
