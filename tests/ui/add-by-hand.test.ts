// "Add by hand": a moderator types a question heard on the phone or seen on a platform
// Panelcast cannot read; it lands in incoming with that platform's icon, with an audit entry.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

describe('adding a question by hand', () => {
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

  it('puts a typed question into incoming, tagged with where it was seen', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    await page.getByRole('button', { name: 'Add by hand' }).click();
    const form = page.getByRole('form', { name: 'Add by hand' });
    await form.getByLabel('Seen on').selectOption('linkedin');
    await form.getByLabel('Name (optional)').fill('Lena from Leipzig');
    await form.getByLabel('Question').fill('How do panels stay on time?');
    await form.getByRole('button', { name: 'Add to incoming' }).click();

    const card = page
      .getByTestId('comment-card')
      .filter({ hasText: 'How do panels stay on time?' });
    await card.waitFor();
    expect(await card.getByRole('img', { name: 'LinkedIn' }).count()).toBe(1);
    expect(await form.getByLabel('Question').inputValue()).toBe('');
    const comment = core.queue
      .list('incoming')
      .find((c) => c.text === 'How do panels stay on time?');
    expect(comment).toMatchObject({
      platform: 'linkedin',
      author: { name: 'Lena from Leipzig' },
      status: 'incoming',
    });
    await saveScreenshot(page, 'moderator-add-by-hand');

    // Every platform Panelcast reads is offered, the newer ones too.
    const offered = await form.getByLabel('Seen on').locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['Twitch', 'Mastodon', 'Bluesky']));
    for (const [platform, icon, text] of [
      ['mastodon', 'Mastodon', 'Seen in a Mastodon reply: is the archive federated?'],
      ['bluesky', 'Bluesky', 'Seen in a Bluesky quote: is there a recording?'],
    ] as const) {
      await form.getByLabel('Seen on').selectOption(platform);
      await form.getByLabel('Question').fill(text);
      await form.getByRole('button', { name: 'Add to incoming' }).click();
      const added = page.getByTestId('comment-card').filter({ hasText: text });
      await added.waitFor();
      expect(await added.getByRole('img', { name: icon, exact: true }).count()).toBe(1);
    }
    // The open form takes a row of its own: the page does not grow sideways.
    const [scrolled, shown] = await page.evaluate<[number, number]>(
      '[document.documentElement.scrollWidth, innerWidth]',
    );
    expect(scrolled).toBeLessThanOrEqual(shown);
    await saveScreenshot(page, 'moderator-add-by-hand-bluesky');

    // Over REST too, with the refusal of an empty question said plainly.
    const refused = await api(core, 'POST', '/api/queue/by-hand', {
      body: { platform: 'elsewhere', text: '   ' },
    });
    expect(refused.status).toBe(400);
    const phoned = await api(core, 'POST', '/api/queue/by-hand', {
      body: { platform: 'elsewhere', text: 'A caller asks: what is next?' },
    });
    expect(phoned.status).toBe(200);
    await card.page().getByTestId('comment-card').filter({ hasText: 'A caller asks' }).waitFor();
    await page.close();
  });
});
