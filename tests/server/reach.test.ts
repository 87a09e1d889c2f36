// Reach from outside: the public origin serves the audience page only, control stays local, and
// a client's address is taken from X-Forwarded-For only when a trusted proxy sent it.
import http from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parsePublicUrl, parseTrustProxy } from '../../src/config.js';
import { Reach } from '../../src/server/reach.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

const PUBLIC = 'https://talk.example.org/';

describe('Reach, pure', () => {
  const reach = new Reach({
    lan: false,
    publicUrl: PUBLIC,
    trustProxy: ['10.0.0.1'],
    publicControl: false,
  });

  it('tells local, public and foreign requests apart by Host', () => {
    expect(reach.arrival('127.0.0.1:7878')).toBe('local');
    expect(reach.arrival('localhost')).toBe('local');
    expect(reach.arrival('talk.example.org')).toBe('public');
    expect(reach.arrival('TALK.example.org')).toBe('public');
    expect(reach.arrival('evil.example.com')).toBe('refused');
    expect(reach.arrival(undefined)).toBe('refused');
  });

  it('serves only the audience page through the public origin', () => {
    expect(reach.allows('public', '/audience')).toBe(true);
    expect(reach.allows('public', '/assets/audience-1.js')).toBe(true);
    expect(reach.allows('public', '/api/health')).toBe(true);
    for (const path of ['/', '/producer', '/moderator', '/settings', '/api/state', '/login']) {
      expect(reach.allows('public', path), path).toBe(false);
    }
    expect(reach.allowsNamespace('public', '/audience')).toBe(true);
    expect(reach.allowsNamespace('public', '/control')).toBe(false);
    expect(reach.allows('local', '/producer')).toBe(true);
  });

  it('believes X-Forwarded-For only from the trusted proxy', () => {
    expect(reach.clientAddress('::ffff:10.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
    // A client that forges the header through the proxy: the proxy appends the real address.
    expect(reach.clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(reach.clientAddress('198.51.100.4', '1.2.3.4')).toBe('198.51.100.4');
    expect(reach.clientAddress('10.0.0.1', undefined)).toBe('10.0.0.1');
  });

  it('checks the flags', () => {
    expect(parsePublicUrl('https://talk.example.org')).toBe(PUBLIC);
    expect(() => parsePublicUrl('http://talk.example.org')).toThrow(ConfigError);
    expect(() => parsePublicUrl('https://talk.example.org/?x=1')).toThrow(ConfigError);
    expect(parseTrustProxy('10.0.0.1, ::1')).toEqual(['10.0.0.1', '::1']);
    expect(() => parseTrustProxy('proxy.local')).toThrow(ConfigError);
  });
});

describe('a core with a public URL', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await startTestCore({ publicUrl: PUBLIC, trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => core.dispose());

  /** fetch() will not send another Host header, so this speaks HTTP itself. */
  const status = (path: string, host: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get(
        new URL(path, core.url),
        { headers: { host, authorization: `Bearer ${core.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
    });

  it('answers the public Host with the audience page and refuses control through it', async () => {
    expect(await status('/api/health', 'talk.example.org')).toBe(200);
    expect(await status('/audience', 'talk.example.org')).not.toBe(403);
    expect(await status('/api/state', 'talk.example.org')).toBe(403);
    expect(await status('/producer', 'talk.example.org')).toBe(403);
    expect((await api(core, 'GET', '/api/state')).status).toBe(200);
    expect(await status('/api/state', 'evil.test')).toBe(421);
  });

  it('tells the screens the public address of the audience page, for links and QR codes', async () => {
    const state = (await api(core, 'GET', '/api/state')).body as { app: { audienceUrl: string } };
    expect(state.app.audienceUrl).toBe(`${PUBLIC}audience`);
  });

  it('lets the audience socket in through the public Host, and not the control socket', async () => {
    const connect = (namespace: string, auth: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = io(new URL(namespace, core.url).toString(), {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth,
          extraHeaders: { host: 'talk.example.org' },
        });
        socket.once('connect', () => {
          socket.close();
          resolve('connected');
        });
        socket.once('connect_error', (error) => {
          socket.close();
          resolve(error.message);
        });
      });
    expect(await connect('/audience', {})).toBe('connected');
    expect(await connect('/control', { token: core.token })).toBe('not_here');
  });
});

describe('audience limits behind a trusted proxy', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await startTestCore({
      trustProxy: ['127.0.0.1'],
      audienceLimits: { perDeviceGapSec: 0, perDeviceMax: 100, perAddressMax: 2, windowSec: 600 },
    });
  });
  afterAll(() => core.dispose());

  const ask = (forwardedFor: string, device: string, n: number) =>
    new Promise<{ ok: boolean; message?: { code: string } }>((resolve, reject) => {
      const socket = io(new URL('/audience', core.url).toString(), {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { device },
        extraHeaders: { 'x-forwarded-for': forwardedFor },
      });
      socket.once('connect_error', reject);
      socket.once('connect', () => {
        socket
          .timeout(3000)
          .emitWithAck('audience:ask', { name: 'Phone', text: `Frage Nummer ${n} an das Podium?` })
          .then((answer: { ok: boolean; message?: { code: string } }) => {
            socket.close();
            resolve(answer);
          }, reject);
      });
    });

  it('counts each phone by its own address, not the proxy’s', async () => {
    // Two questions use up the first network's budget …
    expect((await ask('198.51.100.1', 'device-aaaaaaaa', 1)).ok).toBe(true);
    expect((await ask('198.51.100.1', 'device-bbbbbbbb', 2)).ok).toBe(true);
    expect(await ask('198.51.100.1', 'device-cccccccc', 3)).toMatchObject({
      ok: false,
      message: { code: 'audience.network_limit' },
    });
    // … while a phone on another network behind the same proxy still gets through.
    expect((await ask('203.0.113.5', 'device-dddddddd', 4)).ok).toBe(true);
  });
});
