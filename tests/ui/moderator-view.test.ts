import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Comment, Platform } from '../../src/shared/comment.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser } from '../helpers/browser.js';

function add(core: TestCore, i: number, text: string, platform: Platform = 'test'): Comment {
  const result = core.queue.ingest({
    platform,
    platformId: `mv-${i}`,
    author: { name: `Viewer ${i}`, handle: `viewer${i}`, avatarUrl: null, profileUrl: null },
    text,
    createdAt: new Date().toISOString(),
    url: null,
  });
  if (result.outcome !== 'added') throw new Error(result.outcome);
  return result.comment;
}

describe('moderator view', () => {
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

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    return page;
  }

  it('filters incoming by search, questions only and platform', async () => {
    add(core, 1, 'Is open source sustainable?', 'x');
    add(core, 2, 'Greetings from Hamburg', 'youtube');
    add(core, 3, 'Wie geht es weiter mit dem Projekt', 'audience');
    const page = await open();
    const cards = page.getByTestId('column-incoming').getByTestId('comment-card');
    await expect.poll(() => cards.count()).toBe(3);

    await page.keyboard.press('q');
    await expect.poll(() => cards.count()).toBe(2);
    await page.keyboard.press('q');

    await page.keyboard.press('/');
    await page.keyboard.type('hamburg');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('Greetings from Hamburg');
    await page.keyboard.press('Escape'); // leaves the search box without clearing the air
    await page.getByLabel('Search incoming').fill('');

    await page.getByRole('button', { name: /YouTube/ }).click();
    await expect.poll(() => cards.count()).toBe(2);
    expect(await page.getByTestId('column-incoming').textContent()).not.toContain('Hamburg');
    await page.close();
  });

  it('reorders and pins approved questions with the keyboard', async () => {
    const ids = [10, 11, 12].map((i) => add(core, i, `Queue me ${i}?`).id);
    for (const id of ids) core.queue.act({ type: 'approve', id }, 'setup');
    const page = await open();
    const order = async (): Promise<string[]> =>
      ((await api(core, 'GET', '/api/state')).body as ShowState).queue.order;
    expect(await order()).toEqual(ids);

    await page.keyboard.press('l'); // approved column, first card selected
    await page.keyboard.press('Shift+J');
    await expect.poll(order).toEqual([ids[1], ids[0], ids[2]]);
    // The keys act on what the page shows, so wait until it shows the new order too.
    const shown = page.getByTestId('column-approved').getByTestId('comment-card');
    await expect
      .poll(async () => (await shown.allTextContents()).map((t) => /Queue me (\d+)/.exec(t)?.[1]))
      .toEqual(['11', '10', '12']);
    await page.keyboard.press('j'); // follow the moved card down to the third
    await page.keyboard.press('p');
    await expect.poll(order).toEqual([ids[2], ids[1], ids[0]]);
    const pinned = page.getByTestId('column-approved').getByTestId('comment-card').first();
    await expect.poll(() => pinned.textContent()).toContain('Pinned');
    await page.close();
  });

  it('keeps 50,000 comments scrollable with only the visible cards in the page', async () => {
    // Distinct words, so near-duplicate grouping does not fold them into fewer cards.
    const word = (n: number): string => `w${n.toString(36)}`;
    for (let i = 0; i < 50_000; i += 1) {
      add(
        core,
        1000 + i,
        `Bulk ${i} ${word(i * 7919)} ${word(i * 104_729)} ${word(i * 15_485_863)}`,
      );
    }
    const page = await open();
    await expect
      .poll(() => page.getByTestId('count-incoming').textContent(), { timeout: 60_000 })
      .toBe('50003');
    const incoming = page.getByTestId('column-incoming');
    expect(await incoming.getByTestId('comment-card').count()).toBeLessThan(80);
    await expect
      .poll(() => incoming.getByTestId('comment-card').first().textContent())
      .toContain('Bulk 49999 ');
    // Scroll to the very end: the oldest comment is there.
    await page.evaluate(`(() => {
      const el = document.querySelector('[data-testid="column-incoming"] .column__scroll');
      el.scrollTop = el.scrollHeight;
    })()`);
    await expect
      .poll(() => incoming.getByText('Is open source sustainable?').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await incoming.getByTestId('comment-card').count()).toBeLessThan(80);
    await page.close();
    // Taking in 50,000 comments is slow on a busy two-core machine; the polls above wait for it.
  }, 120_000);
});
