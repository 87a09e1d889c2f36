// A minimal WebRTC page pair for guest network tests: an HTTP server on the host serving the
// peer page (webrtc-pair/peer-page.ts, bundled here), its ICE servers with fresh TURN REST
// credentials, and socket.io signalling between the two pages of a room. Everything a page
// needs travels over the page's own network, so cutting the guest's link cuts its signalling.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { Server } from 'socket.io';
import { turnCredentials } from '../../src/guests/turn-credentials.js';
import type { Coturn } from './coturn.js';
import type { PeerStatus } from './webrtc-pair/peer-status.js';

export type { PeerStatus };
export type PeerRole = 'guest' | 'studio';

/** turn: coturn's UDP, TCP and TLS listeners; turns: TLS only and relay only; direct: none. */
export type IceMode = 'turn' | 'turns' | 'direct';

export interface PeerPairServer {
  port: number;
  /** The page for `role`, as loaded from `host` (the address that role reaches the host at). */
  url(role: PeerRole, host: string, room: string, mode: IceMode): string;
  /** Chromium flags: fake camera and microphone, a secure context for the plain-HTTP page. */
  browserFlags(hosts: string[]): string[];
  /** Pages connected to the room's signalling now. */
  peersIn(room: string): number;
  /** Stops the signalling server and starts it again on the same port (a core restart). */
  restartSignalling(): Promise<void>;
  close(): Promise<void>;
}

/** Signalling heartbeat: a silent outage is noticed in ~3 s (socket.io's default is 45 s). */
const PING = { pingInterval: 1500, pingTimeout: 1500 };

export async function startPeerPairServer(coturn: Coturn): Promise<PeerPairServer> {
  const script = await bundlePage();
  let io = await serve(coturn, script, 0);
  const { port } = io.httpServer.address() as AddressInfo;
  return {
    port,
    url: (role, host, room, mode) =>
      `http://${host}:${port}/peer?role=${role}&room=${room}&mode=${mode}`,
    browserFlags: (hosts) => [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--unsafely-treat-insecure-origin-as-secure=${hosts.map((h) => `http://${h}:${port}`).join(',')}`,
      // Real host addresses in candidates, as with camera permission granted.
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      // coturn's TLS certificate is self-signed (turns: candidates).
      '--ignore-certificate-errors',
    ],
    peersIn: (room) => io.sockets.adapter.rooms.get(room)?.size ?? 0,
    restartSignalling: async () => {
      await io.close();
      io = await serve(coturn, script, port);
    },
    close: async () => {
      await io.close();
    },
  };
}

/** The HTTP server and its signalling, on `port` (0: any). */
async function serve(coturn: Coturn, script: string, port: number): Promise<Server> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname === '/peer.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/peer') {
      const html = pageHtml(pageConfig(coturn, url, request.headers.host ?? ''));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else response.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
  });
  const io = new Server(server, { ...PING, serveClient: false });
  io.on('connection', (socket) => {
    const room = String((socket.handshake.auth as { room?: unknown }).room);
    const announce = (): void => {
      io.to(room).emit('peers', io.sockets.adapter.rooms.get(room)?.size ?? 0);
    };
    void socket.join(room);
    announce();
    socket.on('signal', (signal: unknown) => socket.to(room).emit('signal', signal));
    socket.on('disconnect', announce);
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return io;
}

function pageConfig(coturn: Coturn, url: URL, hostHeader: string) {
  const role: PeerRole = url.searchParams.get('role') === 'studio' ? 'studio' : 'guest';
  const mode = url.searchParams.get('mode') ?? 'turn';
  const host = hostHeader.replace(/:\d+$/, '');
  const { username, credential } = turnCredentials(coturn.secret, role, 3600, Date.now());
  const urls = coturn.urls(host).filter((u) => mode !== 'turns' || u.startsWith('turns:'));
  return {
    role,
    room: url.searchParams.get('room') ?? 'main',
    iceServers: mode === 'direct' ? [] : [{ urls, username, credential }],
    iceTransportPolicy: mode === 'turns' ? 'relay' : 'all',
    // The guest sends offers, so it restarts ICE; the studio answers.
    recover: role === 'guest' && mode !== 'direct',
  };
}

function pageHtml(config: object): string {
  const json = JSON.stringify(config).replaceAll('<', '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>peer</title></head>
<body><video autoplay muted playsinline></video>
<script type="application/json" id="config">${json}</script>
<script src="/peer.js"></script></body></html>`;
}

async function bundlePage(): Promise<string> {
  const entry = fileURLToPath(new URL('./webrtc-pair/peer-page.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The page's status (ICE state, selected pair, frames and samples received, recovery events). */
export function peerStatus(page: Page): Promise<PeerStatus> {
  return page.evaluate('window.peerStatus()');
}

export async function openPeer(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    // Signalling reconnect attempts during an outage fail by design.
    if (m.type() === 'error' && !m.text().includes('WebSocket connection'))
      console.error(`[peer] ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction('typeof window.peerStatus === "function"');
  return page;
}
