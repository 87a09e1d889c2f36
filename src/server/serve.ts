// Puts the core on the network: REST router, HTTP server and socket.io on one port, and the
// order in which they close again. Knows routes and intents, not what they do.
import type { AddressInfo, Socket } from 'node:net';
import type http from 'node:http';
import type { IntentRegistry } from '../core/intent-registry.js';
import type { Route } from '../core/routes.js';
import type { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { StateHub } from '../shared/state-hub.js';
import { listenError } from '../startup-errors.js';
import { DeviceIssuer, type DeviceIssuing } from './audience-devices.js';
import { createHttpServer } from './http-server.js';
import { openApiRoute } from './openapi.js';
import type { GuestDesk } from './guest-socket.js';
import { Reach } from './reach.js';
import { RestRouter } from './rest-router.js';
import {
  attachSocketServer,
  type AudienceDesk,
  type Authenticator,
  type CommentFeed,
  type SocketServer,
} from './socket-server.js';

/** How long a stop waits for clients to take their goodbye before it cuts their connections. */
const CLOSE_GRACE_MS = 1000;

export interface ServeOptions {
  host: string;
  port: number;
  lan: boolean;
  publicUrl: string | null;
  trustProxy: string[];
  publicControl: boolean;
  auth: Authenticator;
  routes: readonly Route[];
  /** Shown in the OpenAPI document. */
  version: string;
  hub: StateHub;
  intents: IntentRegistry;
  comments: CommentFeed;
  audience: AudienceDesk;
  guests: GuestDesk;
  rendererDir: string;
  logger: Logger;
  onRejected: (channel: string, reason: string) => void;
  /** Turns a failed write (disk full, database locked) into a counted, coded refusal. */
  storageFault: (error: unknown) => UserError | null;
  batchIntervalMs: number;
  /** Signs the audience page's device identities (kept with the secrets, so they survive). */
  deviceKey: Buffer;
  /** Looser device issuing (tests). */
  deviceIssuing?: Partial<DeviceIssuing>;
}

export interface Serving {
  url: string;
  /** Every REST route the router serves, the OpenAPI document's own included. */
  routes: readonly Route[];
  port: number;
  sockets: SocketServer;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, host, port));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const { logger, onRejected } = options;
  const onError = (error: unknown): void => logger.error('request failed', { error });
  const routes = [...options.routes, openApiRoute(options.routes, options.version)];
  const reach = new Reach(options);
  const router = new RestRouter({
    routes,
    auth: options.auth,
    onRejected,
    onError,
    storageFault: options.storageFault,
  });
  const httpServer = createHttpServer({
    router,
    auth: options.auth,
    rendererDir: options.rendererDir,
    reach,
    onError,
  });
  const sockets = attachSocketServer({
    httpServer,
    hub: options.hub,
    comments: options.comments,
    audience: options.audience,
    guests: options.guests,
    intents: options.intents,
    auth: options.auth,
    reach,
    logger: logger.child('sockets'),
    onRejected,
    storageFault: options.storageFault,
    batchIntervalMs: options.batchIntervalMs,
    devices: new DeviceIssuer(options.deviceKey, options.deviceIssuing),
    publicUrl: options.publicUrl,
  });
  // Every connection, upgraded WebSockets included (closeAllConnections knows only HTTP ones):
  // a peer that went silent (a guest whose address changed, a half-sent request) would hold the
  // port for up to 30 s after a stop, and a restart on that port would fail meanwhile.
  const open = new Set<Socket>();
  httpServer.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  const close = async (): Promise<void> => {
    const grace = setTimeout(() => {
      for (const socket of open) socket.destroy();
    }, CLOSE_GRACE_MS);
    try {
      await sockets.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    } finally {
      clearTimeout(grace);
    }
  };
  try {
    const port = await listen(httpServer, options.host, options.port);
    return { url: `http://${urlHost(options.host)}:${port}/`, routes, port, sockets, close };
  } catch (error) {
    await close();
    throw error;
  }
}
