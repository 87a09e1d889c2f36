// The room through the public origin (a TLS proxy in front of the core): a guest's join page and
// the /guest socket are reachable there, with their invite; the stage page, which sees every
// guest, and the host's way in stay on this computer.
import http from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

const PUBLIC = 'https://talk.example.org/';

describe('the guest room behind a public URL', () => {
  let core: TestCore;
  let invite: string;
  beforeAll(async () => {
    core = await startTestCore({ publicUrl: PUBLIC });
    await api(core, 'PUT', '/api/guests', { body: { guests: [{ name: 'Ada', role: 'Maths' }] } });
    const id = core.hub.get('guests')[0]?.id ?? '';
    const link = (await api(core, 'POST', `/api/guests/${id}/invite`)).body as { link: string };
    expect(link.link.startsWith(`${PUBLIC}join/`)).toBe(true);
    invite = link.link.slice(`${PUBLIC}join/`.length);
  });
  afterAll(() => core.dispose());

  const status = (path: string, host: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get(new URL(path, core.url), { headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });

  const connect = (auth: Record<string, unknown>, host: string): Promise<string> =>
    new Promise((resolve) => {
      const socket = io(new URL('/guest', core.url).toString(), {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth,
        extraHeaders: { host, origin: `https://${host}` },
      });
      socket.once('room:welcome', () => {
        socket.close();
        resolve('welcome');
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve(error.message);
      });
    });

  it('serves a guest their join page there, and not the stage or the host page', async () => {
    expect(await status(`/join/${invite}`, 'talk.example.org')).toBe(200);
    expect(await status('/stage', 'talk.example.org')).toBe(403);
    expect(await status('/feed/x', 'talk.example.org')).toBe(403);
    expect(await status('/room', 'talk.example.org')).toBe(403);
    expect(await status('/stage', `127.0.0.1:${core.port}`)).toBe(200);
  });

  it('admits the invited guest there, and refuses a stage page and the host', async () => {
    expect(await connect({ kind: 'guest', invite }, 'talk.example.org')).toBe('welcome');
    expect(await connect({ kind: 'stage', feed: null }, 'talk.example.org')).toBe('not_allowed');
    expect(await connect({ kind: 'host', token: core.token }, 'talk.example.org')).toBe(
      'not_allowed',
    );
    expect(await connect({ kind: 'host', token: core.token }, `127.0.0.1:${core.port}`)).toBe(
      'welcome',
    );
  });
});
