// Mastodon's hashtag: HTML made plain text, the tag timeline read across its Link pages after a
// gap, a rejected token said plainly and not retried, and in the core: the token bound to the
// instance, the test address refused without test hooks, a deletion taken off the queue.
import { afterEach, describe, expect, it } from 'vitest';
import { mastodonTokenHosts } from '../../src/shared/secret-hosts.js';
import { htmlToText } from '../../src/sources/mastodon-html.js';
import { MastodonSource, nextMaxId } from '../../src/sources/mastodon-source.js';
import { FakeMastodonApi } from '../fakes/mastodon-api.js';
import { api, startTestCore } from '../helpers/core.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST = {
  keepAliveMs: 2000,
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  rateLimitMs: 1500,
  requestTimeoutMs: 1000,
};

describe('Mastodon content', () => {
  it('turns the documented HTML into the text people typed', () => {
    // Shaped like the Status example on https://docs.joinmastodon.org/entities/Status/
    const html =
      '<p>Hallo <span class="h-card"><a href="https://chaos.social/@anna" class="u-url mention">@<span>anna</span></a></span> &amp; alle: a &lt;b&gt; c&#39;s <a href="https://chaos.social/tags/NextTalk" class="mention hashtag" rel="tag">#<span>NextTalk</span></a></p><p>Zweiter<br />Absatz &#x1F44B;</p>';
    expect(htmlToText(html)).toBe("Hallo @anna & alle: a <b> c's #NextTalk\n\nZweiter\nAbsatz 👋");
    // Decoded once: an escaped entity stays an entity.
    expect(htmlToText('<p>&amp;lt;</p>')).toBe('&lt;');
  });

  it('takes only the max_id of the next link, never its host', () => {
    expect(
      nextMaxId(
        '<https://elsewhere.example/api/v1/timelines/tag/x?max_id=123>; rel="next", <https://elsewhere.example/api/v1/timelines/tag/x?min_id=200>; rel="prev"',
      ),
    ).toBe('123');
    expect(nextMaxId('<https://a.example/?min_id=200>; rel="prev"')).toBeNull();
  });
});

describe('Mastodon source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(token?: string, sinceId: string | null = null) {
    const fake = new FakeMastodonApi();
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    const source = new MastodonSource(
      {
        token: () => token ?? fake.token,
        instanceUrl: 'https://chaos.social',
        hashtag: 'NextTalk',
        apiBaseUrl: fake.url,
        sinceId,
      },
      harness.context,
      { timings: FAST },
    );
    return { fake, harness, source };
  }

  it('reads everything posted before it connected across the Link pages, oldest first', async () => {
    const { fake, harness, source } = await setup();
    const before = Array.from({ length: 95 }, (_, i) => fake.post(`Frage ${i} <&> #NextTalk`));
    // The show's window opened a minute ago: everything since then is read, across pages.
    harness.notBefore = Date.now() - 60_000;
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.comments.size).toBe(95), 5000);
    expect([...harness.comments.keys()]).toEqual(before.map((s) => s.id));
    expect(harness.comments.get(before[0]?.id ?? '')).toMatchObject({
      platform: 'mastodon',
      text: 'Frage 0 <&> #NextTalk',
      author: { name: 'Alice', handle: 'alice@chaos.social' },
    });
    // 40 a page (Mastodon's maximum): three pages, each asking since nothing and below the last.
    const pages = fake.requests.filter((r) => r.startsWith('/api/v1/timelines/tag/'));
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain(`max_id=${before[55]?.id ?? ''}`);
    // Then live.
    const live = fake.post('Live? #NextTalk');
    await eventually(() => expect(harness.comments.has(live.id)).toBe(true), 5000);
    expect(harness.last()?.message.code).toBe('mastodon.live');
  });

  it('says plainly when the instance rejects the token, and does not try again', async () => {
    const { fake, harness, source } = await setup('revoked-token');
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.last()?.state).toBe('error'), 5000);
    expect(harness.last()?.message.code).toBe('mastodon.unauthorized');
    expect(harness.said()).toContain('create a new one');
    const asked = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requests.length).toBe(asked);
  });

  it('waits for the reset when the window has no calls left, instead of earning a 429', async () => {
    const { fake, harness, source } = await setup();
    fake.rateLimit = 1; // one timeline call per window
    fake.resetInSec = 1;
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.last()?.message.code).toBe('mastodon.live'), 5000);
    const before = harness.statuses.length;
    fake.dropStreams(); // the gap must be read, but this window's call is spent
    const missed = fake.post('Während der Lücke? #NextTalk');
    await eventually(() => expect(harness.comments.has(missed.id)).toBe(true), 5000);
    const said = harness.statuses.slice(before).map((s) => s.message.code);
    expect(said).toContain('mastodon.rate_limited');
    expect(fake.refused).toBe(0);
  });
});

describe('Mastodon in the core', () => {
  it('binds the token to the instance, says what it needs, and retracts a deletion', async () => {
    expect(mastodonTokenHosts('https://chaos.social', null)).toEqual(['chaos.social:443']);
    const fake = new FakeMastodonApi();
    await fake.start();
    const core = await startTestCore({ mastodonTimings: FAST });
    try {
      const form = core.hub.get('sourceForms').find((f) => f.id === 'mastodon');
      expect(form?.help?.en).toContain('read:statuses');
      expect(form?.help?.de).toContain('Zugriffstoken');
      const saved = await api(core, 'PUT', '/api/sources/mastodon/settings', {
        body: {
          enabled: true,
          instanceUrl: 'https://chaos.social',
          hashtag: '#NextTalk',
          apiBaseUrl: fake.url,
          secret: fake.token,
        },
      });
      expect(saved.status).toBe(200);
      const kept = fake.post('Bleibt? #NextTalk');
      const gone = fake.post('Bereut #NextTalk');
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      await eventually(() => expect(byId(gone.id)).toBeDefined(), 5000);
      expect(byId(kept.id)?.text).toBe('Bleibt? #NextTalk');
      fake.deleteStatus(gone.id);
      await eventually(() => expect(byId(gone.id)?.status).toBe('rejected'), 5000);
      expect(byId(kept.id)?.status).toBe('incoming');
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });

  it('refuses a test API address while test hooks are off', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const refused = await api(core, 'PUT', '/api/sources/mastodon/settings', {
        body: {
          enabled: true,
          instanceUrl: 'https://chaos.social',
          hashtag: 'NextTalk',
          apiBaseUrl: 'http://127.0.0.1:9',
          secret: 'token',
        },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('secrets.test_hooks_off');
    } finally {
      await core.dispose();
    }
  });
});

describe('Mastodon without a show window', () => {
  it('reads only the newest page of a busy tag, not its whole history', async () => {
    const fake = new FakeMastodonApi();
    await fake.start();
    const harness = sourceHarness();
    const posted = Array.from({ length: 100 }, (_, i) => fake.post(`Alt ${i} #NextTalk`));
    const source = new MastodonSource(
      {
        token: () => fake.token,
        instanceUrl: 'https://chaos.social',
        hashtag: 'NextTalk',
        apiBaseUrl: fake.url,
        sinceId: null,
      },
      harness.context,
      { timings: FAST },
    );
    source.start();
    try {
      await eventually(() => expect(harness.last()?.message.code).toBe('mastodon.live'), 5000);
      expect([...harness.comments.keys()]).toEqual(posted.slice(60).map((s) => s.id));
    } finally {
      await source.stop();
      await fake.stop();
    }
  });
});
