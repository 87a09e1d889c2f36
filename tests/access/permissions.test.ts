// Every intent and every REST route against every role: allowed, or 403 with a reason code, the
// same over the socket and over REST. A revoked person is cut off on their open socket at once,
// and a personal link is traded for a session cookie.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlIntentSchemas } from '../../src/shared/control-intents.js';
import type { ControlIntentName } from '../../src/shared/protocol.js';
import { INTENT_ROLES, ROLES, type Role } from '../../src/shared/roles.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl, eventually, type ControlClient } from '../helpers/sockets.js';

const INTENTS = Object.keys(controlIntentSchemas) as ControlIntentName[];
const MODERATOR_MAY = new Set<ControlIntentName>([
  'state:get',
  'comments:subscribe',
  'comments:unsubscribe',
  'comments:add',
  'queue:addByHand',
  'queue:approve',
  'queue:reject',
  'queue:restore',
  'queue:pin',
  'queue:unpin',
  'queue:air',
  'queue:done',
  'queue:ungroup',
  'queue:move',
  'queue:next',
  'queue:clearAir',
  'queue:undo',
  'queue:setBlocklist',
  'shows:list',
  'shows:get',
  'shows:report',
]);

/** What the issue asks, written out independently of the table in src/shared/roles.ts. */
function expected(role: Role, intent: ControlIntentName): boolean {
  if (role === 'producer') return true;
  if (role === 'moderator') return MODERATOR_MAY.has(intent);
  return false;
}

interface Refusal {
  ok: false;
  message: { code: string; params: Record<string, unknown> } | null;
}

describe('people and roles', () => {
  let core: TestCore;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;
  const clients = {} as Record<Role, ControlClient>;

  beforeAll(async () => {
    core = await startTestCore();
    for (const role of ROLES) {
      const added = await api(core, 'POST', '/api/people', { body: { name: `Ana ${role}`, role } });
      expect(added.status).toBe(200);
      const body = added.body as { person: { id: string }; link: string };
      ids[role] = body.person.id;
      tokens[role] = new URL(body.link).searchParams.get('token') ?? '';
      if (role !== 'guest') clients[role] = await connectControl(core.url, { token: tokens[role] });
    }
  });
  afterAll(async () => {
    for (const client of Object.values(clients)) client.close();
    await core.dispose();
  });

  it('the table says for every intent what the issue asks of each role', () => {
    for (const intent of INTENTS) {
      for (const role of ROLES) {
        expect(INTENT_ROLES[intent].includes(role), `${role} ${intent}`).toBe(
          expected(role, intent),
        );
      }
    }
  });

  it('keeps a guest off the control screens: no socket, so no show state', async () => {
    await expect(connectControl(core.url, { token: tokens.guest })).rejects.toThrow(
      'token rejected',
    );
    const state = await api(core, 'GET', '/api/state', { token: tokens.guest });
    expect(state.status).toBe(403);
  });

  it('refuses over the socket, with a reason code, what a role may not do', async () => {
    for (const role of ROLES.filter((r) => r !== 'guest')) {
      for (const intent of INTENTS) {
        const answer = (await clients[role].request(intent, {})) as { ok: boolean } | Refusal;
        const forbidden = !answer.ok && (answer as Refusal).message?.code === 'access.forbidden';
        expect(forbidden, `${role} ${intent}`).toBe(!expected(role, intent));
      }
    }
  });

  it('refuses over REST with 403 and the same code, route by route', async () => {
    const routes = core.routes.filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const intent = route.access as ControlIntentName;
      const path = route.path.replace(/:(\w+)/g, 'x');
      for (const role of ROLES) {
        const answer = await api(core, route.method, path, {
          token: tokens[role],
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }),
        });
        const allowed = expected(role, intent);
        if (allowed) {
          expect(answer.status, `${role} ${route.method} ${route.path}`).not.toBe(403);
        } else {
          expect(answer.status, `${role} ${route.method} ${route.path}`).toBe(403);
          expect((answer.body as { message: { code: string } }).message.code).toBe(
            'access.forbidden',
          );
        }
      }
    }
  });

  it('records the person who acted, by name', async () => {
    const added = await api(core, 'POST', '/api/comments', {
      token: tokens.moderator,
      body: {
        platform: 'audience',
        platformId: 'who-1',
        author: { name: 'Viewer', handle: null, avatarUrl: null, profileUrl: null },
        text: 'Who approves this?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const id = (added.body as { comment: { id: string } }).comment.id;
    await clients.moderator.request('queue:approve', { id });
    const row = core.db
      .prepare("SELECT actor FROM actions WHERE action = 'queue:approve' ORDER BY id DESC")
      .get() as { actor: string };
    expect(row.actor).toBe('Ana moderator');
  });

  it('never lists a token, and stores only its hash', async () => {
    const listed = await api(core, 'GET', '/api/people');
    const text = JSON.stringify(listed.body);
    for (const token of Object.values(tokens)) expect(text).not.toContain(token);
    const stored = JSON.stringify(core.db.prepare('SELECT * FROM people').all());
    for (const token of Object.values(tokens)) expect(stored).not.toContain(token);
  });

  it('trades a personal link for an HttpOnly cookie and sends the browser on without it', async () => {
    const link = new URL(`/login?token=${encodeURIComponent(tokens.moderator)}`, core.url);
    const response = await fetch(link, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/moderator');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const bad = await fetch(new URL('/login?token=nope', core.url), { redirect: 'manual' });
    expect(bad.status).toBe(401);
  });

  it('takes the session cookie only from a page of its own origin', async () => {
    const link = new URL(`/login?token=${encodeURIComponent(tokens.producer)}`, core.url);
    const cookie =
      ((await fetch(link, { redirect: 'manual' })).headers.get('set-cookie') ?? '').split(';')[0] ??
      '';
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = io(new URL('/control', core.url).toString(), {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie, origin },
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
    expect(await connect(new URL(core.url).origin)).toBe('connected');
    // Another site (or another local app on another port) open in the same browser.
    expect(await connect('http://127.0.0.1:9')).not.toBe('connected');
    expect(await connect('https://evil.example')).not.toBe('connected');
  });

  it('cuts a revoked person off at once, on their open socket and their link', async () => {
    const moderator = clients.moderator;
    const closed = new Promise<void>((resolve) =>
      moderator.socket.once('disconnect', () => resolve()),
    );
    const revoked = await api(core, 'DELETE', `/api/people/${ids.moderator}`);
    expect(revoked.status).toBe(200);
    await closed;
    await expect(connectControl(core.url, { token: tokens.moderator })).rejects.toThrow();
    expect((await api(core, 'GET', '/api/state', { token: tokens.moderator })).status).toBe(401);
    // The others are untouched.
    await eventually(() => expect(clients.producer.socket.connected).toBe(true));
    expect((await api(core, 'GET', '/api/people/x'.replace('/x', ''))).status).toBe(200);
  });
});
