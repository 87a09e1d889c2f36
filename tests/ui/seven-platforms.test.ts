// Acceptance (issue 17): questions from all seven platforms' fakes (X, YouTube, Facebook, LinkedIn,
// Twitch over EventSub, Mastodon, Bluesky) and the audience page meet in one moderator view, each
// card tagged with its platform's icon, in English and German; a Twitch message deleted by a
// channel moderator leaves the view.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/shared/comment.js';
import { FakeBlueskyApi } from '../fakes/bluesky-api.js';
import { FakeFacebookApi } from '../fakes/facebook-api.js';
import { FakeLinkedInApi } from '../fakes/linkedin-api.js';
import { FakeMastodonApi } from '../fakes/mastodon-api.js';
import { FakeTwitch } from '../fakes/twitch-api.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

const ICON_LABEL: Partial<Record<Platform, string>> = {
  x: 'X',
  youtube: 'YouTube',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  twitch: 'Twitch',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  audience: 'Audience page',
};

const QUESTIONS: [Platform, string][] = [
  ['x', 'Wie sieht die Zukunft offener Daten aus? #NextTalk'],
  ['youtube', 'Greetings from Hamburg: what about privacy?'],
  ['facebook', 'Gibt es die Folien später online?'],
  ['linkedin', 'How do mid-sized companies start with this?'],
  ['twitch', 'Welche Tools nutzt ihr im Alltag?'],
  ['mastodon', 'Wie föderiert ihr das Archiv? #NextTalk'],
  ['bluesky', 'Is there a recording for Europe’s evening? #NextTalk'],
  ['audience', 'Wer finanziert das langfristig?'],
];

describe('seven platforms and the audience page in one moderator view', () => {
  let core: TestCore;
  let browser: Browser;
  let moderator: Page;
  const x = new FakeXApi();
  const youtube = new FakeYouTubeApi();
  const facebook = new FakeFacebookApi();
  const linkedin = new FakeLinkedInApi();
  const twitch = new FakeTwitch();
  const mastodon = new FakeMastodonApi();
  const bluesky = new FakeBlueskyApi();
  const fakes = [x, youtube, facebook, linkedin, twitch, mastodon, bluesky];

  /** Every source's settings, through the REST API as a script or Companion would send them. */
  async function configure(): Promise<number[]> {
    const put = (path: string, body: Record<string, unknown>) =>
      api(core, 'PUT', path, { body }).then((r) => r.status);
    return Promise.all([
      put('/api/sources/x', {
        enabled: true,
        hashtags: ['#NextTalk'],
        bearerToken: x.bearer,
        apiBaseUrl: x.url,
      }),
      put('/api/sources/youtube', {
        enabled: true,
        video: youtube.videoId,
        apiKey: youtube.apiKey,
        rootUrl: youtube.url,
      }),
      put('/api/sources/facebook/settings', {
        enabled: true,
        liveVideoId: facebook.liveVideoId,
        apiBaseUrl: facebook.url,
        secret: facebook.pageToken,
      }),
      put('/api/sources/linkedin/settings', {
        enabled: true,
        postUrn: linkedin.postUrn,
        dailyRequests: 1_000_000,
        apiBaseUrl: linkedin.url,
        secret: linkedin.accessToken,
      }),
      put('/api/sources/twitch/settings', {
        enabled: true,
        channel: twitch.channel,
        clientId: twitch.clientId,
        apiBaseUrl: twitch.url,
        secret: twitch.userToken,
      }),
      put('/api/sources/mastodon/settings', {
        enabled: true,
        instanceUrl: 'https://chaos.social',
        hashtag: mastodon.tag,
        apiBaseUrl: mastodon.url,
        secret: mastodon.token,
      }),
      put('/api/sources/bluesky/settings', {
        enabled: true,
        handle: bluesky.handle,
        hashtag: bluesky.tag,
        apiBaseUrl: bluesky.url,
        secret: bluesky.appPassword,
      }),
    ]);
  }

  beforeAll(async () => {
    x.heartbeatMs = 200;
    youtube.pollingIntervalMillis = 100;
    facebook.heartbeatMs = 200;
    await Promise.all(fakes.map((fake) => fake.start()));
    core = await startTestCore({
      xTimings: { keepAliveMs: 2000, pollIntervalMs: 250, httpInitialMs: 150 },
      youtubeTimings: { minPollMs: 100, dailyUnits: 100_000_000 },
      facebookTimings: { pollIntervalMs: 200, keepAliveMs: 2000 },
      linkedinTimings: { minPollMs: 200 },
      twitchTimings: { retry: { initialMs: 100, maxMs: 1000, jitter: 0 } },
      mastodonTimings: { retry: { initialMs: 100, maxMs: 1000, jitter: 0 } },
      blueskyTimings: { minPollMs: 200, retry: { initialMs: 100, maxMs: 1000, jitter: 0 } },
    });
    await api(core, 'PUT', '/api/show', { body: { title: '#NextTalk' } });
    expect(await configure()).toEqual([200, 200, 200, 200, 200, 200, 200]);
    browser = await launchBrowser();
    moderator = await browser.newPage({ viewport: { width: 1600, height: 1450 }, locale: 'en-US' });
    await moderator.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await moderator.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });

  const card = (text: string) => moderator.getByTestId('comment-card').filter({ hasText: text });

  async function ask(platform: Platform, text: string): Promise<void> {
    if (platform === 'x') x.post(text, 'ada');
    else if (platform === 'youtube') youtube.say(text, 'Björn');
    else if (platform === 'facebook') facebook.comment(text, 'Steph C.');
    else if (platform === 'linkedin') linkedin.comment(text);
    else if (platform === 'twitch') twitch.say(text, 'kiki_codes', 'Kiki_Codes');
    else if (platform === 'mastodon') mastodon.post(text, 'jan@chaos.social', 'Jan');
    else if (platform === 'bluesky') bluesky.post(text, 'mara.bsky.social', 'Mara');
    else if (platform === 'audience') {
      const phone = await browser.newPage({
        viewport: { width: 390, height: 844 },
        locale: 'de-DE',
      });
      await phone.goto(`${core.url}audience`);
      await phone.getByLabel('Dein Name (optional)').fill('Lena');
      await phone.getByLabel('Deine Frage').fill(text);
      await phone.getByRole('button', { name: 'Frage senden' }).click();
      await phone.close();
    }
  }

  it('shows a question from each of the seven platforms and the audience page, each with its icon', async () => {
    const states = () => core.hub.get('sources').map((s) => [s.id, s.state]);
    await expect
      .poll(states, { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining(
          ['x', 'youtube', 'facebook', 'linkedin', 'twitch', 'mastodon', 'bluesky'].map((id) => [
            id,
            'connected',
          ]),
        ),
      );
    // EventSub, not the anonymous fallback: the token and Client ID were saved.
    expect(core.hub.get('sources').find((s) => s.id === 'twitch')?.message.code).toBe(
      'twitch.live',
    );
    for (const [platform, text] of QUESTIONS) await ask(platform, text);

    for (const [platform, text] of QUESTIONS) {
      const found = card(text);
      await expect
        .poll(() => found.count(), {
          timeout: 15_000,
          message: `${platform}: ${JSON.stringify(core.queue.list(null).map((c) => [c.platform, c.text]))}`,
        })
        .toBe(1);
      const icon = found.getByRole('img', { name: ICON_LABEL[platform] ?? platform, exact: true });
      expect(await icon.count(), `${platform} icon`).toBe(1);
    }
    // Handles as people write them, with one @ (Mastodon's carries the instance).
    expect(await card('Wie föderiert ihr das Archiv?').textContent()).toContain(
      '@jan@chaos.social',
    );
    expect(await card('Is there a recording').textContent()).toContain('@mara.bsky.social');
    expect(await card('Welche Tools nutzt ihr').textContent()).toContain('@kiki_codes');
    expect(await moderator.getByTestId('comment-card').filter({ hasText: '@@' }).count()).toBe(0);
    // One card per question: no platform delivered twice.
    expect(await moderator.getByTestId('comment-card').count()).toBe(QUESTIONS.length);
    await saveScreenshot(moderator, 'seven-platforms-en');

    const german = await browser.newPage({
      viewport: { width: 1600, height: 1450 },
      locale: 'de-DE',
    });
    await german.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await german.getByTestId('connection').filter({ hasText: 'Verbunden' }).waitFor();
    const cards = german.getByTestId('comment-card');
    await expect.poll(() => cards.count()).toBe(QUESTIONS.length);
    const audience = cards.filter({ hasText: 'Wer finanziert das langfristig?' });
    expect(await audience.getByRole('img', { name: 'Publikumsseite', exact: true }).count()).toBe(
      1,
    );
    await saveScreenshot(german, 'seven-platforms-de');
    await german.close();
  });

  it('takes a Twitch message deleted by a channel moderator out of the view', async () => {
    const message = twitch.say('Spam spam spam', 'spammer');
    await expect.poll(() => card('Spam spam spam').count(), { timeout: 10_000 }).toBe(1);
    twitch.deleteMessage(message.id);
    await expect.poll(() => card('Spam spam spam').count(), { timeout: 10_000 }).toBe(0);
    // The others stay.
    expect(await card('Wie föderiert ihr das Archiv?').count()).toBe(1);
  });
});
