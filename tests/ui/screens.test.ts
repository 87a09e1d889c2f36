// The moderator on a 1024x768 tablet and the audience page on a 390x844 phone, in English and
// German: screenshots for people to look at, and no label whose text does not fit.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { clippedLabels } from '../helpers/labels.js';

describe('moderator and audience screens, de and en', () => {
  let core: TestCore;
  let browser: Browser;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    await api(core, 'PUT', '/api/show', { body: { title: 'Zukunft des Rundfunks' } });
    const texts = [
      'Wie finanzieren sich öffentlich-rechtliche Sender in zehn Jahren noch, wenn immer weniger Menschen linear fernsehen und die Haushaltsabgabe politisch unter Druck steht?',
      'Was halten Sie von KI-Untertiteln?',
      'Greetings from Hamburg!',
      'Which tools do you use for captions?',
    ];
    texts.forEach((text, i) => {
      const result = core.queue.ingest({
        platform: i % 2 === 0 ? 'youtube' : 'x',
        platformId: `screen-${i}`,
        author: {
          name: `Zuschauerin ${i + 1}`,
          handle: `z${i}`,
          avatarUrl: null,
          profileUrl: null,
        },
        text,
        createdAt: new Date(Date.now() - (i + 1) * 70_000).toISOString(),
        url: null,
      });
      if (result.outcome === 'added' && i >= 2) {
        core.queue.act({ type: 'approve', id: result.comment.id }, 'Ana');
      }
    });
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  async function open(path: string, locale: string, width: number, height: number): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height },
      locale,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${core.url}${path}`);
    return page;
  }

  for (const [language, locale] of [
    ['en', 'en-US'],
    ['de', 'de-DE'],
  ] as const) {
    it(`shows the moderator at 1024x768 with no clipped label (${language})`, async () => {
      const page = await open(`moderator?token=${core.token}&name=Mo`, locale, 1024, 768);
      const cards = page.getByTestId('comment-card');
      await expect.poll(() => cards.count()).toBe(4);
      // Times read as people say them (the wording is tested in tests/renderer).
      const time = await page.locator('.card__time').first().textContent();
      expect(time).toMatch(
        language === 'de' ? /^(jetzt|vor \d+ (s|Min\.))$/ : /^(now|\d+ (s|min) ago)$/,
      );
      await saveScreenshot(page, `moderator-1024-${language}`);
      expect(await clippedLabels(page)).toEqual([]);
      await page.close();
    });

    it(`shows the audience page at 390x844 with no clipped label (${language})`, async () => {
      const page = await open('audience', locale, 390, 844);
      await page.getByText('Zukunft des Rundfunks').waitFor();
      await page.getByText('Which tools do you use for captions?').waitFor();
      expect(await clippedLabels(page)).toEqual([]);
      const overflow = await page.evaluate<boolean>(
        'document.documentElement.scrollWidth > document.documentElement.clientWidth',
      );
      expect(overflow).toBe(false);
      await saveScreenshot(page, `audience-390-${language}`);
      await page.close();
    });
  }

  it('offers the audience link with a QR code and a copy button', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(`${core.url}settings?token=${core.token}#audience`);
    const link = page.getByTestId('audience-link');
    await link.waitFor();
    const expected = new URL('/audience', core.url).toString();
    expect(await link.getByTestId('audience-url').textContent()).toBe(expected);
    const qr = link.getByRole('img', { name: 'QR code of the audience page' });
    await expect
      .poll(() => qr.evaluate((img: { naturalWidth: number }) => img.naturalWidth))
      .toBeGreaterThan(100);
    await link.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => link.getByRole('button').textContent()).toBe('Copied');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(expected);
    await saveScreenshot(page, 'settings-audience-link-en');
    await context.close();
  });
});
