// The /guest namespace against a real core: who may connect as what, that signals only travel
// along links the room decided, that bad messages are refused and counted without harm, and the
// TURN credentials in coturn's REST API format.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { RoomFeed, RoomLink, RoomWelcome } from '../../src/shared/guest-room.js';
import { turnCredentials } from '../../src/guests/turn-credentials.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl } from '../helpers/sockets.js';

function connectGuestRoom(
  core: TestCore,
  auth: Record<string, unknown>,
  headers: Record<string, string> = {},
): Socket {
  return io(new URL('/guest', core.url).toString(), {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
}

/** Connects and waits for the welcome, or rejects with the refusal code. */
function joined(socket: Socket): Promise<RoomWelcome> {
  return new Promise((resolve, reject) => {
    socket.once('room:welcome', resolve);
    socket.once('connect_error', (error) => reject(new Error(error.message)));
  });
}

function linksOf(socket: Socket): { latest: RoomLink[] } {
  const seen = { latest: [] as RoomLink[] };
  socket.on('room:links', (links: RoomLink[]) => {
    seen.latest = links;
  });
  return seen;
}

/** A connection check where every way out works. */
const WORKS = { direct: 'works', udp: 'works', tcp: 'works', tls: 'works' };

const rejected = (core: TestCore): number => core.hub.get('diagnostics').rejectedInputs.guest ?? 0;

describe('guest room signalling', () => {
  let core: TestCore;
  let ids: string[];
  const sockets: Socket[] = [];
  const open = (auth: Record<string, unknown>, headers?: Record<string, string>): Socket => {
    const socket = connectGuestRoom(core, auth, headers);
    sockets.push(socket);
    return socket;
  };
  const invite = async (id: string): Promise<string> => {
    const result = await api(core, 'POST', `/api/guests/${id}/invite`);
    expect(result.status).toBe(200);
    const link = (result.body as { link: string }).link;
    expect(link).toMatch(new RegExp(`^${core.url}join/[A-Za-z0-9_-]{20,}$`));
    return link.split('/join/')[1] ?? '';
  };

  beforeAll(async () => {
    core = await startTestCore();
    await api(core, 'PUT', '/api/guests', {
      body: {
        guests: [
          { name: 'Ada Lovelace', role: 'Mathematician' },
          { name: 'Grace Hopper', role: 'Admiral' },
        ],
      },
    });
    ids = core.hub.get('guests').map((g) => g.id);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await core.dispose();
  });

  it('admits a guest by invite and relays signals only along their links', async () => {
    const [ada, grace] = [await invite(ids[0] ?? ''), await invite(ids[1] ?? '')];
    expect(core.hub.get('room').guests.map((g) => g.state)).toEqual(['invited', 'invited']);
    const a = open({ kind: 'guest', invite: ada });
    const b = open({ kind: 'guest', invite: grace });
    const [wa, wb] = await Promise.all([joined(a), joined(b)]);
    expect(wa).toMatchObject({ id: ids[0], kind: 'guest', name: 'Ada Lovelace' });
    expect(wb.id).toBe(ids[1]);
    expect(core.hub.get('room').guests.map((g) => g.state)).toEqual(['joining', 'joining']);
    const la = linksOf(a);
    const lb = linksOf(b);
    await a.emitWithAck('room:ready', { name: 'Ada', role: 'Mathematician' });
    await b.emitWithAck('room:ready', { name: 'Grace', role: 'Admiral' });
    await expect.poll(() => la.latest.length).toBe(1);
    await expect.poll(() => lb.latest.length).toBe(1);
    expect(la.latest[0]?.id).toBe(lb.latest[0]?.id);
    expect(la.latest[0]?.offerer).not.toBe(lb.latest[0]?.offerer);
    expect(core.hub.get('room').guests.map((g) => g.state)).toEqual(['green', 'green']);

    const got = new Promise((resolve) => b.once('room:signal', resolve));
    const offer = { link: la.latest[0]?.id, description: { type: 'offer', sdp: 'v=0\r\n' } };
    expect(await a.emitWithAck('room:signal', offer)).toEqual({ ok: true });
    expect(await got).toEqual(offer);

    const before = rejected(core);
    const forged = await a.emitWithAck('room:signal', { ...offer, link: 'someone~else' });
    expect(forged).toMatchObject({ ok: false, message: { code: 'room.no_link' } });
    expect(rejected(core)).toBe(before + 1);
  });

  it('refuses, counts and survives malformed messages', async () => {
    const token = await invite(ids[0] ?? '');
    const a = open({ kind: 'guest', invite: token });
    await joined(a);
    const before = rejected(core);
    const bad: [string, unknown][] = [
      ['room:signal', { link: 'x', description: { type: 'rollback', sdp: 'v=0' } }],
      ['room:signal', { link: 'x', candidate: { candidate: 'c', sdpMid: 1, sdpMLineIndex: 0 } }],
      ['room:signal', 'not an object'],
      ['room:ready', { name: '', role: 'x' }],
      ['room:ready', { name: 'A', role: 'x', extra: true }],
      ['room:stats', { rttMs: -5, lossPct: 0, kbps: 1, width: 640, height: 360 }],
      ['room:stats', { rttMs: 5, lossPct: 0, kbps: 1, width: 640 }],
      ['room:talk', { text: 'x'.repeat(501) }],
      ['room:talk', { text: '   ' }],
      ['room:connectivity', { verdict: 'fine', paths: WORKS, tls443: true }],
      ['room:connectivity', { verdict: 'open', paths: { direct: 'works' }, tls443: true }],
      ['room:connectivity', { verdict: 'open', paths: WORKS, tls443: true, url: 'turn:x' }],
      ['room:stage', { guestId: ids[0] }],
      ['__proto__', {}],
    ];
    for (const [event, payload] of bad) {
      const result = (await a.emitWithAck(event, payload)) as { ok: boolean };
      expect(result.ok, event).toBe(false);
    }
    a.emit('room:signal', { link: 'no ack' });
    await expect.poll(() => rejected(core)).toBe(before + bad.length + 1);
    expect(await a.emitWithAck('room:ready', { name: 'Ada', role: 'Maths' })).toEqual({ ok: true });
    const quality = { rttMs: 42, lossPct: 0.5, kbps: 900, width: 640, height: 360 };
    expect(await a.emitWithAck('room:stats', quality)).toEqual({ ok: true });
    expect(core.hub.get('room').guests[0]?.quality).toEqual(quality);
  });

  it('shows the director panel the connection check a guest’s page reports, before Ready', async () => {
    const a = open({ kind: 'guest', invite: await invite(ids[0] ?? '') });
    await joined(a);
    expect(core.hub.get('room').guests[0]?.connectivity).toBeNull();
    const report = {
      verdict: 'tls_only',
      paths: { direct: 'blocked', udp: 'blocked', tcp: 'blocked', tls: 'works' },
      tls443: true,
    };
    expect(await a.emitWithAck('room:connectivity', report)).toEqual({ ok: true });
    expect(core.hub.get('room').guests[0]).toMatchObject({
      state: 'joining',
      connectivity: report,
    });
  });

  it('slows down a page that floods the room, and keeps it connected', async () => {
    const a = open({ kind: 'guest', invite: await invite(ids[0] ?? '') });
    await joined(a);
    const candidate = { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0' };
    const answers = (await Promise.all(
      Array.from({ length: 600 }, () =>
        a.emitWithAck('room:signal', {
          link: 'x~y',
          candidate: { ...candidate, sdpMLineIndex: 0 },
        }),
      ),
    )) as { ok: false; message: { code: string } }[];
    const codes = answers.map((answer) => answer.message.code);
    expect(codes.filter((code) => code === 'room.no_link').length).toBeGreaterThanOrEqual(400);
    expect(codes.filter((code) => code === 'room.too_fast').length).toBeGreaterThan(100);
    expect(a.connected).toBe(true);
  });

  it('enforces roles: stage pages watch, guests cannot direct, revoked links stop', async () => {
    const stage = open({ kind: 'stage', feed: null });
    await joined(stage);
    const refusedReady = await stage.emitWithAck('room:ready', { name: 'Stage', role: '' });
    expect(refusedReady).toMatchObject({ ok: false, message: { code: 'room.not_participant' } });
    const stats = { rttMs: 1, lossPct: 0, kbps: 1, width: null, height: null };
    expect(await stage.emitWithAck('room:stats', stats)).toMatchObject({ ok: false });
    expect(await stage.emitWithAck('room:talk', { text: 'hi' })).toMatchObject({ ok: false });
    const check = { verdict: 'open', paths: WORKS, tls443: false };
    expect(await stage.emitWithAck('room:connectivity', check)).toMatchObject({ ok: false });
    // From a foreign page, nobody connects; a guest's token gets no director intents.
    const foreign = open({ kind: 'stage', feed: null }, { origin: 'https://evil.example' });
    await expect(joined(foreign)).rejects.toThrow('cross_origin');
    const token = await invite(ids[1] ?? '');
    // The invite does not open the control screens at all, and REST refuses its intents.
    await expect(connectControl(core.url, { token })).rejects.toThrow('token rejected');
    const stageIntent = await api(core, 'PUT', `/api/guests/${ids[1]}/stage`, {
      token,
      body: { on: true },
    });
    expect(stageIntent.status).toBe(403);
    await expect(joined(open({ kind: 'host', token: 'wrong-token' }))).rejects.toThrow(
      'not_allowed',
    );
    const host = open({ kind: 'host', token: core.token });
    expect((await joined(host)).kind).toBe('host');
    // The producer removes the guest: the open page is told, the link is dead.
    const guest = open({ kind: 'guest', invite: token });
    await joined(guest);
    const removed = new Promise((resolve) => guest.once('room:removed', resolve));
    expect((await api(core, 'DELETE', `/api/guests/${ids[1]}/invite`)).status).toBe(200);
    await removed;
    await expect(joined(open({ kind: 'guest', invite: token }))).rejects.toThrow('invite_invalid');
    // Revoked under People in Settings: the same.
    const again = await invite(ids[1] ?? '');
    const people = (await api(core, 'GET', '/api/people')).body as {
      people: { id: string; name: string; role: string }[];
    };
    const person = people.people.find((p) => p.role === 'guest' && p.name === 'Grace Hopper');
    const guestPage = open({ kind: 'guest', invite: again });
    await joined(guestPage);
    const closed = new Promise((resolve) => guestPage.once('room:removed', resolve));
    expect((await api(core, 'DELETE', `/api/people/${person?.id}`)).status).toBe(200);
    await closed;
    expect(core.hub.get('room').guests[1]?.state).not.toBe('invited');
    await expect(joined(open({ kind: 'guest', invite: again }))).rejects.toThrow('invite_invalid');
    await expect(joined(open({ kind: 'guest', invite: 'x'.repeat(30) }))).rejects.toThrow(
      'invite_invalid',
    );
  });

  it('lets producers and moderators watch thumbnails, never a guest', async () => {
    const token = await invite(ids[0] ?? '');
    const guest = open({ kind: 'guest', invite: token });
    const guestLinks = linksOf(guest);
    await joined(guest);
    // A guest's invite, a wrong token, a stage page's way in: no thumbnails.
    for (const auth of [
      { kind: 'monitor', token },
      { kind: 'monitor', token: 'wrong-token' },
      { kind: 'monitor' },
    ]) {
      await expect(joined(open(auth))).rejects.toThrow('not_allowed');
    }
    const added = await api(core, 'POST', '/api/people', {
      body: { name: 'Mo Derator', role: 'moderator' },
    });
    const moderator = new URL((added.body as { link: string }).link).searchParams.get('token');
    const monitor = open({ kind: 'monitor', token: moderator ?? '' });
    const monitorLinks = linksOf(monitor);
    expect(await joined(monitor)).toMatchObject({ kind: 'monitor', id: /^monitor:/ });
    // Joining, not ready: the panel already receives the guest's picture, and sends nothing.
    await expect
      .poll(() => monitorLinks.latest.map((l) => [l.peer.id, l.send, l.receive, l.offerer]))
      .toEqual([[ids[0], false, true, false]]);
    await expect
      .poll(() => guestLinks.latest.map((l) => [l.peer.kind, l.send, l.receive, l.offerer]))
      .toEqual([['monitor', true, false, true]]);
    expect(core.hub.get('room').monitors).toBe(1);
    // It only watches: no "Ready", no stats, no connection check, no talkback.
    expect(await monitor.emitWithAck('room:ready', { name: 'M', role: '' })).toMatchObject({
      ok: false,
      message: { code: 'room.not_participant' },
    });
    const stats = { rttMs: 1, lossPct: 0, kbps: 1, width: null, height: null };
    expect(await monitor.emitWithAck('room:stats', stats)).toMatchObject({ ok: false });
    const check = { verdict: 'open', paths: WORKS, tls443: false };
    expect(await monitor.emitWithAck('room:connectivity', check)).toMatchObject({ ok: false });
    expect(await monitor.emitWithAck('room:talk', { text: 'hi' })).toMatchObject({ ok: false });
    // Signals pass along the thumbnail link, both ways, and nowhere else.
    const offer = {
      link: guestLinks.latest[0]?.id,
      description: { type: 'offer', sdp: 'v=0\r\n' },
    };
    const got = new Promise((resolve) => monitor.once('room:signal', resolve));
    expect(await guest.emitWithAck('room:signal', offer)).toEqual({ ok: true });
    expect(await got).toEqual(offer);
    // At most four panels: each one costs every guest an upload.
    const more = [1, 2, 3].map(() => open({ kind: 'monitor', token: core.token }));
    await Promise.all(more.map(joined));
    await expect(joined(open({ kind: 'monitor', token: core.token }))).rejects.toThrow('room_full');
    for (const socket of [monitor, ...more]) socket.close();
    await expect.poll(() => core.hub.get('room').monitors).toBe(0);
    await expect.poll(() => guestLinks.latest).toEqual([]);
  });

  it('sends each guest a return feed: who is on stage, the question on air, cues', async () => {
    const a = open({ kind: 'guest', invite: await invite(ids[0] ?? '') });
    const feeds: RoomFeed[] = [];
    a.on('room:feed', (feed: RoomFeed) => feeds.push(feed));
    await joined(a);
    await a.emitWithAck('room:ready', { name: 'Ada', role: 'Maths' });
    expect(
      (await api(core, 'PUT', `/api/guests/${ids[0]}/stage`, { body: { on: true } })).status,
    ).toBe(200);
    await expect.poll(() => feeds.at(-1)?.onStage).toEqual(['Ada']);
    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'x',
        platformId: 'feed-1',
        author: { name: 'Dana', handle: 'dana', avatarUrl: null, profileUrl: null },
        text: 'What does the engine compute?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const id = (added.body as { comment: { id: string } }).comment.id;
    expect((await api(core, 'POST', `/api/comments/${id}/air`)).status).toBe(200);
    await expect
      .poll(() => feeds.at(-1)?.onAir)
      .toEqual({ text: 'What does the engine compute?', author: 'Dana' });
    const cued = await api(core, 'POST', `/api/guests/${ids[0]}/cue`, { body: { cue: 'wrap_up' } });
    expect(cued.status).toBe(200);
    await expect.poll(() => feeds.at(-1)?.cue?.kind).toBe('wrap_up');
    // Text talkback both ways.
    expect(await a.emitWithAck('room:talk', { text: 'Can you hear me?' })).toEqual({ ok: true });
    const reply = await api(core, 'POST', `/api/guests/${ids[0]}/talk`, {
      body: { text: 'Loud and clear' },
    });
    expect(reply.status).toBe(200);
    await expect
      .poll(() => feeds.at(-1)?.talk.map((line) => `${line.from}: ${line.text}`))
      .toEqual(['guest: Can you hear me?', 'producer: Loud and clear']);
    expect(core.hub.get('room').talk.map((line) => line.guestId)).toEqual([ids[0], ids[0]]);
    // A guest not in the room cannot be cued.
    const absent = await api(core, 'POST', `/api/guests/${ids[1]}/cue`, {
      body: { cue: 'unmute' },
    });
    expect(absent.status).toBe(409);
  });

  it('gives TURN credentials in coturn’s REST API format and keeps the secret', async () => {
    const secret = 'coturn-shared-secret-42';
    const configured = await api(core, 'PUT', '/api/room/ice', {
      body: {
        stun: ['stun:stun.example.org:3478'],
        turn: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443'],
        turnSecret: secret,
        turnTtlMin: 60,
      },
    });
    expect(configured.status).toBe(200);
    const host = open({ kind: 'host', token: core.token });
    const welcome = await joined(host);
    expect(welcome.iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    const turn = welcome.iceServers[1];
    const [expiry, name] = (turn?.username ?? '').split(':');
    const now = Date.now() / 1000;
    expect(Number(expiry)).toBeGreaterThan(now + 59 * 60);
    expect(Number(expiry)).toBeLessThanOrEqual(now + 60 * 60 + 1);
    expect(name).toMatch(/^host-[0-9a-f]{6}$/);
    const expected = crypto
      .createHmac('sha1', secret)
      .update(turn?.username ?? '')
      .digest();
    expect(turn?.credential).toBe(expected.toString('base64'));
    expect(JSON.stringify(welcome)).not.toContain(secret);
    expect(JSON.stringify(core.hub.snapshot())).not.toContain(secret);
    expect(turnCredentials('s', 'g', 10, 1_000_000)).toEqual({
      username: '1010:g',
      expiresAt: 1010,
      credential: crypto.createHmac('sha1', 's').update('1010:g').digest('base64'),
    });
  });
});
