// The moderator on a 1024x768 tablet, driven by touch: every target is finger-sized, a finger
// drags a question to a new place, long questions open, airing needs approval or a confirmation,
// and each approve / reject / on-air says so with an Undo.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import type { ShowState } from '../../src/shared/state.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

let serial = 0;
function add(core: TestCore, text: string, name = 'Viewer'): Comment {
  serial += 1;
  const result = core.queue.ingest({
    platform: 'test',
    platformId: `touch-${serial}`,
    author: { name: `${name} ${serial}`, handle: null, avatarUrl: null, profileUrl: null },
    text,
    createdAt: new Date().toISOString(),
    url: null,
  });
  if (result.outcome !== 'added') throw new Error(result.outcome);
  return result.comment;
}

async function state(core: TestCore): Promise<ShowState> {
  return (await api(core, 'GET', '/api/state')).body as ShowState;
}

/** A finger drag from one point to another, as the touchscreen sends it. */
async function fingerDrag(
  cdp: CDPSession,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  const steps = 8;
  for (let i = 1; i <= steps; i += 1) {
    const point = {
      x: from.x + ((to.x - from.x) * i) / steps,
      y: from.y + ((to.y - from.y) * i) / steps,
    };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('moderator on a touch tablet', () => {
  let core: TestCore;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  async function open(locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      locale,
    });
    const opened = await context.newPage();
    await opened.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await opened
      .getByTestId('connection')
      .filter({ hasText: /Connected|Verbunden/ })
      .waitFor();
    return opened;
  }

  it('gives every action a target of at least 44x44 px, and the toolbar one row', async () => {
    const approved = add(core, 'Which tools do you use for captions?');
    core.queue.act({ type: 'approve', id: approved.id }, 'Ana');
    add(core, 'How do you keep a panel on time?');
    page = await open();
    const incoming = page.getByTestId('column-incoming').getByTestId('comment-card');
    await expect.poll(() => incoming.count()).toBeGreaterThan(0);
    const small =
      await page.evaluate(`[...document.querySelectorAll('.moderator button, .moderator input')]
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ e, r }) => r.width > 0 && getComputedStyle(e).visibility !== 'hidden')
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ e, r }) => (e.textContent || '').trim() + ' ' + r.width + 'x' + r.height)`);
    const count = await page.$$eval('.moderator button', (b) => b.length);
    expect(count).toBeGreaterThan(10);
    expect(small).toEqual([]);
    const toolbar = page.getByTestId('moderator-toolbar');
    const height = (await toolbar.boundingBox())?.height ?? 0;
    expect(height).toBeLessThan(60);
    await saveScreenshot(page, 'moderator-touch-en');

    // Typing, filtering and a toast never change the toolbar's height.
    await page.getByLabel('Search incoming').fill('panel');
    await page.getByRole('button', { name: /Questions only/ }).tap();
    await page.getByTestId('moderator-toolbar').getByRole('button', { name: /Undo/ }).tap();
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('Nothing to undo');
    expect((await toolbar.boundingBox())?.height).toBe(height);
    await page.getByLabel('Search incoming').fill('');
    await page.getByRole('button', { name: /Questions only/ }).tap();
  });

  it('offers "On air" on approved cards only, and asks before airing an incoming one', async () => {
    const card = page.getByTestId('column-incoming').getByTestId('comment-card').first();
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'On air' }).count()).toBe(0);
    const approvedCard = page.getByTestId('column-approved').getByTestId('comment-card').first();
    expect(await approvedCard.getByRole('button', { name: 'On air' }).count()).toBe(1);

    await card.tap(); // selects it; Enter would air it
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect((await state(core)).queue.onAir).toBeNull();
    await dialog.getByRole('button', { name: /Cancel/ }).tap();
    expect((await state(core)).queue.onAir).toBeNull();

    await card.tap();
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Put on air' }).tap();
    await expect
      .poll(async () => (await state(core)).queue.onAir?.text)
      .toBe('How do you keep a panel on time?');
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('On air:');
    await api(core, 'POST', '/api/queue/clear-air');
  });

  it('says what was done with Undo, and names who did it', async () => {
    const comment = add(core, 'Reject me, then change your mind?');
    const card = page
      .getByTestId('column-incoming')
      .getByTestId('comment-card')
      .filter({ hasText: 'Reject me' });
    await card.getByRole('button', { name: 'Reject' }).tap();
    const toast = page.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toContain('Rejected: Reject me');
    await page.getByTestId('toast-undo').tap();
    await expect.poll(() => core.queue.get(comment.id)?.status).toBe('incoming');

    await card.getByRole('button', { name: 'Approve' }).tap();
    await expect.poll(() => toast.textContent()).toContain('Approved: Reject me');
    const approved = page
      .getByTestId('column-approved')
      .getByTestId('comment-card')
      .filter({ hasText: 'Reject me' });
    await expect.poll(() => approved.textContent()).toContain('Approved by Mo');
  });

  it('opens a long question before airing it', async () => {
    const long = `Long question ${'about the budget of public broadcasting '.repeat(20)}end?`;
    add(core, long);
    const card = page
      .getByTestId('column-incoming')
      .getByTestId('comment-card')
      .filter({ hasText: 'Long question' });
    const text = card.getByTestId('comment-text');
    const clipped = await text.evaluate((e: { scrollHeight: number; clientHeight: number }) => {
      return e.scrollHeight > e.clientHeight + 1;
    });
    expect(clipped).toBe(true);
    const before = (await text.boundingBox())?.height ?? 0;
    await card.getByRole('button', { name: 'Show all' }).tap();
    await expect
      .poll(async () => (await text.boundingBox())?.height ?? 0)
      .toBeGreaterThan(before * 1.5);
    const open = await text.evaluate((e: { scrollHeight: number; clientHeight: number }) => {
      return e.scrollHeight <= e.clientHeight + 1;
    });
    expect(open).toBe(true);
    await card.getByRole('button', { name: 'Show less' }).tap();
  });

  it('sorts approved questions by votes, and a finger drags one to a new place', async () => {
    await api(core, 'POST', '/api/queue/clear-air');
    for (const id of (await state(core)).queue.order) {
      core.queue.act({ type: 'reject', id }, 'setup');
    }
    const ids = ['First', 'Second', 'Third'].map((word) => {
      const comment = add(core, `${word} approved question?`);
      core.queue.act({ type: 'approve', id: comment.id }, 'setup');
      return comment.id;
    });
    const order = async (): Promise<string[]> => (await state(core)).queue.order;
    await expect.poll(order).toEqual(ids);
    const column = page.getByTestId('column-approved');
    await expect.poll(() => column.getByTestId('comment-card').count()).toBe(3);

    // Votes: the third gets 4, the first 1; sorting puts 4 above 1 above 0.
    for (const voter of ['a', 'b', 'c', 'd']) core.queue.vote(ids[2] ?? '', voter);
    core.queue.vote(ids[0] ?? '', 'a');
    await expect.poll(() => column.textContent()).toContain('▲ 4');
    await page.getByTestId('sort-votes').tap();
    await expect.poll(order).toEqual([ids[2], ids[0], ids[1]]);
    const first = column.getByTestId('comment-card').first();
    await expect.poll(() => first.textContent()).toContain('▲ 4');
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('sorted by votes');

    // A finger drags the top question (4 votes) to the bottom.
    const handles = column.getByTestId('drag-handle');
    const from = await handles.nth(0).boundingBox();
    const to = await handles.nth(2).boundingBox();
    if (!from || !to) throw new Error('no drag handles');
    const cdp = await page.context().newCDPSession(page);
    await fingerDrag(
      cdp,
      { x: from.x + from.width / 2, y: from.y + from.height / 2 },
      { x: to.x + to.width / 2, y: to.y + to.height / 2 },
    );
    await expect.poll(order).toEqual([ids[0], ids[1], ids[2]]);
    await saveScreenshot(page, 'moderator-touch-sorted-en');
  });
});
