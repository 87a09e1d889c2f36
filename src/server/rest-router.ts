// A small JSON router for the REST control API: bearer-token auth, body size and type limits,
// and errors as {"error": "..."} with the right status code.
import type http from 'node:http';
import { statusFor, type ApiResult, type Route } from '../core/routes.js';
import { UserError } from '../shared/errors.js';
import { inEnglish, message } from '../shared/messages/message.js';
import { mayDispatch, type Principal } from '../shared/roles.js';
import type { Authenticator } from './socket-server.js';

export const MAX_BODY_BYTES = 64 * 1024;

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

class HttpProblem extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface RestRouterOptions {
  routes: readonly Route[];
  auth: Pick<Authenticator, 'authenticate'>;
  onRejected: (channel: string, reason: string) => void;
  onError: (error: unknown) => void;
  /** Turns a failed write (disk full, database locked) into a counted, coded refusal. */
  storageFault?: (error: unknown) => UserError | null;
}

export class RestRouter {
  readonly #routes: CompiledRoute[];
  readonly #auth: Pick<Authenticator, 'authenticate'>;
  readonly #onRejected: (channel: string, reason: string) => void;
  readonly #onError: (error: unknown) => void;
  readonly #storageFault: (error: unknown) => UserError | null;

  constructor(options: RestRouterOptions) {
    this.#storageFault = options.storageFault ?? (() => null);
    this.#auth = options.auth;
    this.#onRejected = options.onRejected;
    this.#onError = options.onError;
    this.#routes = options.routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((part) => {
          if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(part.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { ...route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    try {
      const result = await this.#route(req, url);
      if (result.text !== undefined) sendText(res, result);
      else sendJson(res, result.status, result.body);
    } catch (thrown) {
      const error = this.#storageFault(thrown) ?? thrown;
      if (error instanceof HttpProblem) {
        if (error.status === 401) res.setHeader('www-authenticate', 'Bearer realm="panelcast"');
        sendJson(res, error.status, { error: error.message });
        return;
      }
      if (error instanceof UserError) {
        const body = { error: error.message, message: error.coded };
        sendJson(res, statusFor(error.kind), body);
        return;
      }
      this.#onError(error);
      sendJson(res, 500, { error: 'Internal error; details are in the Panelcast log.' });
    }
  }

  async #route(req: http.IncomingMessage, url: URL): Promise<ApiResult> {
    const pathname = url.pathname;
    const candidates = this.#routes
      .map((route) => ({ route, match: route.pattern.exec(pathname) }))
      .filter((c): c is { route: CompiledRoute; match: RegExpExecArray } => c.match !== null);
    if (candidates.length === 0) {
      throw new HttpProblem(404, `No API endpoint at ${pathname}. See the README for the API.`);
    }
    const hit = candidates.find((c) => c.route.method === req.method);
    if (!hit) {
      const allowed = [...new Set(candidates.map((c) => c.route.method))].join(', ');
      throw new HttpProblem(
        405,
        `${req.method ?? '?'} is not allowed on ${pathname} (use ${allowed}).`,
      );
    }
    const principal = hit.route.access === 'public' ? null : this.#authorize(req);
    if (
      principal &&
      hit.route.access !== 'public' &&
      !mayDispatch(principal.role, hit.route.access)
    ) {
      this.#onRejected('rest', `${hit.route.access} refused for role ${principal.role}`);
      const refusal = message('access.forbidden', {
        intent: hit.route.access,
        role: principal.role,
      });
      return { status: 403, body: { error: inEnglish(refusal), message: refusal } };
    }

    const params: Record<string, string> = {};
    hit.route.names.forEach((name, i) => {
      params[name] = decodeParam(hit.match[i + 1] ?? '', this.#onRejected);
    });
    const body = hit.route.method === 'GET' ? undefined : await this.#readBody(req);
    return hit.route.handle({
      method: hit.route.method,
      path: pathname,
      params,
      query: url.searchParams,
      body,
      principal,
    });
  }

  #authorize(req: http.IncomingMessage): Principal {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // The owner's token over REST acts as "REST" (scripts, Stream Deck); a person as themselves.
    const principal = match?.[1] ? this.#auth.authenticate(match[1], 'REST') : null;
    if (!principal) {
      this.#onRejected('rest', 'missing or wrong token');
      throw new HttpProblem(
        401,
        match
          ? 'The token is wrong. Use the token printed by panelcast serve.'
          : 'This endpoint needs the control token: send "Authorization: Bearer <token>".',
      );
    }
    return principal;
  }

  async #readBody(req: http.IncomingMessage): Promise<unknown> {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      this.#onRejected('rest', 'body too large');
      throw new HttpProblem(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) {
        this.#onRejected('rest', 'body too large');
        throw new HttpProblem(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
      }
      chunks.push(buffer);
    }
    if (size === 0) return {};
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      this.#onRejected('rest', 'wrong content type');
      throw new HttpProblem(415, 'Send the body as JSON with "Content-Type: application/json".');
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch (error) {
      this.#onRejected('rest', 'malformed JSON');
      const reason = error instanceof Error ? error.message : 'parse error';
      throw new HttpProblem(400, `The request body is not valid JSON (${reason}).`);
    }
  }
}

/** A path parameter as text; a broken % escape is the caller's mistake, not ours. */
function decodeParam(raw: string, onRejected: (channel: string, reason: string) => void): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    onRejected('rest', 'bad % escape in the path');
    throw new HttpProblem(400, 'The request path has a broken % escape.');
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** A download: the file name is ours (digits and a known extension), never the caller's. */
function sendText(res: http.ServerResponse, result: ApiResult): void {
  const text = result.text ?? '';
  res.writeHead(result.status, {
    'content-type': result.contentType ?? 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(result.filename
      ? { 'content-disposition': `attachment; filename="${result.filename}"` }
      : {}),
  });
  res.end(text);
}
