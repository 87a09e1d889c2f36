// The HTTP front door: REST under /api, the built UI and the public pages, and (attached
// separately) socket.io. On loopback it refuses foreign Host headers, so a web page cannot
// reach the core through DNS rebinding.
import http from 'node:http';
import { isLoopbackHost } from '../config.js';
import { type RestRouter, sendJson } from './rest-router.js';
import { serveStatic } from './static-files.js';

export interface HttpServerOptions {
  router: RestRouter;
  rendererDir: string;
  /** When false (loopback only), requests must name a loopback host. */
  lan: boolean;
  onError: (error: unknown) => void;
}

export function hostAllowed(hostHeader: string | undefined, lan: boolean): boolean {
  if (lan) return true;
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  return isLoopbackHost(hostname.replace(/^\[|\]$/g, ''));
}

export function createHttpServer(options: HttpServerOptions): http.Server {
  return http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, options.lan)) {
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
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      options.router.handle(req, res, url).catch(options.onError);
      return;
    }
    try {
      if (serveStatic(options.rendererDir, url.pathname, req, res)) return;
    } catch (error) {
      options.onError(error);
    }
    if (!res.headersSent) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    }
  });
}
