import { afterEach, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import type { IncomingComment } from '../../src/shared/comment-schema.js';
import type { OverlayState } from '../../src/shared/protocol.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl, connectPublic, eventually, nextEvent } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let seq = 0;
export function incoming(text: string, extra: Partial<IncomingComment> = {}): IncomingComment {
  seq += 1;
  return {
    platform: 'test',
    platformId: `t-${seq}-${Math.random().toString(36).slice(2)}`,
    author: { name: `Viewer ${seq}`, handle: `viewer${seq}`, avatarUrl: null, profileUrl: null },
    text,
    createdAt: new Date().toISOString(),
    url: null,
    ...extra,
  };
}

async function add(
  core: TestCore,
  text: string,
  extra: Partial<IncomingComment> = {},
): Promise<Comment> {
  const res = await api(core, 'POST', '/api/comments', { body: incoming(text, extra) });
  expect(res.status).toBe(201);
  return (res.body as { comment: Comment }).comment;
}

async function state(core: TestCore): Promise<ShowState> {
  return (await api(core, 'GET', '/api/state')).body as ShowState;
}

describe('moderation queue over REST and sockets', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function core(options: Parameters<typeof startTestCore>[0] = {}): Promise<TestCore> {
    const c = await startTestCore(options);
    cleanups.push(() => c.dispose());
    return c;
  }

  it('takes comments once, classifies them, and refuses malformed ones with a reason', async () => {
    const c = await core();
    const body = incoming('How do you fund open source? see https://example.org');
    const first = await api(c, 'POST', '/api/comments', { body });
    expect(first.status).toBe(201);
    const comment = (first.body as { comment: Comment }).comment;
    expect(comment).toMatchObject({
      status: 'incoming',
      flags: { question: true, link: true, superchat: null },
      text: body.text,
    });
    const again = await api(c, 'POST', '/api/comments', { body });
    expect(again).toMatchObject({
      status: 200,
      body: { ok: true, duplicate: true, comment: null },
    });

    const bad = await api(c, 'POST', '/api/comments', {
      body: {
        ...incoming('x'),
        author: { name: '', handle: null, avatarUrl: 'javascript:alert(1)', profileUrl: null },
      },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toMatch(/author\.(name|avatarUrl)/);
    expect((await state(c)).queue.counts.incoming).toBe(1);
  });

  it('runs a question from incoming to approved, on air and done', async () => {
    const c = await core();
    const a = await add(c, 'First question?');
    const b = await add(c, 'Second question?');
    expect((await api(c, 'POST', `/api/comments/${a.id}/approve`)).status).toBe(200);
    expect((await api(c, 'POST', `/api/comments/${b.id}/approve`)).status).toBe(200);
    expect((await state(c)).queue.order).toEqual([a.id, b.id]);
    await api(c, 'POST', `/api/comments/${b.id}/pin`);
    expect((await state(c)).queue.order).toEqual([b.id, a.id]);

    expect((await api(c, 'POST', '/api/queue/next')).status).toBe(200);
    let s = await state(c);
    expect(s.queue.onAir).toMatchObject({ id: b.id, text: 'Second question?', askers: 1 });
    expect(s.queue.counts).toMatchObject({ approved: 1, on_air: 1 });

    await api(c, 'POST', '/api/queue/next');
    s = await state(c);
    expect(s.queue.onAir?.id).toBe(a.id);
    const done = await api(c, 'GET', '/api/comments?status=done');
    expect(done.body).toMatchObject({ total: 1, comments: [{ id: b.id, moderatedBy: 'REST' }] });

    await api(c, 'POST', '/api/queue/clear-air');
    expect((await state(c)).queue.onAir).toBeNull();
    const empty = await api(c, 'POST', '/api/queue/clear-air');
    expect(empty).toMatchObject({ status: 409, body: { error: 'Nothing is on air.' } });
  });

  it('answers refused and unknown actions with 409 and 404', async () => {
    const c = await core();
    const a = await add(c, 'Hello');
    await api(c, 'POST', `/api/comments/${a.id}/reject`);
    const refused = await api(c, 'POST', `/api/comments/${a.id}/air`);
    expect(refused).toMatchObject({
      status: 409,
      body: { error: 'Cannot put it on air: it is already rejected (by REST).' },
    });
    expect((await api(c, 'POST', '/api/comments/nope/approve')).status).toBe(404);
    expect((await api(c, 'GET', '/api/comments?status=maybe')).status).toBe(400);
  });

  it('lets two moderators race for one comment and ends in one state they both see', async () => {
    const c = await core();
    const anna = await connectControl(c.url, { token: c.token, name: 'Anna' });
    const ben = await connectControl(c.url, { token: c.token, name: 'Ben' });
    cleanups.push(
      () => anna.close(),
      () => ben.close(),
    );
    const annaSeen = new Map<string, Comment>();
    const benSeen = new Map<string, Comment>();
    for (const [client, seen] of [
      [anna, annaSeen],
      [ben, benSeen],
    ] as const) {
      client.socket.on('comments:changed', (list: Comment[]) =>
        list.forEach((x) => seen.set(x.id, x)),
      );
      client.socket.on('comments:snapshot', (chunk: { comments: Comment[] }) =>
        chunk.comments.forEach((x) => seen.set(x.id, x)),
      );
      expect(await client.request('comments:subscribe', {})).toEqual({ ok: true, total: 0 });
    }
    const comment = await add(c, 'Who wins?');
    await eventually(() => {
      expect(annaSeen.has(comment.id) && benSeen.has(comment.id)).toBe(true);
    });
    const [annaAck, benAck] = (await Promise.all([
      anna.request('queue:air', { id: comment.id }),
      ben.request('queue:reject', { id: comment.id }),
    ])) as [{ ok: boolean; error?: string }, { ok: boolean; error?: string }];
    // Anna's request reached the core first: it is on air, then Ben's reject pulls it off.
    // Whichever order, both screens converge on the core's final state.
    expect(annaAck.ok || benAck.ok).toBe(true);
    const final = ((await api(c, 'GET', '/api/comments')).body as { comments: Comment[] })
      .comments[0];
    await eventually(() => {
      expect(annaSeen.get(comment.id)?.status).toBe(final?.status);
      expect(benSeen.get(comment.id)?.status).toBe(final?.status);
    });
    // A second approve of the same, now settled comment, loses with who was first.
    const late = (await anna.request('queue:approve', { id: comment.id })) as {
      ok: boolean;
      error: string;
    };
    expect(late.ok).toBe(false);
    expect(late.error).toMatch(/already (rejected|on air) \(by (Anna|Ben)\)/);
  });

  it('keeps each moderator’s undo separate', async () => {
    const c = await core();
    const anna = await connectControl(c.url, { token: c.token, name: 'Anna' });
    const ben = await connectControl(c.url, { token: c.token, name: 'Ben' });
    cleanups.push(
      () => anna.close(),
      () => ben.close(),
    );
    const x = await add(c, 'x?');
    const y = await add(c, 'y?');
    await anna.request('queue:approve', { id: x.id });
    await ben.request('queue:reject', { id: y.id });
    expect(await anna.request('queue:undo', {})).toEqual({ ok: true, note: null });
    const list = ((await api(c, 'GET', '/api/comments')).body as { comments: Comment[] }).comments;
    expect(list.find((k) => k.id === x.id)?.status).toBe('incoming');
    expect(list.find((k) => k.id === y.id)?.status).toBe('rejected');
  });

  it('sends moderators a snapshot of every comment in chunks, then only changes', async () => {
    const c = await core();
    for (let i = 0; i < 2500; i += 1) c.queue.ingest(incoming(`bulk comment number ${i}`));
    const mod = await connectControl(c.url, { token: c.token });
    cleanups.push(() => mod.close());
    const chunks: { comments: Comment[]; last: boolean }[] = [];
    mod.socket.on('comments:snapshot', (chunk: { comments: Comment[]; last: boolean }) =>
      chunks.push(chunk),
    );
    const ack = (await mod.request('comments:subscribe', {})) as { total: number };
    expect(ack.total).toBe(2500);
    await eventually(() => expect(chunks.at(-1)?.last).toBe(true));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((k) => k.comments).map((k) => k.text)).toEqual(
      Array.from({ length: 2500 }, (_, i) => `bulk comment number ${i}`),
    );
    const changed = nextEvent<Comment[]>(mod.socket, 'comments:changed');
    const fresh = await add(c, 'after the snapshot');
    expect((await changed).map((k) => k.id)).toContain(fresh.id);
  });

  it('tells the overlay what is on air, and nothing about every new comment', async () => {
    const c = await core();
    const overlay = connectPublic(c.url, '/overlay');
    cleanups.push(() => {
      overlay.close();
    });
    const states: OverlayState[] = [];
    overlay.on('overlay:state', (s: OverlayState) => states.push(s));
    await eventually(() => expect(states).toHaveLength(1));
    expect(states[0]?.onAir).toBeNull();
    const q = await add(c, 'On air soon?', {
      author: {
        name: 'Dana',
        handle: 'dana',
        avatarUrl: 'https://pbs.example/dana.jpg',
        profileUrl: null,
      },
    });
    for (let i = 0; i < 20; i += 1) await add(c, `noise ${i}`);
    await api(c, 'POST', `/api/comments/${q.id}/air`);
    await eventually(() => expect(states.at(-1)?.onAir?.id).toBe(q.id));
    expect(states).toHaveLength(2); // the 21 new comments did not wake the overlay
    expect(states.at(-1)?.onAir).toMatchObject({
      text: 'On air soon?',
      author: { name: 'Dana', handle: 'dana', avatarUrl: 'https://pbs.example/dana.jpg' },
      platform: 'test',
      askers: 1,
    });
    await api(c, 'POST', '/api/queue/clear-air');
    await eventually(() => expect(states.at(-1)?.onAir).toBeNull());
  });

  it('sets blocked words and authors aside as filtered, with the reason, and can restore them', async () => {
    const c = await core();
    const set = await api(c, 'PUT', '/api/queue/blocklist', {
      body: { words: ['crypto*'], authors: ['@spammer'] },
    });
    expect(set.status).toBe(200);
    const spam = await add(c, 'Cryptocoins for free!');
    const troll = await add(c, 'hello', {
      author: { name: 'S', handle: 'Spammer', avatarUrl: null, profileUrl: null },
    });
    expect(spam).toMatchObject({ status: 'filtered', filterReason: 'blocked word "crypto*"' });
    expect(troll).toMatchObject({ status: 'filtered', filterReason: 'blocked author Spammer' });
    expect((await state(c)).queue.blocklist).toEqual({ words: ['crypto*'], authors: ['@spammer'] });
    await api(c, 'POST', `/api/comments/${spam.id}/restore`);
    const list = (await api(c, 'GET', '/api/comments?status=incoming')).body as {
      comments: Comment[];
    };
    expect(list.comments.map((k) => k.id)).toEqual([spam.id]);
    const invalid = await api(c, 'PUT', '/api/queue/blocklist', { body: { words: 'spam' } });
    expect(invalid.status).toBe(400);
  });

  it('groups near-duplicate questions into one card that moves as one', async () => {
    const c = await core();
    const a = await add(c, 'How will AI change journalism jobs?');
    const b = await add(c, 'how will AI change jobs in journalism');
    const other = await add(c, 'Where can I find the slides?');
    expect(b.groupId).toBe(a.id);
    expect(other.groupId).toBeNull();
    await api(c, 'POST', `/api/comments/${b.id}/approve`);
    const s = await state(c);
    expect(s.queue.order).toEqual([a.id]);
    expect(s.queue.counts.approved).toBe(2);
    await api(c, 'POST', '/api/queue/next');
    expect((await state(c)).queue.onAir).toMatchObject({ id: a.id, askers: 2 });
  });

  it('keeps the queue and its de-duplication across a restart', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const first = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    const body = incoming('Persist me?');
    const a = (await api(first, 'POST', '/api/comments', { body })).body as { comment: Comment };
    const b = await add(first, 'Me too?');
    const d = await add(first, 'And me?');
    await api(first, 'POST', `/api/comments/${b.id}/approve`);
    await api(first, 'POST', `/api/comments/${d.id}/approve`);
    await api(first, 'POST', `/api/comments/${d.id}/pin`);
    await api(first, 'POST', `/api/comments/${a.comment.id}/air`);
    const before = await state(first);
    await first.stop();

    const second = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    cleanups.push(() => second.stop());
    const after = await state(second);
    expect(after.queue.order).toEqual(before.queue.order);
    expect(after.queue.onAir?.id).toBe(a.comment.id);
    expect(after.queue.counts).toEqual(before.queue.counts);
    const again = await api(second, 'POST', '/api/comments', { body });
    expect(again.body).toMatchObject({ duplicate: true });
  });
});
