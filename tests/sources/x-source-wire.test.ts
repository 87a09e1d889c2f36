// The X source against the fake's wire details: chunks cut anywhere, fields only when asked,
// since_ids too old for search, a search limit that must not be run into, one stream per app.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { XSource, type XSourceConfig, type XTimings } from '../../src/sources/x-source.js';
import { FakeXApi } from '../fakes/x-api.js';
import { snowflake } from '../fakes/x-wire.js';
import { sourceHarness, type Harness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST: Partial<XTimings> = {
  keepAliveMs: 700,
  tcpStepMs: 50,
  tcpMaxMs: 400,
  httpInitialMs: 150,
  httpMaxMs: 800,
  rateLimitInitialMs: 200,
  rateLimitMaxMs: 1500,
  pollIntervalMs: 20,
};

describe('X source on the wire', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(
    config: Partial<XSourceConfig> = {},
    prepare: (fake: FakeXApi) => void = () => undefined,
    notBefore: number | null = null,
  ): Promise<{ fake: FakeXApi; harness: Harness }> {
    const fake = new FakeXApi();
    fake.heartbeatMs = 100;
    prepare(fake);
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    harness.notBefore = notBefore;
    const source = new XSource(
      {
        bearerToken: fake.bearer,
        hashtags: ['#NextTalk'],
        mode: 'stream',
        apiBaseUrl: fake.url,
        lastSeenId: null,
        ...config,
      },
      harness.context,
      { timings: FAST },
    );
    source.start();
    cleanups.push(() => source.stop());
    return { fake, harness };
  }

  const connected = (harness: Harness) =>
    eventually(() => expect(harness.last()?.state).toBe('connected'), 5000);

  it('reads posts whose characters and line ends arrive in separate chunks', async () => {
    const { fake, harness } = await setup({}, (f) => {
      f.chunking = { pieceBytes: 3, gapMs: 1 };
      f.crlfApart = true;
    });
    await connected(harness);
    const texts = [
      'Grüße aus Köln 👋 #NextTalk',
      'Ça va? 日本語も #NextTalk',
      'Plain one #NextTalk',
    ];
    const posted = texts.map((t, i) => fake.post(t, `viewer${i}`));
    await eventually(() => expect(harness.comments.size).toBe(3), 5000);
    for (const [i, tweet] of posted.entries())
      expect(harness.comments.get(tweet.id)?.text).toBe(texts[i]);
    expect(harness.malformed).toEqual([]);
  });

  it('asks for author, time and long text, and decodes what X escapes', async () => {
    const { fake, harness } = await setup();
    await connected(harness);
    fake.user('ada', 'Ada Lovelace');
    const long = `${'Is 3 < 4 & 5 > 2 in every number system? '.repeat(9)}#NextTalk`;
    const tweet = fake.post(long, 'ada');
    await eventually(() => expect(harness.comments.get(tweet.id)).toBeDefined(), 5000);
    expect(harness.comments.get(tweet.id)).toMatchObject({
      text: long,
      createdAt: tweet.created_at,
      author: {
        name: 'Ada Lovelace',
        handle: 'ada',
        avatarUrl: expect.stringMatching(/_bigger\.jpg$/),
      },
    });
  });

  it('gives a comment for a user without a name', async () => {
    const { fake, harness } = await setup({ mode: 'poll' });
    fake.user('nameless', null);
    const tweet = fake.post('Who am I? #NextTalk', 'nameless');
    await eventually(() => expect(harness.comments.get(tweet.id)).toBeDefined(), 5000);
    expect(harness.comments.get(tweet.id)?.author).toMatchObject({
      name: 'nameless',
      handle: 'nameless',
    });
  });

  it('searches from start_time when the last post seen is older than 7 days', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    const { fake, harness } = await setup(
      { mode: 'poll', lastSeenId: snowflake(eightDaysAgo) },
      (f) => {
        f.post('Two hours old #NextTalk', 'early', { at: new Date(Date.now() - 2 * 3600_000) });
      },
    );
    const now = fake.post('Just now #NextTalk', 'late');
    await eventually(() => expect(harness.comments.size).toBe(2), 5000);
    expect(harness.comments.has(now.id)).toBe(true);
    const first = fake.searchQueries[0];
    expect(first?.get('since_id')).toBeNull();
    expect(Date.parse(first?.get('start_time') ?? '')).toBeGreaterThan(
      Date.now() - 7 * 24 * 60 * 60_000,
    );
    expect(harness.statuses.some((s) => s.state === 'error' || s.state === 'reconnecting')).toBe(
      false,
    );
  });

  it("backfills a new show from its pre-show window, not from last week's cursor", async () => {
    const minutes = (n: number) => new Date(Date.now() - n * 60_000);
    const windowStart = minutes(30).getTime();
    const { fake, harness } = await setup(
      // Last week's show left its cursor three days back.
      { mode: 'poll', lastSeenId: snowflake(minutes(3 * 24 * 60)) },
      (f) => {
        f.post('Last week, after the show #NextTalk', 'old', { at: minutes(2 * 24 * 60) });
        f.post('Two hours before the show #NextTalk', 'early', { at: minutes(120) });
      },
      windowStart,
    );
    const inside = fake.post('Ten minutes into the window #NextTalk', 'inside', {
      at: minutes(20),
    });
    const now = fake.post('Just now #NextTalk', 'late');
    await eventually(() => expect(harness.comments.size).toBe(2), 5000);
    expect([...harness.comments.keys()].sort()).toEqual([inside.id, now.id].sort());
    // Asked from the window's start: the older posts never came over the wire.
    const first = fake.searchQueries[0];
    expect(first?.get('since_id')).toBeNull();
    expect(Date.parse(first?.get('start_time') ?? '')).toBe(windowStart);
  });

  it("fetches nothing before the window opens, and the show's posts once it has", async () => {
    const { fake, harness } = await setup(
      { mode: 'poll' },
      (f) =>
        f.post('Before anyone planned it #NextTalk', 'early', {
          at: new Date(Date.now() - 60_000),
        }),
      Date.now() + 3600_000,
    );
    await eventually(() => expect(harness.last()?.state).toBe('connected'), 5000);
    expect(fake.counts.searches).toBe(0);
    // The producer moves the planned start: the window opened 15 s ago (X wants start_time at
    // least 10 s in the past, so a window younger than that waits for the next poll).
    const opened = Date.now() - 15_000;
    harness.notBefore = opened;
    const inside = fake.post('The window is open #NextTalk', 'inside');
    await eventually(() => expect(harness.comments.has(inside.id)).toBe(true), 5000);
    expect(harness.comments.size).toBe(1);
    expect(Date.parse(fake.searchQueries[0]?.get('start_time') ?? '')).toBe(opened);
  });

  it("does not queue a streamed post made before the show's window", async () => {
    const { fake, harness } = await setup({}, () => undefined, Date.now() - 60_000);
    await connected(harness);
    const old = fake.post('Posted an hour ago, delivered now #NextTalk', 'old', {
      at: new Date(Date.now() - 3600_000),
    });
    const fresh = fake.post('Fresh #NextTalk', 'fresh');
    await eventually(() => expect(harness.comments.has(fresh.id)).toBe(true), 5000);
    expect(harness.comments.has(old.id)).toBe(false);
    expect(harness.malformed).toEqual([]);
  });

  it("paces polls by X's rate-limit headers, so X never has to answer 429", async () => {
    const { fake, harness } = await setup({ mode: 'poll' }, (f) => {
      f.searchLimit = { limit: 4, windowMs: 700 };
    });
    const posted = new Set<string>();
    const ticker = setInterval(() => posted.add(fake.post('Still here? #NextTalk', 'p').id), 50);
    cleanups.push(() => clearInterval(ticker));
    await eventually(() => expect(fake.counts.searches).toBeGreaterThanOrEqual(10), 15_000);
    clearInterval(ticker);
    await eventually(() => expect(new Set(harness.comments.keys())).toEqual(posted), 8000);
    expect(fake.counts.searchesOverLimit).toBe(0);
  });

  it('names Panelcast and its version in the User-Agent of every request', async () => {
    const { fake, harness } = await setup();
    await connected(harness);
    const tweet = fake.post('Before the drop #NextTalk');
    await eventually(() => expect(harness.comments.has(tweet.id)).toBe(true), 5000);
    fake.dropStreams();
    await eventually(() => expect(fake.counts.searches).toBeGreaterThan(0), 5000);
    expect([...fake.userAgents]).toEqual([
      expect.stringMatching(
        /^Panelcast\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/panelcast\/panelcast\)$/,
      ),
    ]);
  });

  it('says so when another program holds the one stream connection, and takes it over when free', async () => {
    const fake = new FakeXApi();
    fake.connectionLimitResetSec = 1;
    await fake.start();
    cleanups.push(() => fake.stop());
    // Another program on the same X app, already streaming.
    const other = http.get(`${fake.url}/2/tweets/search/stream`, {
      headers: { authorization: `Bearer ${fake.bearer}` },
    });
    other.on('error', () => undefined);
    await eventually(() => expect(fake.openStreams).toBe(1));
    const harness = sourceHarness();
    const source = new XSource(
      {
        bearerToken: fake.bearer,
        hashtags: ['#NextTalk'],
        mode: 'stream',
        apiBaseUrl: fake.url,
        lastSeenId: null,
      },
      harness.context,
      { timings: FAST },
    );
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() => expect(harness.last()?.message.code).toBe('x.connection_taken'), 5000);
    expect(harness.last()?.state).toBe('rate_limited');
    expect(harness.said()).toMatch(/^Another program holds this X app's stream connection/);
    other.destroy();
    await connected(harness);
    const tweet = fake.post('Finally in? #NextTalk');
    await eventually(() => expect(harness.comments.has(tweet.id)).toBe(true), 5000);
  });
});
