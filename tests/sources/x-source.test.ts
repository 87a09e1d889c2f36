// X hashtags through the real twitter-api-v2 client against a local fake of the X API: faults
// of every kind, and still every post arrives exactly once.
import { inEnglish } from '../../src/shared/messages/message.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/shared/state.js';
import type { XTimings } from '../../src/sources/x-source.js';
import { ruleFor } from '../../src/sources/x-source.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { FakeXApi } from '../fakes/x-api.js';

/** X's guidance, scaled down so a test takes seconds instead of minutes. */
const FAST: Partial<XTimings> = {
  keepAliveMs: 700,
  tcpStepMs: 50,
  tcpMaxMs: 400,
  httpInitialMs: 150,
  httpMaxMs: 800,
  rateLimitInitialMs: 200,
  rateLimitMaxMs: 1500,
  pollIntervalMs: 250,
};

const said = (status: { message: Parameters<typeof inEnglish>[0] } | undefined): string =>
  status ? inEnglish(status.message) : '';

describe('X source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(options: { heartbeatMs?: number; dataDir?: string } = {}) {
    const fake = new FakeXApi();
    fake.heartbeatMs = options.heartbeatMs ?? 100;
    await fake.start();
    cleanups.push(() => fake.stop());
    const core = await startTestCore({
      xTimings: FAST,
      ...(options.dataDir ? { dataDir: options.dataDir, keepDataDir: true } : {}),
    });
    cleanups.push(() => core.dispose());
    return { fake, core };
  }

  const configure = (core: TestCore, fake: FakeXApi, extra: Record<string, unknown> = {}) =>
    api(core, 'PUT', '/api/sources/x', {
      body: {
        enabled: true,
        hashtags: ['#NextTalk'],
        bearerToken: fake.bearer,
        apiBaseUrl: fake.url,
        ...extra,
      },
    });

  const xStatus = (core: TestCore): SourceStatus | undefined =>
    core.hub.get('sources').find((s) => s.id === 'x');
  const xComments = (core: TestCore) => core.queue.list(null).filter((c) => c.platform === 'x');

  it('survives drops, stalls, 429, 503, malformed lines, double delivery and maintenance — every post once', async () => {
    const { fake, core } = await setup();
    // Someone else's rule on the same app must survive, and its posts are not ours.
    fake.rules.push({ id: '1', value: '#OtherShow', tag: 'someone-else' });
    expect((await configure(core, fake)).status).toBe(200);
    await eventually(() => expect(xStatus(core)?.state).toBe('connected'), 5000);
    expect(fake.rules.map((r) => r.value).sort()).toEqual(['#NextTalk -is:retweet', '#OtherShow']);

    const expected = new Set<string>();
    const post = (n: number, label: string): void => {
      for (let i = 0; i < n; i += 1)
        expected.add(
          fake.post(`${label} ${i}: question for the panel? #NextTalk`, `user${i % 7}`).id,
        );
    };
    const arrived = async (): Promise<void> =>
      eventually(
        () => expect(new Set(xComments(core).map((c) => c.platformId))).toEqual(expected),
        15_000,
      );

    post(15, 'warm-up');
    fake.post('Not for us #OtherShow', 'other');
    fake.post('No hashtag at all', 'other');
    fake.post('RT: old news #NextTalk', 'bot', { retweet: true });
    await arrived();

    // 1. The stream drops mid-flow; posts keep coming while it is down.
    fake.dropStreams();
    post(10, 'during drop');
    await arrived();

    // 2. The stream stalls: no heartbeat, no data.
    await eventually(() => expect(fake.openStreams).toBe(1), 5000);
    const connects = fake.counts.streamConnects;
    fake.stallStreams();
    post(10, 'during stall');
    await eventually(() => expect(fake.counts.streamConnects).toBe(connects + 1), 5000);
    expect(
      core.logs.some(
        (l) =>
          l.message === 'status: reconnecting' && JSON.stringify(l.fields).includes('went silent'),
      ),
    ).toBe(true);
    await arrived();

    // 3. X refuses reconnects: rate limit, then unavailable.
    fake.streamFaults.push(
      { kind: 'status', status: 429, resetInSec: 1 },
      { kind: 'status', status: 503 },
    );
    fake.dropStreams();
    post(10, 'during 429 and 503');
    await eventually(() => expect(xStatus(core)?.state).toBe('rate_limited'), 5000);
    expect(said(xStatus(core))).toMatch(/^Rate-limited by X until \d\d:\d\d\./);
    await eventually(() => expect(xStatus(core)?.state).toBe('connected'), 10_000);
    await arrived();

    // 4. Garbage in the stream is counted and skipped.
    const malformedBefore = xStatus(core)?.counters.malformed ?? 0;
    fake.sendMalformed();
    fake.sendWrongShape();
    post(5, 'after garbage');
    await arrived();
    await eventually(() => expect(xStatus(core)?.counters.malformed).toBe(malformedBefore + 2));

    // 5. Double delivery.
    fake.duplicateNext = 5;
    post(5, 'delivered twice');
    await arrived();
    await eventually(() =>
      expect(xStatus(core)?.counters.duplicates ?? 0).toBeGreaterThanOrEqual(5),
    );

    // 6. Operational disconnect.
    fake.operationalDisconnect();
    post(5, 'after maintenance');
    await arrived();

    const all = xComments(core);
    expect(all).toHaveLength(expected.size);
    expect(new Set(all.map((c) => c.platformId)).size).toBe(all.length);
    expect(all.some((c) => c.text.includes('#OtherShow') || c.text.startsWith('RT:'))).toBe(false);
    await eventually(() => expect(xStatus(core)?.counters.received).toBe(expected.size));
    expect(fake.rules.map((r) => r.value).sort()).toEqual(['#NextTalk -is:retweet', '#OtherShow']);
    const first = all.find((c) => c.author.handle === 'user0');
    expect(first?.author).toMatchObject({
      name: 'user0',
      handle: 'user0',
      profileUrl: 'https://x.com/user0',
      avatarUrl: expect.stringMatching(
        /^https:\/\/pbs\.twimg\.com\/profile_images\/\d+\/avatar_bigger\.jpg$/,
      ),
    });
    expect(first?.url).toMatch(/^https:\/\/x\.com\/user0\/status\/\d+$/);
  }, 60_000);

  it('fills the gap after a restart of Panelcast from the last post it saw', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const fake = new FakeXApi();
    fake.heartbeatMs = 100;
    await fake.start();
    cleanups.push(() => fake.stop());
    const first = await startTestCore({ xTimings: FAST, dataDir: temp.dir, keepDataDir: true });
    await configure(first, fake);
    await eventually(() => expect(xStatus(first)?.state).toBe('connected'), 5000);
    const before = fake.post('Before the restart? #NextTalk', 'anna');
    await eventually(() => expect(xComments(first)).toHaveLength(1));
    await first.stop();

    const missed = [
      fake.post('While Panelcast was down? #NextTalk', 'ben'),
      fake.post('Me too? #NextTalk', 'cem'),
    ];
    const second = await startTestCore({ xTimings: FAST, dataDir: temp.dir, keepDataDir: true });
    cleanups.push(() => second.stop());
    await eventually(
      () =>
        expect(
          xComments(second)
            .map((c) => c.platformId)
            .sort(),
        ).toEqual([before.id, ...missed.map((t) => t.id)].sort()),
      10_000,
    );
  });

  it('polls recent search when the plan has no filtered stream, and says so', async () => {
    const { fake, core } = await setup();
    fake.streamForbidden = true;
    await configure(core, fake);
    await eventually(
      () => expect(said(xStatus(core))).toMatch(/plan does not include the filtered stream/),
      5000,
    );
    const posted = [fake.post('Polled? #NextTalk', 'a'), fake.post('#nexttalk lower case?', 'b')];
    await eventually(
      () =>
        expect(
          xComments(core)
            .map((c) => c.platformId)
            .sort(),
        ).toEqual(posted.map((t) => t.id).sort()),
      5000,
    );
    // A rate limit while polling is reported and waited out.
    fake.searchFaults.push({ kind: 'status', status: 429, resetInSec: 1 });
    await eventually(() => expect(xStatus(core)?.state).toBe('rate_limited'), 5000);
    const later = fake.post('After the limit? #NextTalk', 'c');
    await eventually(
      () => expect(xComments(core).map((c) => c.platformId)).toContain(later.id),
      8000,
    );
  });

  it('says plainly when the plan allows no search, or the token is wrong, and stops retrying', async () => {
    const { fake, core } = await setup();
    fake.streamForbidden = true;
    fake.searchForbidden = true;
    await configure(core, fake);
    await eventually(() => expect(xStatus(core)?.state).toBe('error'), 5000);
    expect(said(xStatus(core))).toMatch(/^Your X plan does not allow search/);

    await configure(core, fake, { bearerToken: 'wrong-token-value' });
    await eventually(
      () =>
        expect(said(xStatus(core))).toBe(
          'X rejected the bearer token. Enter a valid one in Settings.',
        ),
      5000,
    );
    const connects = fake.counts.streamConnects + fake.counts.searches;
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.counts.streamConnects + fake.counts.searches).toBe(connects);
    // The token never reaches clients.
    const state = JSON.stringify((await api(core, 'GET', '/api/state')).body);
    expect(state).not.toContain(fake.bearer);
    expect(state).not.toContain('wrong-token-value');
  });

  it('replaces only its own rule when the hashtags change', async () => {
    const { fake, core } = await setup();
    fake.rules.push({ id: '7', value: 'from:someone', tag: 'dashboard' });
    await configure(core, fake);
    await eventually(() => expect(xStatus(core)?.state).toBe('connected'), 5000);
    await configure(core, fake, { hashtags: ['NextTalk', '#AskPanel'] });
    await eventually(() =>
      expect(fake.rules.map((r) => r.value).sort()).toEqual([
        '(#NextTalk OR #AskPanel) -is:retweet',
        'from:someone',
      ]),
    );
    expect(ruleFor(['#A'])).toBe('#A -is:retweet');
    const invalid = await api(core, 'PUT', '/api/sources/x', {
      body: { enabled: true, hashtags: ['not a tag!'] },
    });
    expect(invalid.status).toBe(400);
  });
});

describe('X posts deleted before they go on air', () => {
  it('checks a post right before it airs; one deleted on X is refused and leaves the queue', async () => {
    const fake = new FakeXApi();
    fake.heartbeatMs = 100;
    await fake.start();
    const core = await startTestCore({ xTimings: FAST });
    try {
      await api(core, 'PUT', '/api/sources/x', {
        body: {
          enabled: true,
          hashtags: ['#NextTalk'],
          bearerToken: fake.bearer,
          apiBaseUrl: fake.url,
        },
      });
      await eventually(
        () => expect(core.hub.get('sources').find((s) => s.id === 'x')?.state).toBe('connected'),
        5000,
      );
      const kept = fake.post('Still here? #NextTalk', 'kim');
      const gone = fake.post('Regretted this one #NextTalk', 'lou');
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      await eventually(() => expect(byId(gone.id)).toBeDefined(), 5000);
      fake.deletePost(gone.id);

      const refused = await api(core, 'POST', `/api/comments/${byId(gone.id)?.id ?? ''}/air`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('queue.gone_on_platform');
      expect(byId(gone.id)?.status).toBe('rejected');
      expect(core.hub.get('queue').onAir).toBeNull();

      const aired = await api(core, 'POST', `/api/comments/${byId(kept.id)?.id ?? ''}/air`);
      expect(aired.status).toBe(200);
      expect(core.hub.get('queue').onAir?.id).toBe(byId(kept.id)?.id);
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });
});
