// Viewers' pictures come from the platforms' image hosts, which can be slow or never answer.
// Until a picture has loaded, the card and the lower third on air show the viewer's initials, not
// an empty circle; a loaded picture covers them; one that fails leaves them. The image hosts are
// intercepted in the browser (page.route): nothing here reaches a real host.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

const PICTURES = 'https://pbs.twimg.com/profile_images/';
const RED_SQUARE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48">' +
  '<rect width="48" height="48" fill="#d01010"/></svg>';

/** hang: never answered; ok: a picture; gone: 404. */
function imageHost(route: Route): void {
  const url = route.request().url();
  if (url.includes('/ok/')) {
    void route.fulfill({ status: 200, contentType: 'image/svg+xml', body: RED_SQUARE });
  } else if (url.includes('/gone/')) {
    void route.fulfill({ status: 404, body: 'not found' });
  }
  // "/hang/": left pending, as a host that never answers.
}

async function inject(core: TestCore, name: string, picture: string): Promise<Comment> {
  const res = await api(core, 'POST', '/api/comments', {
    body: {
      platform: 'x',
      platformId: `avatar-${picture}`,
      author: {
        name,
        handle: name.toLowerCase().replace(/\W/g, ''),
        avatarUrl: `${PICTURES}${picture}/face_normal.jpg`,
        profileUrl: null,
      },
      text: `${name} asks: what happens to the recording?`,
      createdAt: new Date().toISOString(),
      url: null,
    },
  });
  expect(res.status).toBe(201);
  return (res.body as { comment: Comment }).comment;
}

/** What an avatar shows: its initials text, whether they are visible, the picture's state. */
const avatarState = (root: string, text: string) => `(() => {
  const holder = [...document.querySelectorAll(${JSON.stringify(root)})].find((r) =>
    r.textContent.includes(${JSON.stringify(text)}));
  const el = holder && holder.querySelector('.avatar');
  if (!el) return null;
  const picture = el.querySelector('img');
  const box = el.getBoundingClientRect();
  const pictureBox = picture ? picture.getBoundingClientRect() : null;
  const style = getComputedStyle(el);
  return {
    initials: el.childNodes[0] ? el.childNodes[0].textContent : '',
    initialsVisible: style.color !== style.backgroundColor && style.visibility === 'visible',
    picture: picture ? (picture.naturalWidth > 0 ? 'loaded' : 'loading') : 'none',
    pictureBackground: picture ? getComputedStyle(picture).backgroundColor : null,
    covers: pictureBox
      ? Math.abs(pictureBox.width - box.width) < 1 && Math.abs(pictureBox.height - box.height) < 1
      : false,
  };
})()`;

const avatarOf = (page: Page, root: string, text: string) =>
  page.evaluate<Record<string, unknown> | null>(avatarState(root, text));

describe('viewer pictures', () => {
  let core: TestCore;
  let browser: Browser;
  let context: BrowserContext;
  let moderator: Page;
  let overlay: Page;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US' });
    await context.route(`${PICTURES}**`, imageHost);
    moderator = await context.newPage();
    await moderator.setViewportSize({ width: 1600, height: 900 });
    await moderator.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await moderator.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    overlay = await context.newPage();
    await overlay.setViewportSize({ width: 1920, height: 1080 });
    await overlay.goto(`${core.url}overlay`);
    await overlay.locator('[data-testid="overlay-stage"][data-connected="true"]').waitFor();
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await core.dispose();
  });

  const CARD = '[data-testid="comment-card"]';
  const card = (name: string) => `${CARD}:has-text("${name} asks")`;

  it('shows the initials on the card and on air while the picture never arrives', async () => {
    const comment = await inject(core, 'Ada Lovelace', 'hang');
    await moderator.locator(card('Ada Lovelace')).waitFor();
    await expect
      .poll(() => avatarOf(moderator, CARD, 'Ada Lovelace'))
      .toMatchObject({
        initials: 'AL',
        initialsVisible: true,
        picture: 'loading',
        pictureBackground: 'rgba(0, 0, 0, 0)',
      });

    expect((await api(core, 'POST', `/api/comments/${comment.id}/approve`)).status).toBe(200);
    expect((await api(core, 'POST', `/api/comments/${comment.id}/air`)).status).toBe(200);
    await overlay.getByTestId('lower-third').waitFor();
    await expect
      .poll(() => avatarOf(overlay, '[data-testid="lower-third"]', 'Ada Lovelace'))
      .toMatchObject({
        initials: 'AL',
        initialsVisible: true,
        picture: 'loading',
        pictureBackground: 'rgba(0, 0, 0, 0)',
      });
    await saveScreenshot(overlay, 'overlay-avatar-loading');
    await saveScreenshot(moderator, 'moderator-avatar-loading');
  });

  it('covers the initials with a picture that loads, and keeps them for one that fails', async () => {
    await inject(core, 'Grace Hopper', 'ok');
    await inject(core, 'Hedy Lamarr', 'gone');
    await expect
      .poll(() => avatarOf(moderator, CARD, 'Grace Hopper'))
      .toMatchObject({ initials: 'GH', picture: 'loaded', covers: true });
    await expect
      .poll(() => avatarOf(moderator, CARD, 'Hedy Lamarr'))
      .toMatchObject({ initials: 'HL', initialsVisible: true, picture: 'none' });
    await saveScreenshot(moderator, 'moderator-avatars');
  });
});
