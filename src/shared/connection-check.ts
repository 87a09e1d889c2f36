// The join page's connection check: which ways out of the guest's network reach the room's ICE
// servers (direct via STUN, the TURN relay over UDP, TCP and TLS), and what that means for the
// call. Pure: the page gathers candidates with one path's servers at a time and asks here.
import { z } from 'zod';
import type { IceServer } from './guest-room.js';

/** The ways out, from the best (least delay) to the last resort (TLS, often on port 443). */
export const ICE_PATHS = ['direct', 'udp', 'tcp', 'tls'] as const;
export type IcePath = (typeof ICE_PATHS)[number];

/** A path's outcome: a candidate came back, none did in time, or no server is set up for it. */
export const PATH_RESULTS = ['works', 'blocked', 'absent'] as const;
export type PathResult = (typeof PATH_RESULTS)[number];

/**
 * What the check means for the call: `open` (UDP goes out, the best case), `tcp_only` and
 * `tls_only` (the relay carries the call over TCP or TLS), `blocked` (no way through) and
 * `untested` (the room has no STUN or TURN server to test against).
 */
export const CONNECTIVITY_VERDICTS = [
  'open',
  'tcp_only',
  'tls_only',
  'blocked',
  'untested',
] as const;
export type ConnectivityVerdict = (typeof CONNECTIVITY_VERDICTS)[number];

const pathResult = z.enum(PATH_RESULTS);

/** What a guest's page reports to the director panel: outcomes only, never servers or secrets. */
export const connectivityReportSchema = z.strictObject({
  verdict: z.enum(CONNECTIVITY_VERDICTS),
  paths: z.strictObject({ direct: pathResult, udp: pathResult, tcp: pathResult, tls: pathResult }),
  /** The TLS relay listens on port 443, the port networks that allow only HTTPS leave open. */
  tls443: z.boolean(),
});
export type ConnectivityReport = z.output<typeof connectivityReportSchema>;

/** One check: gather candidates with only these servers; `relay` allows relay candidates only. */
export interface IceProbe {
  path: IcePath;
  servers: IceServer[];
  policy: 'all' | 'relay';
}

/** The path a STUN or TURN URL (RFC 7064, RFC 7065) opens; null for anything else. */
export function pathOfUrl(url: string): IcePath | null {
  const match = /^(stuns?|turns?):[^?]+(?:\?transport=(udp|tcp))?$/i.exec(url.trim());
  if (!match) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme.startsWith('stun')) return 'direct';
  if (scheme === 'turns') return 'tls';
  // Without a transport, browsers speak TURN over UDP (RFC 7065 section 3).
  return match[2]?.toLowerCase() === 'tcp' ? 'tcp' : 'udp';
}

/** The port of a URL as written, or the scheme's default (3478, 5349 for TLS). */
function portOf(url: string): number {
  const port = /^[a-z]+:(?:\[[^\]]+\]|[^:?]+):(\d+)/i.exec(url.trim())?.[1];
  if (port !== undefined) return Number(port);
  return /^(stuns|turns):/i.test(url.trim()) ? 5349 : 3478;
}

/** One probe per path the room's servers open, each with only that path's URLs. */
export function probesFor(servers: readonly IceServer[]): IceProbe[] {
  return ICE_PATHS.flatMap((path): IceProbe[] => {
    const chosen = servers.flatMap((server) => {
      const urls = server.urls.filter((url) => pathOfUrl(url) === path);
      return urls.length > 0 ? [{ ...server, urls }] : [];
    });
    if (chosen.length === 0) return [];
    return [{ path, servers: chosen, policy: path === 'direct' ? 'all' : 'relay' }];
  });
}

/** True when the room's TLS relay is reached on port 443. */
export function tlsOn443(servers: readonly IceServer[]): boolean {
  return servers.some((s) => s.urls.some((url) => pathOfUrl(url) === 'tls' && portOf(url) === 443));
}

/**
 * Whether a gathered candidate proves its probe's path: a server-reflexive one for STUN (the
 * server answered from outside), a relay one for TURN (the relay gave an address).
 */
export function provesPath(path: IcePath, candidateType: string | null): boolean {
  return candidateType === (path === 'direct' ? 'srflx' : 'relay');
}

/** What a probe saw by its end: candidate errors (icecandidateerror), and whether gathering ended. */
export interface ProbeEnd {
  errors: number;
  /** Gathering ended (a null candidate) before the time was up. */
  ended: boolean;
}

/**
 * The outcome of a probe no candidate proved. A STUN answer that names the page's own address
 * (no NAT between guest and server) brings no new candidate (browsers drop a reflexive candidate
 * equal to a host one): gathering that ends in time with no error means the server answered.
 * A relay that gave no address did not work, whatever the reason.
 */
export function unprovedResult(path: IcePath, end: ProbeEnd): PathResult {
  return path === 'direct' && end.ended && end.errors === 0 ? 'works' : 'blocked';
}

/** The best way the call can take, from each path's outcome. */
export function verdictOf(paths: Record<IcePath, PathResult>): ConnectivityVerdict {
  if (paths.direct === 'works' || paths.udp === 'works') return 'open';
  if (paths.tcp === 'works') return 'tcp_only';
  if (paths.tls === 'works') return 'tls_only';
  return ICE_PATHS.every((path) => paths[path] === 'absent') ? 'untested' : 'blocked';
}

/** The report for the director panel from each path's outcome. */
export function connectivityReport(
  paths: Record<IcePath, PathResult>,
  servers: readonly IceServer[],
): ConnectivityReport {
  return { verdict: verdictOf(paths), paths: { ...paths }, tls443: tlsOn443(servers) };
}
