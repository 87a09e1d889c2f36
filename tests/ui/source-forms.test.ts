// The X and YouTube forms in Settings (they take secrets): what is typed reaches the core, the
// secret field empties after saving and then only says "saved", and nothing connects while off.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

describe('source forms with secrets', () => {
  let core: TestCore;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1200 }, locale: 'en-US' });
    await page.goto(`${core.url}settings?token=${core.token}#sources`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('saves X hashtags, mode and token; the token is never shown again', async () => {
    const form = page.locator('form', { hasText: 'X (hashtags)' });
    await form.getByLabel('Hashtags').fill('#NextTalk, #KI');
    await form.getByLabel('How to read').selectOption('poll');
    await form.getByLabel('Bearer token of your X app').fill('secret-bearer-token-123');
    await page.getByTestId('settings-sources').getByTestId('section-save').click();
    await expect
      .poll(() => core.hub.get('config').x)
      .toMatchObject({ hashtags: ['#NextTalk', '#KI'], mode: 'poll', tokenSaved: true });
    const token = form.getByLabel('Bearer token of your X app');
    await expect.poll(() => token.inputValue()).toBe('');
    // The form learns that the token is saved from the core's next state, a moment later.
    await expect.poll(() => token.getAttribute('placeholder')).toContain('Saved');
    expect(await page.content()).not.toContain('secret-bearer-token-123');
    expect(core.hub.get('config').x.enabled).toBe(false);
  });

  it("keeps YouTube's Save off until there is a video, then saves it with the key", async () => {
    const form = page.locator('form', { hasText: 'YouTube live chat' });
    const save = page.getByTestId('settings-sources').getByTestId('section-save');
    await form.getByLabel('API key (YouTube Data API v3)').fill('AIza-test-key');
    expect(await save.isDisabled()).toBe(true);
    await form
      .getByLabel('Live video URL or id')
      .fill('https://www.youtube.com/watch?v=abcdefghijk');
    await expect.poll(() => save.isDisabled()).toBe(false);
    await save.click();
    await expect.poll(() => core.hub.get('config').youtube).toMatchObject({ keySaved: true });
    expect(core.hub.get('config').youtube.video).toContain('abcdefghijk');
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'settings-sources-en');
  });
});
