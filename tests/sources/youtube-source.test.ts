// YouTube live chat through the real @googleapis/youtube client against a local fake of the
// YouTube Data API.
import { inEnglish } from '../../src/shared/messages/message.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/shared/state.js';
import { nextPacificMidnight } from '../../src/sources/youtube-source.js';
import { videoIdFrom } from '../../src/sources/youtube-video.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';

const FAST = {
  minPollMs: 50,
  waitForChatMs: 150,
  retry: { initialMs: 50, maxMs: 200, jitter: 0 },
  maxQuotaWaitMs: 400,
  // Fast polls in these tests would spread a real day's quota thin; this one is roomy.
  dailyUnits: 100_000_000,
};

const wording = (status: { message: Parameters<typeof inEnglish>[0] } | undefined): string =>
  status ? inEnglish(status.message) : '';

describe('YouTube source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const fake = new FakeYouTubeApi();
    await fake.start();
    cleanups.push(() => fake.stop());
    const core = await startTestCore({ youtubeTimings: FAST });
    cleanups.push(() => core.dispose());
    return { fake, core };
  }
  const configure = (core: TestCore, fake: FakeYouTubeApi, extra: Record<string, unknown> = {}) =>
    api(core, 'PUT', '/api/sources/youtube', {
      body: {
        enabled: true,
        video: `https://www.youtube.com/watch?v=${fake.videoId}&t=5s`,
        apiKey: fake.apiKey,
        rootUrl: fake.url,
        ...extra,
      },
    });
  const status = (core: TestCore): SourceStatus | undefined =>
    core.hub.get('sources').find((s) => s.id === 'youtube');
  const ytComments = (core: TestCore) =>
    core.queue.list(null).filter((c) => c.platform === 'youtube');

  it('reads the chat page by page, flags Super Chats, and survives YouTube hiccups', async () => {
    const { fake, core } = await setup();
    fake.liveChatId = null; // the stream has not started yet
    expect((await configure(core, fake)).status).toBe(200);
    await eventually(
      () => expect(wording(status(core))).toMatch(/has no live chat right now/),
      3000,
    );
    fake.liveChatId = 'Cg0KC2RRdzR3OVdnWGNRKicKGFVDX3g1WEc1';

    const said = Array.from({ length: 12 }, (_, i) => fake.say(`Question ${i}?`, `Viewer ${i}`));
    fake.say('Thank you all!', 'Big Fan', { type: 'superChatEvent', amount: '€20.00' });
    fake.say('joined', 'Member', { type: 'newSponsorEvent' });
    await eventually(() => expect(ytComments(core)).toHaveLength(13), 5000);
    expect(status(core)?.state).toBe('connected');
    const superchat = ytComments(core).find((c) => c.author.name === 'Big Fan');
    expect(superchat).toMatchObject({
      text: 'Thank you all!',
      flags: { superchat: { amount: '€20.00' } },
    });
    const first = ytComments(core).find((c) => c.platformId === said[0]?.id);
    expect(first?.author).toMatchObject({
      name: 'Viewer 0',
      profileUrl: expect.stringMatching(/^https:\/\/www\.youtube\.com\/channel\/UC/),
      avatarUrl: expect.stringMatching(/^https:\/\/yt3\.ggpht\.com\//),
    });

    fake.faults.push('backendError', 'garbage', 'rateLimitExceeded');
    fake.say('After the hiccups?', 'Late');
    await eventually(() => expect(ytComments(core)).toHaveLength(14), 5000);
    await eventually(() => expect(status(core)?.counters.malformed).toBe(1));
    expect(new Set(ytComments(core).map((c) => c.platformId)).size).toBe(14);
  });

  it("reads the chat only from the show's pre-show window on", async () => {
    const { fake, core } = await setup();
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    // The broadcast's chat has been open all day; the show starts in 10 minutes, 30 before count.
    const planned = await api(core, 'PUT', '/api/shows/current', {
      body: { plannedStart: new Date(Date.now() + 10 * 60_000).toISOString(), preShowMin: 30 },
    });
    expect(planned.status).toBe(200);
    fake.say('Morning chatter', 'Early', { publishedAt: ago(300) });
    fake.say('Half an hour before the window', 'Early 2', { publishedAt: ago(50) });
    const inside = fake.say('Is the show about to start?', 'Punctual', { publishedAt: ago(15) });
    await configure(core, fake);
    await eventually(() => expect(ytComments(core).map((c) => c.platformId)).toEqual([inside.id]));
    const live = fake.say('Hello from the live show!', 'Live');
    await eventually(() => expect(ytComments(core)).toHaveLength(2), 5000);
    expect(ytComments(core).map((c) => c.platformId)).toContain(live.id);
    expect(status(core)?.counters.received).toBe(2);
  });

  it('says when the quota is used up, and stops when the chat ends', async () => {
    const { fake, core } = await setup();
    await configure(core, fake);
    await eventually(() => expect(status(core)?.state).toBe('connected'), 3000);
    fake.faults.push('quotaExceeded');
    await eventually(() => expect(status(core)?.state).toBe('rate_limited'), 3000);
    expect(wording(status(core))).toMatch(
      /quota is used up until \d\d:\d\d \(midnight Pacific time\)/,
    );
    await eventually(() => expect(status(core)?.state).toBe('connected'), 3000);
    fake.faults.push('liveChatEnded');
    await eventually(() => expect(status(core)?.state).toBe('stopped'), 3000);
    expect(wording(status(core))).toMatch(/live chat has ended/);
    const polls = fake.counts.messages;
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.counts.messages).toBe(polls);
  });

  it('refuses a bad video link up front, and says when the API key is rejected', async () => {
    const { fake, core } = await setup();
    const bad = await configure(core, fake, { video: 'https://vimeo.com/12345' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('is not a YouTube video URL or id') },
    });
    await configure(core, fake, { apiKey: 'AIzaWrongKey' });
    await eventually(() => expect(status(core)?.state).toBe('error'), 3000);
    expect(wording(status(core))).toMatch(/^YouTube rejected the API key: API key not valid/);
    expect(JSON.stringify((await api(core, 'GET', '/api/state')).body)).not.toContain(
      'AIzaWrongKey',
    );
  });

  it('finds the video id in every kind of YouTube link', () => {
    for (const link of [
      'dQw4w9WgXcQ',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ?si=abc',
      'https://www.youtube.com/live/dQw4w9WgXcQ?feature=share',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
    ]) {
      expect(videoIdFrom(link), link).toBe('dQw4w9WgXcQ');
    }
    for (const link of [
      'https://example.com/watch?v=dQw4w9WgXcQ',
      'not a link',
      'https://youtube.com/watch?v=short',
    ]) {
      expect(videoIdFrom(link), link).toBeNull();
    }
  });

  it('knows when the quota resets (midnight in California)', () => {
    // 2026-11-23 19:00 UTC is 11:00 in Los Angeles (PST, UTC−8): 13 hours to go.
    expect(nextPacificMidnight(new Date('2026-11-23T19:00:00Z')).toISOString()).toBe(
      '2026-11-24T08:00:00.000Z',
    );
  });
});
