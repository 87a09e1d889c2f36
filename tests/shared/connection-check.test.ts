import { describe, expect, it } from 'vitest';
import {
  connectivityReport,
  connectivityReportSchema,
  pathOfUrl,
  probesFor,
  provesPath,
  tlsOn443,
  unprovedResult,
  verdictOf,
  type IcePath,
  type PathResult,
} from '../../src/shared/connection-check.js';
import { controlIntentSchemas } from '../../src/shared/control-intents.js';
import type { IceServer } from '../../src/shared/guest-room.js';

const TURN: IceServer = {
  urls: [
    'turn:turn.example.org:3478?transport=udp',
    'turn:turn.example.org:3478?transport=tcp',
    'turns:turn.example.org:443?transport=tcp',
  ],
  username: '1700000000:ada-abc123',
  credential: 'c2VjcmV0',
};
const STUN: IceServer = { urls: ['stun:stun.example.org:3478'] };

const all = (result: PathResult): Record<IcePath, PathResult> => ({
  direct: result,
  udp: result,
  tcp: result,
  tls: result,
});

describe('the ICE settings', () => {
  it('accept a TURN over TLS URL on port 443, the way out of HTTPS-only networks', () => {
    const parsed = controlIntentSchemas['guests:configureIce'].safeParse({
      stun: ['stun:turn.example.org:3478'],
      turn: [
        'turn:turn.example.org:3478?transport=udp',
        'turns:turn.example.org:443?transport=tcp',
      ],
      turnTtlMin: 240,
    });
    expect(parsed.success).toBe(true);
  });
});

describe('the connection check', () => {
  it('names the path each STUN and TURN URL opens', () => {
    expect(pathOfUrl('stun:stun.example.org:3478')).toBe('direct');
    expect(pathOfUrl('turn:turn.example.org:3478?transport=udp')).toBe('udp');
    expect(pathOfUrl('turn:turn.example.org')).toBe('udp');
    expect(pathOfUrl('turn:10.0.0.1:3478?transport=tcp')).toBe('tcp');
    expect(pathOfUrl('TURNS:turn.example.org:443?transport=tcp')).toBe('tls');
    expect(pathOfUrl('turns:[2001:db8::1]:443')).toBe('tls');
    expect(pathOfUrl('https://turn.example.org')).toBeNull();
    expect(pathOfUrl('turn:host?transport=sctp')).toBeNull();
  });

  it('probes each path with only its own URLs and the relay ones with relay candidates only', () => {
    const probes = probesFor([STUN, TURN]);
    expect(probes.map((p) => [p.path, p.policy, p.servers.flatMap((s) => s.urls)])).toEqual([
      ['direct', 'all', ['stun:stun.example.org:3478']],
      ['udp', 'relay', ['turn:turn.example.org:3478?transport=udp']],
      ['tcp', 'relay', ['turn:turn.example.org:3478?transport=tcp']],
      ['tls', 'relay', ['turns:turn.example.org:443?transport=tcp']],
    ]);
    // The relay needs its time-limited credentials; STUN gets none.
    expect(probes[3]?.servers[0]).toMatchObject({ username: TURN.username });
    expect(probes[0]?.servers[0]).not.toHaveProperty('credential');
  });

  it('skips the paths the room has no server for', () => {
    expect(probesFor([STUN]).map((p) => p.path)).toEqual(['direct']);
    expect(probesFor([])).toEqual([]);
  });

  it('knows whether the TLS relay listens on port 443', () => {
    expect(tlsOn443([TURN])).toBe(true);
    expect(tlsOn443([{ urls: ['turns:turn.example.org:5349'] }])).toBe(false);
    expect(tlsOn443([{ urls: ['turns:turn.example.org'] }])).toBe(false);
    expect(tlsOn443([{ urls: ['turn:turn.example.org:443?transport=tcp'] }])).toBe(false);
  });

  it('counts a reflexive candidate for STUN and a relay candidate for TURN', () => {
    expect(provesPath('direct', 'srflx')).toBe(true);
    expect(provesPath('direct', 'host')).toBe(false);
    expect(provesPath('tls', 'relay')).toBe(true);
    expect(provesPath('udp', 'srflx')).toBe(false);
    expect(provesPath('tcp', null)).toBe(false);
  });

  it('counts a STUN server that answered with the page’s own address (no NAT) as direct', () => {
    expect(unprovedResult('direct', { errors: 0, ended: true })).toBe('works');
    expect(unprovedResult('direct', { errors: 1, ended: true })).toBe('blocked');
    expect(unprovedResult('direct', { errors: 0, ended: false })).toBe('blocked');
    // A relay proves itself only with a relay candidate.
    expect(unprovedResult('udp', { errors: 0, ended: true })).toBe('blocked');
    expect(unprovedResult('tls', { errors: 0, ended: true })).toBe('blocked');
  });

  it('says the call goes over port 443 when only TLS gets out', () => {
    expect(verdictOf({ direct: 'blocked', udp: 'blocked', tcp: 'blocked', tls: 'works' })).toBe(
      'tls_only',
    );
    expect(verdictOf({ direct: 'absent', udp: 'absent', tcp: 'absent', tls: 'works' })).toBe(
      'tls_only',
    );
  });

  it('prefers UDP, then TCP, then TLS', () => {
    expect(verdictOf(all('works'))).toBe('open');
    expect(verdictOf({ ...all('blocked'), direct: 'works' })).toBe('open');
    expect(verdictOf({ ...all('blocked'), udp: 'works' })).toBe('open');
    expect(verdictOf({ ...all('blocked'), tcp: 'works', tls: 'works' })).toBe('tcp_only');
  });

  it('tells "no way through" from "nothing to test against"', () => {
    expect(verdictOf(all('blocked'))).toBe('blocked');
    expect(verdictOf({ ...all('absent'), direct: 'blocked' })).toBe('blocked');
    expect(verdictOf(all('absent'))).toBe('untested');
  });

  it('reports outcomes only, never a server or a credential', () => {
    const paths = { direct: 'blocked', udp: 'blocked', tcp: 'blocked', tls: 'works' } as const;
    const report = connectivityReport(paths, [STUN, TURN]);
    expect(report).toEqual({ verdict: 'tls_only', paths, tls443: true });
    expect(connectivityReportSchema.safeParse(report).success).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/example\.org|c2VjcmV0|ada/);
  });

  it('refuses malformed reports', () => {
    const good = connectivityReport(all('works'), [TURN]);
    for (const bad of [
      { ...good, verdict: 'great' },
      { ...good, paths: { ...good.paths, tls: 'maybe' } },
      { ...good, paths: { direct: 'works' } },
      { ...good, server: 'turn.example.org' },
      { verdict: 'open', paths: good.paths },
    ]) {
      expect(connectivityReportSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
