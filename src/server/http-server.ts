// The HTTP front door: REST under /api, the built UI and the public pages, and (attached
// separately) socket.io. On loopback it refuses foreign Host headers, so a web page cannot
// reach the core through DNS rebinding.
import http from 'node:http';
import { type RestRouter, sendJson } from './rest-router.js';
import type { Authenticator } from './socket-server.js';
import type { Reach } from './reach.js';
import { serveStatic } from './static-files.js';

/** Where each role starts after following their link. */
const LANDING = { producer: '/producer', moderator: '/moderator', guest: '/' } as const;

/**
 * A personal link (/login?token=…) is traded for an HttpOnly session cookie, and the browser is
 * sent on without the token in its address bar, history or screenshots.
 */
function login(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  auth: Pick<Authenticator, 'authenticate' | 'sessionCookie'>,
): void {
  const token = url.searchParams.get('token');
  const principal = req.method === 'GET' ? auth.authenticate(token) : null;
  if (!principal || !token) {
    res.writeHead(401, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(
      'This link is not valid (any more). Ask the producer for a new one.\n' +
        'Dieser Link ist nicht (mehr) gültig. Bitte die Produktion um einen neuen.\n',
    );
    return;
  }
  res.writeHead(303, {
    location: LANDING[principal.role],
    'set-cookie': auth.sessionCookie(token),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end();
}

export interface HttpServerOptions {
  router: RestRouter;
  auth: Pick<Authenticator, 'authenticate' | 'sessionCookie'>;
  rendererDir: string;
  /** When false (loopback only), requests must name a loopback host. */
  reach: Reach;
  onError: (error: unknown) => void;
}

export function createHttpServer(options: HttpServerOptions): http.Server {
  return http.createServer((req, res) => {
    const arrival = options.reach.arrival(req.headers.host);
    if (arrival === 'refused') {
      sendJson(res, 421, {
        error: 'Panelcast listens on this computer only; open it via http://127.0.0.1.',
      });
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://panelcast.local');
    } catch {
      sendJson(res, 400, { error: 'Malformed request URL.' });
      return;
    }
    if (!options.reach.allows(arrival, url.pathname)) {
      // Through the public address only the audience page is served; control stays local.
      sendJson(res, 403, {
        error:
          'This address serves the audience page only. Open the control screens on the studio computer or the local network.',
      });
      return;
    }
    if (url.pathname === '/login') {
      login(req, res, url, options.auth);
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      options.router.handle(req, res, url).catch(options.onError);
      return;
    }
    try {
      if (serveStatic(options.rendererDir, url.pathname, req, res)) return;
    } catch (error) {
      options.onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error; see the Panelcast log.' });
      return;
    }
    if (!res.headersSent) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
}
