import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Comment } from '../../src/shared/comment.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';

const ZALGO = `Z${'\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(4)}algo`;
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'RTL \u202Eevil override\u202C end',
  'Emoji 👩‍👩‍👧 🎉',
  ZALGO,
  'x'.repeat(40),
  ...Array.from({ length: 300 }, (_, i) => `word${i}`),
].join(' ');

async function inject(core: TestCore, text: string, name = 'Viewer'): Promise<Comment> {
  const res = await api(core, 'POST', '/api/comments', {
    body: {
      platform: 'x',
      platformId: `ui-${Math.random().toString(36).slice(2)}`,
      author: {
        name,
        handle: name.toLowerCase().replace(/\W/g, ''),
        avatarUrl: null,
        profileUrl: null,
      },
      text,
      createdAt: new Date().toISOString(),
      url: null,
    },
  });
  expect(res.status).toBe(201);
  return (res.body as { comment: Comment }).comment;
}

describe('moderation in the browser', () => {
  let core: TestCore;
  let browser: Browser;
  let anna: Page;
  let ben: Page;
  let overlay: Page;
  const dialogs: string[] = [];

  const openModerator = async (name: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${core.url}moderator?token=${core.token}&name=${name}`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    return page;
  };
  const cardWith = (page: Page, text: string) =>
    page.getByTestId('comment-card').filter({ hasText: text });

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    anna = await openModerator('Anna');
    ben = await openModerator('Ben');
    overlay = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    overlay.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await overlay.goto(`${core.url}overlay`);
    await overlay.locator('[data-testid="overlay-stage"][data-connected="true"]').waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('shows an injected comment to both moderators, airs it by keyboard, and the overlay shows exactly its text', async () => {
    const text = 'How do you keep a live Q&A civil? #NextTalk';
    const comment = await inject(core, text, 'Dana');
    await expect.poll(() => cardWith(anna, text).count()).toBe(1);
    await expect.poll(() => cardWith(ben, text).count()).toBe(1);

    // Anna: the newest incoming card is selected first; A approves it.
    await anna.keyboard.press('a');
    await expect.poll(() => anna.getByTestId('column-approved').getByText(text).count()).toBe(1);
    await expect.poll(() => ben.getByTestId('column-approved').getByText(text).count()).toBe(1);
    expect(await cardWith(ben, text).textContent()).toContain('Approved by Anna');

    // Move to the approved column and put it on air with Enter.
    await anna.keyboard.press('l');
    await anna.keyboard.press('Enter');
    const lowerThird = overlay.getByTestId('overlay-text');
    await expect.poll(() => lowerThird.textContent()).toBe(text);
    expect(await overlay.getByTestId('lower-third').getAttribute('data-comment-id')).toBe(
      comment.id,
    );
    await expect.poll(() => ben.getByTestId('column-aired').getByText(text).count()).toBe(1);
    await saveScreenshot(anna, 'moderator');
    await saveScreenshot(overlay, 'overlay');

    // Esc takes it off air: the overlay clears.
    await anna.keyboard.press('Escape');
    await expect.poll(() => overlay.getByTestId('lower-third').count()).toBe(0);
    const done = (await api(core, 'GET', '/api/comments?status=done')).body as {
      comments: Comment[];
    };
    expect(done.comments.map((c) => c.id)).toContain(comment.id);
  });

  it('tells a moderator who got there first when her undo comes too late', async () => {
    const text = 'Who gets this one?';
    await inject(core, text, 'Eve');
    await expect.poll(() => cardWith(anna, text).count()).toBe(1);
    await anna.keyboard.press('h'); // back to the incoming column
    await anna.keyboard.press('a');
    await expect.poll(() => ben.getByTestId('column-approved').getByText(text).count()).toBe(1);
    await ben.keyboard.press('l');
    await ben.keyboard.press('Enter');
    await expect.poll(() => overlay.getByTestId('overlay-text').textContent()).toBe(text);
    await anna.keyboard.press('u');
    await expect
      .poll(() => anna.getByTestId('toast').textContent())
      .toBe('Cannot undo your last approve: Ben has changed it since.');
    await ben.keyboard.press('Escape');
    await expect.poll(() => overlay.getByTestId('lower-third').count()).toBe(0);
  });

  it('shows a hostile comment as inert text, on moderator screens and on air', async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(2000);
    const hostile = await inject(core, HOSTILE, 'Mallory \u202Eevil');
    const card = cardWith(anna, '<img src=x onerror=alert(1)>');
    await expect.poll(() => card.count()).toBe(1);
    // The markup is text, nothing was parsed into an element.
    expect(await anna.locator('img[src="x"]').count()).toBe(0);
    const shown = (await card.getByTestId('comment-text').textContent()) ?? '';
    expect(shown).toContain('<img src=x onerror=alert(1)>');
    expect(shown).toContain('👩‍👩‍👧');
    expect(shown).not.toMatch(/[\u202A-\u202E]/u);
    expect(shown).toContain('Z\u0301\u0302\u0303algo');
    // 2,000+ characters stay inside a card of sane height.
    const box = await card.boundingBox();
    expect(box?.height ?? 0).toBeLessThan(260);

    await api(core, 'POST', `/api/comments/${hostile.id}/air`);
    const text = overlay.getByTestId('overlay-text');
    await expect.poll(() => text.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await overlay.locator('img[src="x"]').count()).toBe(0);
    const aired = (await text.textContent()) ?? '';
    expect(aired.endsWith('…')).toBe(true);
    expect(aired.length).toBeLessThanOrEqual(330);
    expect(aired).not.toMatch(/[\u202A-\u202E]/u);
    const third = await overlay.getByTestId('lower-third').boundingBox();
    expect(third).not.toBeNull();
    if (third) {
      expect(third.x).toBeGreaterThanOrEqual(0);
      expect(third.y).toBeGreaterThanOrEqual(0);
      expect(third.x + third.width).toBeLessThanOrEqual(1920);
      expect(third.y + third.height).toBeLessThanOrEqual(1080);
    }
    await saveScreenshot(overlay, 'overlay-hostile');
    expect(dialogs).toEqual([]);
    await api(core, 'POST', '/api/queue/clear-air');
  });

  it('re-renders the current on-air state after the overlay reconnects', async () => {
    const comment = await inject(core, 'Still on air after a reload?', 'Finn');
    await api(core, 'POST', `/api/comments/${comment.id}/air`);
    await overlay.reload();
    await expect
      .poll(() => overlay.getByTestId('overlay-text').textContent())
      .toBe('Still on air after a reload?');
    await api(core, 'POST', '/api/queue/clear-air');
    await expect.poll(() => overlay.getByTestId('lower-third').count()).toBe(0);
  });
});
