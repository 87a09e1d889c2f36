// The public audience page under abuse: identities are the core's to give, votes count once,
// one phone's flood leaves room for the rest of its network, other sites cannot connect, and
// votes go out as merged deltas instead of whole states.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceAck, AudienceState } from '../../src/shared/protocol.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';

describe('audience page under abuse', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(extra: Parameters<typeof startTestCore>[0] = {}): Promise<TestCore> {
    const core = await startTestCore(extra);
    cleanups.push(() => core.dispose());
    // The page opens once the audience source has started; tests begin from there.
    await eventually(() =>
      expect(core.hub.get('sources').find((s) => s.id === 'audience')?.state).toBe('connected'),
    );
    const probe = io(new URL('/audience', core.url).toString(), {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve) => {
      probe.on('audience:state', (state: AudienceState) => {
        if (state.open) resolve();
      });
    });
    probe.close();
    return core;
  }

  /** An approved question the audience can vote for. */
  function approvedQuestion(core: TestCore, n = 1): string {
    const added = core.queue.ingest({
      platform: 'audience',
      platformId: `q-${n}`,
      author: { name: 'Guest', handle: null, avatarUrl: null, profileUrl: null },
      text: `What is question number ${n} about?`,
      createdAt: new Date().toISOString(),
      url: null,
    });
    if (added.outcome !== 'added') throw new Error('not added');
    core.queue.act({ type: 'approve', id: added.comment.id }, 'Mod');
    return added.comment.id;
  }

  interface Phone {
    socket: Socket;
    /** The identity the core issued on this connection, if any. */
    issued: string | null;
    state: AudienceState;
  }

  async function phone(
    core: TestCore,
    options: { device?: string; origin?: string } = {},
  ): Promise<Phone> {
    const socket = io(new URL('/audience', core.url).toString(), {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: options.device ? { device: options.device } : {},
      ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
    });
    cleanups.push(() => socket.close());
    let issued: string | null = null;
    socket.on('audience:device', (token: string) => (issued = token));
    const state = await new Promise<AudienceState>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('audience:state', resolve);
    });
    // The identity, when there is one, is sent before the state.
    return { socket, issued, state };
  }

  const vote = (p: Phone, id: string) =>
    p.socket.timeout(5000).emitWithAck('audience:vote', { id }) as Promise<AudienceAck>;
  const ask = (p: Phone, text: string) =>
    p.socket.timeout(5000).emitWithAck('audience:ask', { text }) as Promise<AudienceAck>;
  const votesOf = (core: TestCore, id: string) => core.queue.get(id)?.votes;

  it('gives a script that asks for new identities in a loop no extra votes or questions', async () => {
    // Six at once: one goes to the set-up's own probe.
    const core = await setup({ deviceIssuing: { burst: 6, perSecond: 0.001 } });
    const id = approvedQuestion(core);
    const answers: AudienceAck[] = [];
    let issued = 0;
    for (let i = 0; i < 30; i += 1) {
      const p = await phone(core);
      if (p.issued) issued += 1;
      answers.push(await vote(p, id));
      answers.push(await ask(p, `Script question number ${i}?`));
      p.socket.close();
    }
    expect(issued).toBe(5);
    expect(votesOf(core, id)).toBe(5);
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    const refused = answers.filter((a): a is Extract<AudienceAck, { ok: false }> => !a.ok);
    expect(refused.every((a) => a.message.code === 'audience.no_device')).toBe(true);
    // A made-up identity is no identity either.
    const forged = await phone(core, { device: 'AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.issued).toBeNull();
    expect(await vote(forged, id)).toMatchObject({
      ok: false,
      message: { code: 'audience.no_device' },
    });
  });

  it('counts 1,000 votes from one phone once per question, and the phone keeps its identity', async () => {
    const core = await setup();
    const id = approvedQuestion(core);
    const first = await phone(core);
    expect(first.issued).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    const answers = await Promise.all(Array.from({ length: 1000 }, () => vote(first, id)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(votesOf(core, id)).toBe(1);
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM votes').get()).toEqual({ n: 1 });
    // Back with its saved identity: the same phone, so still one vote.
    first.socket.close();
    const again = await phone(core, { device: first.issued ?? '' });
    expect(again.issued).toBeNull();
    expect(await vote(again, id)).toMatchObject({
      ok: false,
      message: { code: 'audience.already_voted' },
    });
    expect(votesOf(core, id)).toBe(1);
  });

  it('lets a second phone on the same network ask and vote while the first floods', async () => {
    const core = await setup();
    const ids = Array.from({ length: 60 }, (_, i) => approvedQuestion(core, i));
    const flooder = await phone(core);
    const other = await phone(core);
    const flood = await Promise.all([
      ...Array.from({ length: 300 }, (_, i) => ask(flooder, `Flood question ${i}?`)),
      ...ids.map((id) => vote(flooder, id)),
    ]);
    expect(flood.filter((a) => a.ok).length).toBeLessThan(30);
    expect(await ask(other, 'May I ask something too?')).toEqual({ ok: true });
    expect(await vote(other, ids[59] ?? '')).toEqual({ ok: true });
  });

  it('refuses a connection from another website, and takes one from its own page', async () => {
    const core = await setup({ publicUrl: 'https://show.example.org' });
    await expect(phone(core, { origin: 'https://evil.example' })).rejects.toThrow('cross_origin');
    expect(core.hub.get('diagnostics').rejectedInputs.audience).toBeGreaterThan(0);
    const own = new URL(core.url).origin;
    expect((await phone(core, { origin: own })).state.open).toBe(true);
    expect((await phone(core, { origin: 'https://show.example.org' })).state.open).toBe(true);
    // A page with an origin that is not even a URL is not ours either.
    await expect(phone(core, { origin: 'null' })).rejects.toThrow('cross_origin');
  });

  it('sends vote changes as merged deltas, not whole states', async () => {
    const core = await setup();
    const listener = await phone(core);
    const id = approvedQuestion(core);
    const deltas: Record<string, number>[] = [];
    let latest = listener.state;
    let states = 0;
    listener.socket.on('audience:votes', (d: Record<string, number>) => deltas.push(d));
    listener.socket.on('audience:state', (state: AudienceState) => {
      latest = state;
      states += 1;
    });
    await eventually(() => expect(latest.questions.map((q) => q.id)).toContain(id));
    states = 0;
    const voters = await Promise.all(Array.from({ length: 20 }, () => phone(core)));
    await Promise.all(voters.map((v) => vote(v, id)));
    await eventually(() => expect(deltas.at(-1)).toEqual({ [id]: 20 }));
    expect(deltas.length).toBeLessThan(20);
    expect(states).toBe(0);
  });
});
