// Serves the built renderer: hashed assets cached forever, pages never cached, and every page
// with a strict Content-Security-Policy. Paths outside the renderer folder (through a symlink
// too) and source maps are never served; a file that cannot be read is a 500, never a crash.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Client-side routes of the control UI; all of them load index.html. */
const CONTROL_ROUTES = new Set(['/', '/producer', '/moderator', '/settings', '/shows']);
const PAGE_FOR: Record<string, string> = {
  '/overlay': 'overlay.html',
  '/audience': 'audience.html',
  '/stage': 'stage.html',
  // The host joins the room from the producer's or moderator's browser.
  '/room': 'join.html',
};

export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // Avatars come from the platforms' image hosts.
    "img-src 'self' https: data:",
    `connect-src 'self'${sockets}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Pages with a part of their own in the path: a guest's invite, a single guest's feed. */
const PAGE_PATTERNS: [RegExp, string][] = [
  [/^\/join\/[^/]+$/, 'join.html'],
  [/^\/feed\/[^/]+$/, 'stage.html'],
];

function pageFor(pathname: string): string | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (CONTROL_ROUTES.has(trimmed)) return 'index.html';
  const patterned = PAGE_PATTERNS.find(([pattern]) => pattern.test(trimmed));
  return PAGE_FOR[trimmed] ?? patterned?.[1] ?? null;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Panelcast</title>
<p>The Panelcast UI has not been built yet. Run <code>npm run build</code> and reload.</p>`;

/** Returns true when it answered the request. */
export function serveStatic(
  rendererDir: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const page = pageFor(pathname);
  const relative = page ?? decodeURIComponentSafe(pathname.slice(1));
  if (relative === null) {
    plain(res, 400, 'Bad request: the path has a broken % escape.');
    return true;
  }
  // Source maps would hand out the source; the dev server (npm run dev) serves its own.
  if (relative === '' || relative.endsWith('.map')) return false;
  const found = insideRoot(rendererDir, relative);
  if (found === 'missing') {
    if (page === null) return false;
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    res.end(NOT_BUILT);
    return true;
  }
  if (found === 'outside') return false;
  const { file } = found;
  let fd: number;
  let stat: fs.Stats;
  try {
    // Non-blocking, so a named pipe in the folder cannot stall the event loop.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    stat = fs.fstatSync(fd);
  } catch {
    plain(res, 500, 'This file cannot be read; details are in the Panelcast log.');
    return true;
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    return false;
  }
  send(res, req, { fd, size: stat.size, ext: path.extname(file), relative });
  return true;
}

/**
 * The real path of `relative` under `rendererDir`, following symlinks; "outside" when that
 * leaves the folder, "missing" when there is no such file.
 */
function insideRoot(
  rendererDir: string,
  relative: string,
): { file: string } | 'outside' | 'missing' {
  let root: string;
  let file: string;
  try {
    root = fs.realpathSync(rendererDir);
    file = fs.realpathSync(path.resolve(root, relative));
  } catch {
    return 'missing';
  }
  return file.startsWith(root + path.sep) ? { file } : 'outside';
}

function send(
  res: http.ServerResponse,
  req: http.IncomingMessage,
  { fd, size, ext, relative }: { fd: number; size: number; ext: string; relative: string },
): void {
  const headers: http.OutgoingHttpHeaders = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': size,
    'x-content-type-options': 'nosniff',
    // The control URL carries the token: never leak it through Referer.
    'referrer-policy': 'no-referrer',
  };
  if (ext === '.html') {
    headers['cache-control'] = 'no-cache';
    headers['content-security-policy'] = contentSecurityPolicy(req.headers.host);
  } else if (relative.startsWith('assets/')) {
    headers['cache-control'] = 'public, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    fs.closeSync(fd);
    res.end();
    return;
  }
  const stream = fs.createReadStream('', { fd });
  // Headers are out, so a read error can only cut the answer short.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
