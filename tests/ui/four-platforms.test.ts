// Acceptance: questions from the four platform fakes (X, YouTube, Facebook, LinkedIn) and the
// audience page meet in one moderator view, each card with its platform's icon; a message a
// YouTube moderator deletes leaves the view live, and leaves the air when it was on air.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/shared/comment.js';
import { FakeFacebookApi } from '../fakes/facebook-api.js';
import { FakeLinkedInApi } from '../fakes/linkedin-api.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { clippedLabels } from '../helpers/labels.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

const ICON_LABEL: Record<string, string> = {
  x: 'X',
  youtube: 'YouTube',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  audience: 'Audience page',
};

describe('four platforms and the audience page in one moderator view', () => {
  let core: TestCore;
  let browser: Browser;
  let moderator: Page;
  const x = new FakeXApi();
  const youtube = new FakeYouTubeApi();
  const facebook = new FakeFacebookApi();
  const linkedin = new FakeLinkedInApi();

  beforeAll(async () => {
    x.heartbeatMs = 200;
    youtube.pollingIntervalMillis = 100;
    facebook.heartbeatMs = 200;
    await Promise.all([x.start(), youtube.start(), facebook.start(), linkedin.start()]);
    core = await startTestCore({
      xTimings: { keepAliveMs: 2000, pollIntervalMs: 250, httpInitialMs: 150 },
      youtubeTimings: { minPollMs: 100, dailyUnits: 100_000_000 },
      facebookTimings: { pollIntervalMs: 200, keepAliveMs: 2000 },
      linkedinTimings: { minPollMs: 200 },
    });
    await api(core, 'PUT', '/api/show', { body: { title: '#NextTalk' } });
    const configured = await Promise.all([
      api(core, 'PUT', '/api/sources/x', {
        body: { enabled: true, hashtags: ['#NextTalk'], bearerToken: x.bearer, apiBaseUrl: x.url },
      }),
      api(core, 'PUT', '/api/sources/youtube', {
        body: {
          enabled: true,
          video: youtube.videoId,
          apiKey: youtube.apiKey,
          rootUrl: youtube.url,
        },
      }),
      api(core, 'PUT', '/api/sources/facebook/settings', {
        body: {
          enabled: true,
          liveVideoId: facebook.liveVideoId,
          apiBaseUrl: facebook.url,
          secret: facebook.pageToken,
        },
      }),
      api(core, 'PUT', '/api/sources/linkedin/settings', {
        body: {
          enabled: true,
          postUrn: linkedin.postUrn,
          // Roomy: the default 500 calls a day would poll only every 20 s or so.
          dailyRequests: 1_000_000,
          apiBaseUrl: linkedin.url,
          secret: linkedin.accessToken,
        },
      }),
    ]);
    expect(configured.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    browser = await launchBrowser();
    moderator = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    await moderator.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await moderator.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
    await Promise.all([x.stop(), youtube.stop(), facebook.stop(), linkedin.stop()]);
  });

  const card = (text: string) => moderator.getByTestId('comment-card').filter({ hasText: text });

  it('shows a question from each platform and the audience page, each with its icon', async () => {
    const sources = () => core.hub.get('sources').map((s) => [s.id, s.state]);
    await expect.poll(sources, { timeout: 10_000 }).toEqual(
      expect.arrayContaining([
        ['x', 'connected'],
        ['youtube', 'connected'],
        ['facebook', 'connected'],
        ['linkedin', 'connected'],
      ]),
    );
    const questions: [Platform, string][] = [
      ['x', 'Wie sieht die Zukunft offener Daten aus? #NextTalk'],
      ['youtube', 'Greetings from Hamburg: what about privacy?'],
      ['facebook', 'Gibt es die Folien später online?'],
      ['linkedin', 'How do mid-sized companies start with this?'],
      ['audience', 'Wer finanziert das langfristig?'],
    ];
    x.post(questions[0]?.[1] ?? '', 'ada');
    youtube.say(questions[1]?.[1] ?? '', 'Björn');
    facebook.comment(questions[2]?.[1] ?? '', 'Steph C.');
    linkedin.comment(questions[3]?.[1] ?? '');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    await phone.goto(`${core.url}audience`);
    await phone.getByLabel('Dein Name (optional)').fill('Lena');
    await phone.getByLabel('Deine Frage').fill(questions[4]?.[1] ?? '');
    await phone.getByRole('button', { name: 'Frage senden' }).click();
    await phone.close();

    for (const [platform, text] of questions) {
      const found = card(text);
      await expect
        .poll(() => found.count(), {
          timeout: 10_000,
          message: `${platform}: ${JSON.stringify(core.queue.list(null).map((c) => [c.platform, c.text, c.status]))}`,
        })
        .toBe(1);
      const icon = found.getByRole('img', { name: ICON_LABEL[platform] ?? platform, exact: true });
      expect(await icon.count(), `${platform} icon`).toBe(1);
    }
    await saveScreenshot(moderator, 'four-platforms-en');
    const german = await browser.newPage({
      viewport: { width: 1600, height: 900 },
      locale: 'de-DE',
    });
    await german.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await german.getByTestId('connection').filter({ hasText: 'Verbunden' }).waitFor();
    await expect.poll(() => german.getByTestId('comment-card').count()).toBeGreaterThanOrEqual(5);
    await saveScreenshot(german, 'four-platforms-de');
    await german.close();
  });

  it('takes a message deleted by a YouTube moderator out of the view, and off the air', async () => {
    const waiting = youtube.say('Will this stay?', 'Carla');
    const aired = youtube.say('Can this go on air?', 'Dario');
    await expect.poll(() => card('Will this stay?').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => card('Can this go on air?').count(), { timeout: 10_000 }).toBe(1);
    const comment = core.queue.list(null).find((c) => c.platformId === aired.id);
    if (!comment) throw new Error('not in the queue');
    const put = await api(core, 'POST', `/api/comments/${comment.id}/air`);
    expect(put.status).toBe(200);
    const onAir = moderator.getByTestId('column-aired').getByTestId('comment-card');
    await expect.poll(() => onAir.filter({ hasText: 'Can this go on air?' }).count()).toBe(1);

    youtube.deleteMessage(waiting.id);
    youtube.deleteMessage(aired.id);
    await expect.poll(() => card('Will this stay?').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => card('Can this go on air?').count(), { timeout: 10_000 }).toBe(0);
    expect(core.hub.get('queue').onAir).toBeNull();
    // The other platforms' cards stay.
    expect(await card('Gibt es die Folien später online?').count()).toBe(1);
  });

  it('says in Settings what Facebook and LinkedIn need, in English and German, and keeps the tokens', async () => {
    for (const [locale, fb, li, saved] of [
      ['en-US', 'App Review', 'personal profile', 'Saved — leave empty to keep it'],
      [
        'de-DE',
        'App Review',
        'persönlichen Profils',
        'Gespeichert – leer lassen, um es zu behalten',
      ],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1400 }, locale });
      await page.goto(`${core.url}settings?token=${core.token}#sources`);
      const facebookForm = page.getByTestId('source-form-facebook');
      const linkedinForm = page.getByTestId('source-form-linkedin');
      await facebookForm.waitFor();
      await expect.poll(() => facebookForm.textContent()).toContain(fb);
      await expect.poll(() => linkedinForm.textContent()).toContain(li);
      const token = facebookForm.locator('input[type=password]');
      await expect.poll(() => token.getAttribute('placeholder')).toBe(saved);
      expect(await token.inputValue()).toBe('');
      await linkedinForm.scrollIntoViewIfNeeded();
      expect(await clippedLabels(page)).toEqual([]);
      await saveScreenshot(page, `four-platforms-settings-${locale}`);
      await page.close();
    }
    // Saving the form without typing the token keeps it, and the source keeps running.
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${core.url}settings?token=${core.token}#sources`);
    const facebookForm = page.getByTestId('source-form-facebook');
    const section = page.getByTestId('settings-sources');
    // Retyping the video id is an edit; the section's one Save then saves it.
    const video = facebookForm.getByLabel('Live video id');
    await video.fill('1');
    await video.fill(facebook.liveVideoId);
    await section.getByTestId('section-save').click();
    await expect.poll(() => section.getByTestId('section-status').textContent()).toBe('Saved.');
    await expect
      .poll(() => core.hub.get('sources').find((s) => s.id === 'facebook')?.state, {
        timeout: 5000,
      })
      .toBe('connected');
    await page.close();
  });
});
