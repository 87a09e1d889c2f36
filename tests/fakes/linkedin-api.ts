// A local stand-in for LinkedIn's Community Management API comments endpoints, speaking their
// documented wire format so the real source runs against it unchanged:
// - GET /rest/socialActions/{post-urn}/comments?start=&count= → Rest.li collection
//   {paging:{start,count,total,links}, elements:[{id, actor, commentUrn, created, message, object,
//   $URN, …}]}; GET /rest/socialActions/{post-urn}/comments/{comment-id} → one comment
//   https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api
// - required headers: LinkedIn-Version (YYYYMM) and X-Restli-Protocol-Version: 2.0.0
//   https://learn.microsoft.com/en-us/linkedin/marketing/versioning
//   https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/protocol-version
// - paging with start/count (count capped here at 100)
//   https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/pagination
// - errors as {status, serviceErrorCode, code, message}; 429 when the app's or member's daily
//   limit is used up (reset at midnight UTC)
//   https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
//   https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
// Comments are listed oldest first here (the order Panelcast's offset reading assumes).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeLinkedInComment {
  id: string;
  actor: string;
  text: string;
  time: number;
}

export type LinkedInFault =
  | 'drop'
  | 'stall'
  | 'throttle'
  | 'serverError'
  | 'garbage'
  | 'duplicate'
  | 'unauthorized'
  | 'forbidden';

const ERRORS = {
  throttle: {
    status: 429,
    serviceErrorCode: 101,
    code: 'TOO_MANY_REQUESTS',
    message: 'Too Many Requests',
  },
  daily: {
    status: 429,
    serviceErrorCode: 101,
    code: 'TOO_MANY_REQUESTS',
    message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
  },
  serverError: { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' },
  unauthorized: {
    status: 401,
    serviceErrorCode: 65600,
    code: 'INVALID_ACCESS_TOKEN',
    message: 'Invalid access token',
  },
  forbidden: {
    status: 403,
    serviceErrorCode: 100,
    code: 'ACCESS_DENIED',
    message: 'Not enough permissions to access: partnerApiSocialActions.GET.20250501',
  },
  notFound: { status: 404, code: 'NOT_FOUND', message: 'Not Found' },
} as const;

export class FakeLinkedInApi {
  readonly accessToken = 'AQXFakeLinkedInMemberTokenForPanelcastTests';
  readonly postUrn = 'urn:li:ugcPost:7123456789012345678';
  readonly activity = 'urn:li:activity:7123456789012345600';
  readonly comments: FakeLinkedInComment[] = [];
  readonly faults: LinkedInFault[] = [];
  /** Calls allowed per day before LinkedIn answers 429 (the app's daily limit). */
  dailyLimit = 100_000;
  /** Seconds a short throttle asks to wait (Retry-After). */
  retryAfterSec = 1;
  calls = 0;
  readonly versions: (string | undefined)[] = [];
  url = '';
  readonly #server = http.createServer((req, res) => this.#handle(req, res));
  #next = 1;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  comment(text: string, actor = `urn:li:person:Xy${this.#next}AbCdEf`): FakeLinkedInComment {
    const n = this.#next++;
    const comment = {
      id: String(7_124_000_000_000_000_000n + BigInt(n)),
      actor,
      text,
      time: Date.now(),
    };
    this.comments.push(comment);
    return comment;
  }

  /** Deleted on LinkedIn: later comments move up one place; LinkedIn sends no event. */
  deleteComment(id: string): void {
    const i = this.comments.findIndex((c) => c.id === id);
    if (i !== -1) this.comments.splice(i, 1);
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.versions.push(req.headers['linkedin-version'] as string | undefined);
    if (req.headers.authorization !== `Bearer ${this.accessToken}`)
      return this.#error(res, ERRORS.unauthorized);
    if (!/^\d{6}$/.test(String(req.headers['linkedin-version'] ?? ''))) {
      return this.#error(res, {
        status: 400,
        code: 'VERSION_MISSING',
        message:
          'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      });
    }
    if (req.headers['x-restli-protocol-version'] !== '2.0.0') {
      return this.#error(res, {
        status: 400,
        code: 'ILLEGAL_ARGUMENT',
        message: 'Invalid Rest.li protocol version',
      });
    }
    this.calls += 1;
    if (this.calls > this.dailyLimit) return this.#error(res, ERRORS.daily);
    const fault = this.faults.shift();
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'stall') return;
    if (fault === 'throttle') {
      res.setHeader('retry-after', String(this.retryAfterSec));
      return this.#error(res, ERRORS.throttle);
    }
    if (fault === 'serverError' || fault === 'unauthorized' || fault === 'forbidden')
      return this.#error(res, ERRORS[fault]);
    const base = `/rest/socialActions/${encodeURIComponent(this.postUrn)}/comments`;
    const raw = url.pathname;
    if (raw === base) return this.#list(url, res, fault);
    if (raw.startsWith(`${base}/`)) {
      const id = decodeURIComponent(raw.slice(base.length + 1));
      const comment = this.comments.find((c) => c.id === id);
      return comment ? this.#json(res, this.#element(comment)) : this.#error(res, ERRORS.notFound);
    }
    return this.#error(res, ERRORS.notFound);
  }

  #list(url: URL, res: http.ServerResponse, fault: LinkedInFault | undefined): void {
    const start = Math.max(0, Number(url.searchParams.get('start') ?? '0') || 0);
    const count = Math.min(100, Math.max(0, Number(url.searchParams.get('count') ?? '10') || 10));
    const slice = this.comments.slice(start, start + count);
    const elements: unknown[] = slice.map((c) => this.#element(c));
    if (fault === 'duplicate') elements.push(...elements);
    if (fault === 'garbage') elements.push({ id: 7, message: 'not an object' });
    const total = this.comments.length;
    const path = `/rest/socialActions/${encodeURIComponent(this.postUrn)}/comments`;
    const links = [
      ...(start > 0
        ? [
            {
              type: 'application/json',
              rel: 'prev',
              href: `${path}?count=${count}&start=${Math.max(0, start - count)}`,
            },
          ]
        : []),
      ...(start + count < total
        ? [
            {
              type: 'application/json',
              rel: 'next',
              href: `${path}?count=${count}&start=${start + count}`,
            },
          ]
        : []),
    ];
    this.#json(res, { paging: { start, count, links, total }, elements });
  }

  #element(c: FakeLinkedInComment): object {
    const urn = `urn:li:comment:(${this.activity},${c.id})`;
    return {
      actor: c.actor,
      commentUrn: urn,
      created: { actor: c.actor, time: c.time },
      id: c.id,
      lastModified: { actor: c.actor, time: c.time },
      message: { attributes: [], text: c.text },
      object: this.activity,
      $URN: urn,
    };
  }

  #json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-restli-protocol-version': '2.0.0',
    });
    res.end(JSON.stringify(body));
  }

  #error(
    res: http.ServerResponse,
    body: { status: number; code: string; message: string; serviceErrorCode?: number },
  ): void {
    res.writeHead(body.status, {
      'content-type': 'application/json',
      'x-restli-protocol-version': '2.0.0',
    });
    res.end(JSON.stringify(body));
  }
}
