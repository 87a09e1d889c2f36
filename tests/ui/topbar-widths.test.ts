// The top bar at laptop widths: German tab names are long, so between a tablet (where the brand
// name and show state give way) and a full-HD screen the show title and key hints must give way
// before anything is clipped. Checked on every view in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser } from '../helpers/browser.js';
import { clippedLabels } from '../helpers/labels.js';

describe('the top bar at laptop widths', () => {
  let core: TestCore;
  let browser: Browser;
  beforeAll(async () => {
    core = await startTestCore();
    // A long title, as a weekly show has: "#NextTalk 47: …".
    await api(core, 'PUT', '/api/shows/current', {
      body: { title: '#NextTalk 47: Digitale Souveränität in Europa' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('clips no label in German or English at 1280, 1366 and 1536 px', async () => {
    const clipped: string[] = [];
    for (const width of [1280, 1366, 1536]) {
      for (const locale of ['de-DE', 'en-US']) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, locale });
        for (const view of ['producer', 'moderator', 'settings', 'shows']) {
          await page.goto(`${core.url}${view}?token=${core.token}`);
          await page
            .getByTestId('connection')
            .filter({ hasText: /Verbunden|Connected/ })
            .waitFor();
          const topbar = await clippedLabels(page);
          clipped.push(...topbar.map((label) => `${width} ${locale} ${view}: ${label}`));
        }
        await page.close();
      }
    }
    expect(clipped).toEqual([]);
  }, 120_000);
});
