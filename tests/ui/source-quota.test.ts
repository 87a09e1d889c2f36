// The YouTube quota in Settings: the units used today match what the (fake) API counted, the
// planned show's need is said, and a show that would not fit says how Panelcast slows down.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

describe('YouTube quota in Settings', () => {
  let core: TestCore;
  let browser: Browser;
  const fake = new FakeYouTubeApi();

  beforeAll(async () => {
    fake.pollingIntervalMillis = 1000; // a busy chat
    await fake.start();
    core = await startTestCore({
      youtubeTimings: { minPollMs: 1000, dailyUnits: 1000 },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
    await fake.stop();
  });

  it('shows units used today as counted by YouTube, and warns the show will not fit', async () => {
    await api(core, 'PUT', '/api/sources/youtube', {
      body: {
        enabled: true,
        video: fake.videoId,
        apiKey: fake.apiKey,
        rootUrl: fake.url,
        showMinutes: 120,
      },
    });
    for (const [lang, used, short] of [
      ['en-US', /YouTube quota today: (\d+) of 1,000 units used/, /Not enough quota/],
      ['de-DE', /YouTube-Kontingent heute: (\d+) von 1\.000 Einheiten verbraucht/, /reicht/],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, locale: lang });
      await page.goto(`${core.url}settings?token=${core.token}#sources`);
      const quota = page.getByTestId('source-quota');
      await quota.waitFor({ timeout: 10_000 });
      const text = (await quota.textContent()) ?? '';
      expect(text).toMatch(short);
      // Paced to ~40 s between pages, so the count holds still while we read it.
      expect(Number(used.exec(text)?.[1])).toBe(fake.units);
      await quota.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `settings-youtube-quota-${lang.slice(0, 2)}`);
      await page.close();
    }
  });
});
