// YouTube tells us when messages go (a moderator deleted one, banned its author) and when the
// stream ends; Panelcast follows, and spends the day's quota so it lasts the planned show.
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/shared/state.js';
import type { SourceClock } from '../../src/sources/source.js';
import { YouTubeSource } from '../../src/sources/youtube-source.js';
import { DAILY_UNITS } from '../../src/sources/youtube-quota.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST = {
  minPollMs: 50,
  waitForChatMs: 150,
  retry: { initialMs: 50, maxMs: 200, jitter: 0 },
  maxQuotaWaitMs: 400,
  // Fast polls in these tests would spread a real day's quota thin; this one is roomy.
  dailyUnits: 100_000_000,
};

describe('YouTube deletions, bans, end of stream and quota', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const fake = new FakeYouTubeApi();
    fake.pollingIntervalMillis = 50;
    await fake.start();
    cleanups.push(() => fake.stop());
    const core = await startTestCore({ youtubeTimings: FAST });
    cleanups.push(() => core.dispose());
    const response = await api(core, 'PUT', '/api/sources/youtube', {
      body: { enabled: true, video: fake.videoId, apiKey: fake.apiKey, rootUrl: fake.url },
    });
    expect(response.status).toBe(200);
    return { fake, core };
  }
  const status = (core: TestCore): SourceStatus | undefined =>
    core.hub.get('sources').find((s) => s.id === 'youtube');
  const byPlatformId = (core: TestCore, platformId: string) =>
    core.queue.list(null).find((c) => c.platform === 'youtube' && c.platformId === platformId);

  it('takes a message a YouTube moderator deleted off the queue, and off the air', async () => {
    const { fake, core } = await setup();
    const aired = fake.say('Is this on air?', 'Ann');
    const waiting = fake.say('Still waiting?', 'Bo');
    await eventually(() => expect(byPlatformId(core, waiting.id)).toBeDefined(), 5000);
    const airedComment = byPlatformId(core, aired.id);
    if (!airedComment) throw new Error('not in');
    core.queue.act({ type: 'air', id: airedComment.id }, 'producer');
    expect(core.hub.get('queue').onAir?.id).toBe(airedComment.id);

    fake.deleteMessage(aired.id);
    fake.deleteMessage(waiting.id);
    await eventually(() => expect(byPlatformId(core, aired.id)?.status).toBe('rejected'), 5000);
    await eventually(() => expect(byPlatformId(core, waiting.id)?.status).toBe('rejected'));
    expect(core.hub.get('queue').onAir).toBeNull();
    await eventually(() => expect(status(core)?.counters.retracted).toBe(2));
  });

  it('takes back everything a banned viewer wrote, and nothing of others', async () => {
    const { fake, core } = await setup();
    const troll = [fake.say('first', 'Troll'), fake.say('second', 'Troll')];
    const channel = troll[0]?.author.channelId ?? '';
    if (troll[1]) troll[1].author.channelId = channel;
    const kind = fake.say('A kind question?', 'Kim');
    await eventually(() => expect(byPlatformId(core, kind.id)).toBeDefined(), 5000);
    fake.ban(channel);
    await eventually(
      () =>
        expect(troll.map((m) => byPlatformId(core, m.id)?.status)).toEqual([
          'rejected',
          'rejected',
        ]),
      5000,
    );
    expect(byPlatformId(core, kind.id)?.status).toBe('incoming');
  });

  it('ends the chat at offlineAt, and stops on an API that is not turned on', async () => {
    const { fake, core } = await setup();
    await eventually(() => expect(status(core)?.state).toBe('connected'), 5000);
    fake.offlineAt = new Date().toISOString();
    await eventually(() => expect(status(core)?.message.code).toBe('youtube.offline'), 5000);
    expect(status(core)?.state).toBe('stopped');

    fake.offlineAt = null;
    fake.faults.push('accessNotConfigured');
    await api(core, 'PUT', '/api/sources/youtube', {
      body: { enabled: true, video: fake.videoId, rootUrl: fake.url },
    });
    await eventually(
      () => expect(status(core)?.message.code).toBe('youtube.access_not_configured'),
      5000,
    );
    const polls = fake.counts.messages;
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.counts.messages).toBe(polls);
  });

  // A quarter of the default 10,000 units keeps the simulation short; pacing scales with it.
  const DAY = DAILY_UNITS / 4;

  it("keeps a 3-hour show inside the day's quota when YouTube asks for 1 s polls", async () => {
    const fake = new FakeYouTubeApi();
    fake.pollingIntervalMillis = 1000; // a busy chat: YouTube asks for fast polls
    await fake.start();
    cleanups.push(() => fake.stop());
    // Simulated time: each pause moves the clock on at once (10:00 Pacific, far from midnight).
    const start = Date.parse('2026-11-25T18:00:00.000Z');
    let now = start;
    const clock: SourceClock = {
      now: () => now,
      pause: async (ms, signal) => {
        if (!signal.aborted) now += ms;
        // Once the show is over the source waits here until stopped, so no request is in
        // flight when the counts are compared.
        if (now >= start + 3 * 3600_000 && !signal.aborted) {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        }
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
    const harness = sourceHarness();
    const source = new YouTubeSource(
      {
        apiKey: fake.apiKey,
        video: fake.videoId,
        rootUrl: fake.url,
        showMinutes: 180,
        streamUrl: null,
      },
      harness.context,
      { timings: { ...FAST, minPollMs: 1000, dailyUnits: DAY }, clock },
    );
    source.start();
    cleanups.push(() => source.stop());
    const early = harness.quota;
    await eventually(() => expect(harness.quota).not.toBeNull(), 5000);
    // Before pacing: at YouTube's pace the show would need far more than a day's quota.
    expect(harness.quota?.plannedNeed).toBeGreaterThan(DAY);
    expect(early).toBeNull();
    await eventually(() => expect(now).toBeGreaterThanOrEqual(start + 3 * 3600_000), 60_000);
    await source.stop();

    expect(fake.units).toBeLessThanOrEqual(DAY);
    // It used the quota, rather than starving the chat: over 90 % of the day's chat pages.
    expect(fake.units).toBeGreaterThan(DAY * 0.9);
    expect(harness.quota?.usedToday).toBe(fake.units);
    expect(harness.quota?.pollEveryMs).toBeGreaterThan(20_000);
  }, 90_000);
});
