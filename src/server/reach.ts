// Who may reach the core, and through which address: loopback always; the LAN when the producer
// opted in (--host); the public origin (--public-url, behind a TLS proxy or tunnel) for the
// public pages only, unless control was opted in too. Client addresses come from
// X-Forwarded-For only when the request came from a trusted proxy.
import { isLoopbackHost } from '../config.js';

export interface ReachOptions {
  lan: boolean;
  publicUrl: string | null;
  trustProxy: readonly string[];
  publicControl: boolean;
}

export type Arrival = 'local' | 'public' | 'refused';

/** What anyone may open through the public origin. */
const PUBLIC_PATHS = [
  /^\/audience(\.html)?$/,
  // A guest's personal link: the page itself is public, the token in it is checked on /guest.
  /^\/join\/[A-Za-z0-9_-]{16,200}$/,
  /^\/assets\//,
  /^\/favicon\.svg$/,
  /^\/api\/health$/,
];

function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).host.toLowerCase();
  } catch {
    return null;
  }
}

/** IPv4 addresses arrive as "::ffff:1.2.3.4" on a dual-stack socket. */
export function plainAddress(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export class Reach {
  readonly #options: ReachOptions;
  readonly #publicHost: string | null;

  constructor(options: ReachOptions) {
    this.#options = options;
    this.#publicHost = options.publicUrl ? new URL(options.publicUrl).host.toLowerCase() : null;
  }

  /** How a request arrived, by its Host header (a foreign Host is refused: DNS rebinding). */
  arrival(hostHeader: string | undefined): Arrival {
    const host = hostnameOf(hostHeader);
    if (host === null) return 'refused';
    if (this.#publicHost !== null && host === this.#publicHost) return 'public';
    if (this.#options.lan) return 'local';
    const name = new URL(`http://${host}`).hostname.replace(/^\[|\]$/g, '');
    return isLoopbackHost(name) ? 'local' : 'refused';
  }

  /** Whether a path may be served to a request that arrived this way. */
  allows(arrival: Arrival, pathname: string): boolean {
    if (arrival === 'refused') return false;
    if (arrival === 'local' || this.#options.publicControl) return true;
    return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
  }

  /** Whether a socket.io namespace may be joined by a connection that arrived this way. */
  allowsNamespace(arrival: Arrival, namespace: string): boolean {
    if (arrival === 'refused') return false;
    return (
      arrival === 'local' ||
      this.#options.publicControl ||
      namespace === '/audience' ||
      namespace === '/guest'
    );
  }

  /**
   * The client's address: the peer's, or, when the peer is a trusted proxy, the last address in
   * X-Forwarded-For that is not itself a trusted proxy (the one the proxy saw).
   */
  clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    const direct = plainAddress(peer ?? '');
    if (!this.#options.trustProxy.includes(direct) || forwardedFor === undefined) return direct;
    const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((part) => plainAddress(part.trim()))
      .filter(Boolean);
    for (let i = chain.length - 1; i >= 0; i--) {
      const hop = chain[i] ?? '';
      if (!this.#options.trustProxy.includes(hop)) return hop;
    }
    return direct;
  }

  /** Where links for other people point: the public origin where control may go through it. */
  linkBase(localUrl: string): string {
    return this.#options.publicUrl && this.#options.publicControl
      ? this.#options.publicUrl
      : localUrl;
  }

  /** Where the audience page is, as viewers reach it. */
  audienceBase(localUrl: string): string {
    return this.#options.publicUrl ?? localUrl;
  }
}
