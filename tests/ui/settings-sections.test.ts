// Settings in sections, each with one save state: an edit shows "unsaved changes" in its
// section and in the navigation; Save sends only that section; a draft left in another section
// is kept (and named) while a different one shows. Deep links open a section; screenshots at
// 1920x1080 and 1024x768 in German and English have no clipped label.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { clippedLabels } from '../helpers/labels.js';

describe('Settings in sections with one save state each', () => {
  let core: TestCore;
  let browser: Browser;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  const nav = (page: Page, name: string | RegExp) =>
    page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name });

  it("saves only the section shown, and keeps the other section's draft", async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    page.setDefaultTimeout(8000);
    await page.goto(`${core.url}settings?token=${core.token}`);
    const show = page.getByTestId('settings-show');
    const rundown = page.getByTestId('settings-rundown');
    await show.getByLabel('Show title').waitFor();
    expect(await show.getByTestId('section-save').isDisabled()).toBe(true);

    await show.getByLabel('Show title').fill('Tech Talk');
    await expect
      .poll(() => show.getByTestId('section-status').textContent())
      .toBe('Unsaved changes');
    await expect.poll(() => page.getByTestId('unsaved-show').isVisible()).toBe(true);

    // Over to the rundown: the title's draft is named, and a new one starts there.
    await nav(page, /Rundown/).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#rundown');
    await expect.poll(() => show.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('unsaved-elsewhere').textContent()).toContain('Show');
    await rundown.getByRole('button', { name: 'Add segment' }).click();
    await rundown.getByLabel('Segment', { exact: true }).last().fill('Welcome');
    await expect
      .poll(() => rundown.getByTestId('section-status').textContent())
      .toBe('Unsaved changes');

    // Back: the title is still there; Save sends it and nothing of the rundown.
    await nav(page, /Show/).click();
    await expect.poll(() => show.getByLabel('Show title').inputValue()).toBe('Tech Talk');
    await expect
      .poll(() => page.getByTestId('unsaved-elsewhere').textContent())
      .toContain('Rundown');
    // Enter in a field saves the section, as its Save button does.
    await show.getByLabel('Show title').press('Enter');
    await expect.poll(() => show.getByTestId('section-status').textContent()).toBe('Saved.');
    expect(core.hub.get('app').showTitle).toBe('Tech Talk');
    expect(core.hub.get('rundown').segments).toEqual([]);
    // The mark goes once the saved form reports itself clean (a render after "Saved.").
    await expect.poll(() => page.getByTestId('unsaved-show').count()).toBe(0);
    await expect.poll(() => page.getByTestId('unsaved-rundown').isVisible()).toBe(true);

    await nav(page, /Rundown/).click();
    await expect
      .poll(() => rundown.getByLabel('Segment', { exact: true }).last().inputValue())
      .toBe('Welcome');
    await rundown.getByTestId('section-save').click();
    await expect
      .poll(() => core.hub.get('rundown').segments.map((s) => s.title))
      .toEqual(['Welcome']);
    await expect.poll(() => page.getByTestId('unsaved-rundown').count()).toBe(0);
    await expect.poll(() => page.getByTestId('unsaved-elsewhere').count()).toBe(0);
    await page.close();
  });

  it('keeps a draft when the producer looks at another view and comes back', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    page.setDefaultTimeout(8000);
    await page.goto(`${core.url}settings?token=${core.token}#show`);
    const show = page.getByTestId('settings-show');
    const title = show.getByLabel('Show title');
    // The form fills in the saved title first; typing before that would land beside it.
    await expect.poll(() => title.inputValue()).toBe(core.hub.get('app').showTitle ?? '');
    await title.fill('Draft over the break');
    await expect
      .poll(() => show.getByTestId('section-status').textContent())
      .toBe('Unsaved changes');
    await page.keyboard.press('F1');
    await page
      .getByTestId('checklist')
      .or(page.getByRole('heading', { name: 'On air' }))
      .first()
      .waitFor();
    await expect.poll(() => show.isVisible()).toBe(false);
    await page.keyboard.press('F3');
    await expect
      .poll(() => show.getByLabel('Show title').inputValue())
      .toBe('Draft over the break');
    await expect
      .poll(() => show.getByTestId('section-status').textContent())
      .toBe('Unsaved changes');
    expect(core.hub.get('app').showTitle).not.toBe('Draft over the break');
    await show.getByTestId('section-save').click();
    await expect.poll(() => core.hub.get('app').showTitle).toBe('Draft over the break');
    await page.close();
  });

  it('shows a refused save as an error in that section, keeping the draft', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    await page.goto(`${core.url}settings?token=${core.token}#destinations`);
    const section = page.getByTestId('settings-destinations');
    await section.getByRole('button', { name: 'Add destination' }).click();
    const row = page.locator('[data-testid^="destination-dest-"]').last();
    await row.getByLabel('Platform').selectOption('custom');
    await row.getByLabel('Server URL').fill('http://not-rtmp');
    await section.getByTestId('section-save').click();
    await expect
      .poll(() => section.getByTestId('section-status').textContent())
      .toMatch(/^Not saved: /);
    expect(core.hub.get('relay').destinations).toEqual([]);
    expect(await row.getByLabel('Server URL').inputValue()).toBe('http://not-rtmp');
    expect(await clippedLabels(page)).toEqual([]);
    await saveScreenshot(page, 'settings-destinations-1024-en');
    await page.close();
  });

  for (const [locale, lang] of [
    ['en-US', 'en'],
    ['de-DE', 'de'],
  ] as const) {
    for (const [width, height] of [
      [1920, 1080],
      [1024, 768],
    ] as const) {
      it(`fits ${width}x${height} with no clipped label (${lang})`, async () => {
        const page = await browser.newPage({ viewport: { width, height }, locale });
        for (const section of ['show', 'obs', 'sources', 'destinations', 'rundown']) {
          await page.goto(`${core.url}settings?token=${core.token}#${section}`);
          const shown = page.getByTestId(`settings-${section}`);
          await shown.getByTestId('section-status').waitFor({ state: 'attached' });
          expect(await clippedLabels(page), section).toEqual([]);
          // Nothing wider than the screen: no sideways scrolling on the tablet.
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
            width,
          );
        }
        await page.goto(`${core.url}settings?token=${core.token}#show`);
        await page
          .getByTestId('settings-show')
          .getByLabel(/title|Titel/)
          .fill('Entwurf');
        await expect
          .poll(() => page.getByTestId('settings-show').getByTestId('section-status').textContent())
          .not.toBe('');
        await saveScreenshot(page, `settings-${width}-${lang}`);
        await page.close();
      });
    }
  }
});
