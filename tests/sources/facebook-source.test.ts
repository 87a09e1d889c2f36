// Facebook Live comments: live over Server-Sent Events with the fields Panelcast asks for,
// polling when Facebook refuses the live connection, Graph's errors said plainly, and a comment
// deleted on Facebook refused right before it goes on air.
import { afterEach, describe, expect, it } from 'vitest';
import { graphFailure, usage, usageFactor } from '../../src/sources/facebook-graph.js';
import {
  COMMENT_FIELDS,
  FacebookSource,
  type FacebookTimings,
} from '../../src/sources/facebook-source.js';
import { SseSplitter } from '../../src/sources/sse-events.js';
import { FakeFacebookApi, type FacebookFault } from '../fakes/facebook-api.js';
import { api, startTestCore } from '../helpers/core.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST: Partial<FacebookTimings> = {
  pollIntervalMs: 100,
  keepAliveMs: 800,
  sweepMs: 300,
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  rateLimitMs: 300,
  requestTimeoutMs: 1000,
};

describe('Facebook Live source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(prepare: (fake: FakeFacebookApi) => void = () => undefined) {
    const fake = new FakeFacebookApi();
    fake.heartbeatMs = 100;
    prepare(fake);
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    const source = new FacebookSource(
      {
        pageToken: () => fake.pageToken,
        liveVideoId: fake.liveVideoId,
        apiBaseUrl: fake.url,
        after: null,
      },
      harness.context,
      { timings: FAST },
    );
    source.start();
    cleanups.push(() => source.stop());
    return { fake, harness, source };
  }

  it('takes comments live as they are written, with only the fields it asked for', async () => {
    const { fake, harness } = await setup();
    await eventually(() => expect(harness.last()?.message.code).toBe('facebook.live'), 5000);
    const posted = [
      fake.comment('Wie seht ihr KI im Mittelstand?', 'Steph C.'),
      fake.comment('Shoutout over here!', 'Kevin D.'),
      fake.comment('Where is this place?', 'Clay T.'), // hides the name from apps
    ];
    await eventually(() => expect(harness.comments.size).toBe(3), 5000);
    expect(harness.comments.get(posted[0]?.id ?? '')).toMatchObject({
      platform: 'facebook',
      author: { name: 'Steph C.' },
      text: 'Wie seht ihr KI im Mittelstand?',
    });
    expect(harness.comments.get(posted[2]?.id ?? '')?.author.name).toBe('Facebook user');
    // They came over the live connection: the comments edge was read once, at the start.
    expect(fake.counts.edge).toBe(1);
    expect(fake.askedFields).toContain(COMMENT_FIELDS);
  });

  it('also takes comments the live rate held back, without waiting for a gap', async () => {
    const { fake, harness } = await setup();
    await eventually(() => expect(harness.last()?.message.code).toBe('facebook.live'), 5000);
    fake.heldBackLive = 2;
    const held = [fake.comment('Held back one?', 'Ann'), fake.comment('Held back two?', 'Bo')];
    fake.comment('Delivered live', 'Cem');
    await eventually(() => expect(harness.comments.size).toBe(3), 5000);
    expect(harness.comments.has(held[1]?.id ?? '')).toBe(true);
    expect(harness.statuses.filter((s) => s.state === 'reconnecting')).toEqual([]);
  });

  it('polls the comments edge when Facebook refuses live comments, and still gets every one', async () => {
    const { fake, harness } = await setup((f) => (f.sseAvailable = false));
    fake.comment('Before we started?', 'Ann');
    await eventually(() => expect(harness.last()?.message.code).toBe('facebook.polling'), 5000);
    fake.comment('And after?', 'Bo');
    await eventually(() => expect(harness.comments.size).toBe(2), 5000);
    expect(fake.counts.sse).toBe(1);
  });

  it("reads the comments edge's documented sample response", async () => {
    // https://developers.facebook.com/docs/live-video-api/guides/comments (Sample Response)
    const { harness } = await setup((f) => {
      f.sseAvailable = false;
      f.comments.push(
        {
          created_time: '2018-08-30T18:47:02+0000',
          from: { name: 'Steph C.', id: '552524095105158' },
          message: 'This is such a great live stream.',
          id: '911936075671494_911936769004758',
        },
        {
          created_time: '2018-08-30T18:48:14+0000',
          from: { name: 'Clay T.', id: '552524095105158' },
          message: 'Where is this place?',
          id: '911936075671494_911937292338039',
        },
      );
    });
    await eventually(() => expect(harness.comments.size).toBe(2), 5000);
    expect(harness.comments.get('911936075671494_911936769004758')).toMatchObject({
      author: { name: 'Steph C.' },
      text: 'This is such a great live stream.',
      createdAt: '2018-08-30T18:47:02.000Z',
    });
  });

  it.each([
    ['tokenExpired', 'facebook.token_expired'],
    ['permission', 'facebook.permission'],
    ['appReview', 'facebook.app_review'],
  ] as [FacebookFault, string][])(
    'says plainly what %s means and stops asking',
    async (fault, code) => {
      const { fake, harness } = await setup((f) => f.faults.push(fault));
      await eventually(
        () => expect(harness.last()).toMatchObject({ state: 'error', message: { code } }),
        5000,
      );
      // One refused request, no retries: waiting cannot fix this.
      expect(fake.askedFields.length).toBe(1);
    },
  );

  it('says when the live video does not exist for this token', async () => {
    const fake = new FakeFacebookApi();
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    const source = new FacebookSource(
      {
        pageToken: () => fake.pageToken,
        liveVideoId: '123456789',
        apiBaseUrl: fake.url,
        after: null,
      },
      harness.context,
      { timings: FAST },
    );
    source.start();
    cleanups.push(() => source.stop());
    await eventually(() =>
      expect(harness.last()).toMatchObject({
        state: 'error',
        message: { code: 'facebook.not_found' },
      }),
    );
  });

  it('waits out a rate limit and says until when', async () => {
    const { fake, harness } = await setup();
    await eventually(() => expect(harness.last()?.message.code).toBe('facebook.live'), 5000);
    fake.faults.push('rateLimit');
    fake.dropStreams();
    await eventually(() => expect(harness.last()?.state).toBe('rate_limited'), 5000);
    expect(harness.last()?.message.params.code).toBe(4);
    await eventually(() => expect(harness.last()?.message.code).toBe('facebook.live'), 5000);
  });
});

describe('Graph answers', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const body = (code: number, message: string) =>
    JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'Abc' } });

  it('sorts Graph error codes into what Panelcast can do about them', () => {
    const none = headers({});
    expect(graphFailure(400, body(190, 'Session has expired'), none).kind).toBe('token_expired');
    for (const code of [4, 17, 32, 613]) {
      expect(graphFailure(400, body(code, 'limit reached'), none).kind).toBe('rate_limited');
    }
    expect(
      graphFailure(403, body(10, "(#10) requires the 'Page Public Content Access' feature"), none)
        .kind,
    ).toBe('permission');
    expect(graphFailure(403, body(200, 'not approved in App Review'), none).kind).toBe(
      'app_review',
    );
    expect(graphFailure(400, body(100, 'does not exist'), none).kind).toBe('not_found');
    expect(graphFailure(503, '<html>Service Unavailable</html>', none)).toMatchObject({
      kind: 'transient',
      code: null,
    });
  });

  it('reads the usage headers, including the time until access returns', () => {
    const h = headers({
      'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 5 }),
      'x-business-use-case-usage': JSON.stringify({
        '1234': [
          {
            type: 'pages',
            call_count: 96,
            total_cputime: 10,
            total_time: 20,
            estimated_time_to_regain_access: 7,
          },
        ],
      }),
    });
    expect(usage(h)).toEqual({ percent: 96, regainMs: 7 * 60_000 });
    expect(usageFactor(96)).toBeGreaterThan(usageFactor(50));
    expect(usage(headers({ 'x-app-usage': 'not json' }))).toEqual({ percent: 0, regainMs: null });
  });
});

describe('Server-Sent Events framing', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('decodes characters split across chunks and line ends of every kind, wherever cut', () => {
    const stream = bytes('data: {"message":"Grüße 👋"}\r\n\r\n: heartbeat\r\rdata: a\ndata: b\n\n');
    for (const size of [1, 2, 3, 5, 7]) {
      const splitter = new SseSplitter();
      const items = [];
      for (let i = 0; i < stream.length; i += size)
        items.push(...splitter.push(stream.slice(i, i + size)));
      expect(items).toEqual([
        { kind: 'event', event: 'message', data: '{"message":"Grüße 👋"}' },
        { kind: 'heartbeat' },
        { kind: 'event', event: 'message', data: 'a\nb' },
      ]);
    }
  });
});

describe('Facebook in the core', () => {
  it('takes its token bound to the Graph hosts, and refuses a deleted comment right before air', async () => {
    const fake = new FakeFacebookApi();
    fake.heartbeatMs = 100;
    await fake.start();
    const core = await startTestCore({ facebookTimings: FAST });
    try {
      const missing = await api(core, 'PUT', '/api/sources/facebook/settings', {
        body: { enabled: true, liveVideoId: fake.liveVideoId, apiBaseUrl: fake.url },
      });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('sources.secret_missing');
      const saved = await api(core, 'PUT', '/api/sources/facebook/settings', {
        body: {
          enabled: true,
          liveVideoId: fake.liveVideoId,
          apiBaseUrl: fake.url,
          secret: fake.pageToken,
        },
      });
      expect(saved.status).toBe(200);
      expect(JSON.stringify(core.hub.get('sourceForms'))).not.toContain(fake.pageToken);
      await eventually(
        () =>
          expect(core.hub.get('sources').find((s) => s.id === 'facebook')?.state).toBe('connected'),
        5000,
      );
      const kept = fake.comment('Still here?', 'Kim');
      const gone = fake.comment('Regretted this one', 'Lou');
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      await eventually(() => expect(byId(gone.id)).toBeDefined(), 5000);
      fake.deleteComment(gone.id);

      const refused = await api(core, 'POST', `/api/comments/${byId(gone.id)?.id ?? ''}/air`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('queue.gone_on_platform');
      expect(byId(gone.id)?.status).toBe('rejected');
      const aired = await api(core, 'POST', `/api/comments/${byId(kept.id)?.id ?? ''}/air`);
      expect(aired.status).toBe(200);

      // Another address for the token: it is not sent there; it must be typed again.
      const moved = await api(core, 'PUT', '/api/sources/facebook/settings', {
        body: { enabled: true, liveVideoId: fake.liveVideoId, apiBaseUrl: 'http://127.0.0.1:9' },
      });
      expect(moved.status).toBe(400);
      expect(JSON.stringify(moved.body)).toContain('secrets.reenter');
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });

  it('refuses a test address where test hooks are off', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const refused = await api(core, 'PUT', '/api/sources/facebook/settings', {
        body: {
          enabled: true,
          liveVideoId: '911936075671494',
          apiBaseUrl: 'http://127.0.0.1:9',
          secret: 'EAAG',
        },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('secrets.test_hooks_off');
    } finally {
      await core.dispose();
    }
  });
});
