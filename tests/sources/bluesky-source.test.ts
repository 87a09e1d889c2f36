// Bluesky's hashtag by searchPosts: signed in with an app password (search without one is
// refused), every post across cursor pages, a late-indexed post still found, an expired session
// renewed, a wrong app password said plainly; in the core: the password bound to bsky.social,
// the test address refused without test hooks, a deleted post refused right before air.
import { afterEach, describe, expect, it } from 'vitest';
import { blueskyPasswordHosts } from '../../src/shared/secret-hosts.js';
import { BlueskySource } from '../../src/sources/bluesky-source.js';
import { FakeBlueskyApi } from '../fakes/bluesky-api.js';
import { api, startTestCore } from '../helpers/core.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST = {
  minPollMs: 100,
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  rateLimitMs: 1500,
  requestTimeoutMs: 800,
};

describe('Bluesky source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(password?: string) {
    const fake = new FakeBlueskyApi();
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    const source = new BlueskySource(
      {
        handle: fake.handle,
        appPassword: password ?? fake.appPassword,
        hashtag: '#NextTalk',
        apiBaseUrl: fake.url,
        since: null,
      },
      harness.context,
      { timings: FAST },
    );
    return { fake, harness, source };
  }

  it('signs in, then finds every post with the tag across cursor pages, oldest first', async () => {
    const { fake, harness, source } = await setup();
    const before = Array.from({ length: 230 }, (_, i) => fake.post(`Frage ${i}? #NextTalk`));
    fake.post('Ohne den Hashtag');
    // The show's window opened a minute ago: everything since then is read, across pages.
    harness.notBefore = Date.now() - 60_000;
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.comments.size).toBe(230), 5000);
    expect([...harness.comments.keys()].slice(0, 3)).toEqual(before.slice(0, 3).map((p) => p.uri));
    const first = fake.searches[0];
    expect(first?.searchParams.get('tag')).toBe('NextTalk');
    expect(first?.searchParams.get('sort')).toBe('latest');
    expect(fake.searches.slice(1, 3).map((u) => u.searchParams.get('cursor'))).toEqual([
      '100',
      '200',
    ]);
    expect(fake.logins).toBe(1);
    const one = harness.comments.get(before[1]?.uri ?? '');
    expect(one).toMatchObject({ platform: 'bluesky', text: 'Frage 1? #NextTalk' });
    expect(one?.url).toMatch(/^https:\/\/bsky\.app\/profile\/did:plc:[^/]+\/post\/3l/);
    // Later searches ask only from (a little before) the newest post taken.
    await eventually(() => expect(fake.searches.at(-1)?.searchParams.get('since')).toBeTruthy());
    expect(harness.last()?.message.code).toBe('bluesky.reading');
  });

  it('still finds a post that search indexed late', async () => {
    const { fake, harness, source } = await setup();
    source.start();
    cleanups.push(() => source.stop());
    fake.indexDelayMs = 700; // written now, searchable only in 0.7 s
    const late = fake.post('Spät indexiert? #NextTalk');
    await new Promise((resolve) => setTimeout(resolve, 50)); // so it is clearly the older one
    fake.indexDelayMs = 0;
    const early = fake.post('Sofort da? #NextTalk');
    await eventually(() => expect(harness.comments.has(early.uri)).toBe(true), 5000);
    await eventually(() => expect(harness.comments.has(late.uri)).toBe(true), 5000);
  });

  it('signs in again when the session expires, and carries on', async () => {
    const { fake, harness, source } = await setup();
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.last()?.message.code).toBe('bluesky.reading'), 5000);
    fake.faults.push('expire');
    const post = fake.post('Nach dem Ablauf? #NextTalk');
    await eventually(() => expect(harness.comments.has(post.uri)).toBe(true), 5000);
    expect(fake.logins).toBe(2);
    expect(harness.statuses.map((s) => s.state)).not.toContain('error');
  });

  it('says plainly when the app password is wrong, and does not try again', async () => {
    const { fake, harness, source } = await setup('wrong-pass-word-here');
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.last()?.state).toBe('error'), 5000);
    expect(harness.last()?.message.code).toBe('bluesky.login_failed');
    expect(harness.said()).toContain('app password');
    const asked = fake.calls;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.calls).toBe(asked);
  });
});

describe('Bluesky in the core', () => {
  it('binds the app password to bsky.social, says what it needs, and checks a post before air', async () => {
    expect(blueskyPasswordHosts(null)).toEqual(['bsky.social:443']);
    const fake = new FakeBlueskyApi();
    await fake.start();
    const core = await startTestCore({ blueskyTimings: FAST });
    try {
      const form = core.hub.get('sourceForms').find((f) => f.id === 'bluesky');
      expect(form?.help?.en).toContain('app password');
      expect(form?.help?.en).toContain('refuses search without an account');
      expect(form?.help?.de).toContain('App-Passwort');
      const saved = await api(core, 'PUT', '/api/sources/bluesky/settings', {
        body: {
          enabled: true,
          handle: fake.handle,
          hashtag: 'NextTalk',
          apiBaseUrl: fake.url,
          secret: fake.appPassword,
        },
      });
      expect(saved.status).toBe(200);
      const kept = fake.post('Noch da? #NextTalk');
      const gone = fake.post('Gelöscht #NextTalk');
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      await eventually(() => expect(byId(gone.uri)).toBeDefined(), 5000);
      fake.deletePost(gone.uri);
      const refused = await api(core, 'POST', `/api/comments/${byId(gone.uri)?.id ?? ''}/air`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('queue.gone_on_platform');
      const aired = await api(core, 'POST', `/api/comments/${byId(kept.uri)?.id ?? ''}/air`);
      expect(aired.status).toBe(200);
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });

  it('refuses a test API address while test hooks are off', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const refused = await api(core, 'PUT', '/api/sources/bluesky/settings', {
        body: {
          enabled: true,
          handle: 'nexttalk.bsky.social',
          hashtag: 'NextTalk',
          apiBaseUrl: 'http://127.0.0.1:9',
          secret: 'abcd-efgh-ijkl-mnop',
        },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('secrets.test_hooks_off');
    } finally {
      await core.dispose();
    }
  });
});
