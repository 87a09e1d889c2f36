// A moderator's tablet on the venue network: Chromium in its own network namespace opens the
// moderator link over the LAN, approves and airs a question under the moderator's name, and the
// same person's token gets 403 when it tries to stop the stream.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { canMakeNetns, makeNetns, type Netns } from '../helpers/netns.js';
import { launchBrowserIn } from '../helpers/netns-browser.js';

const run = promisify(execFile);

describe.skipIf(!canMakeNetns())('a moderator tablet on the LAN', () => {
  let core: TestCore;
  let venue: Netns;
  let browser: Browser;
  let tablet: Page;
  let token = '';
  let lanUrl = '';

  beforeAll(async () => {
    core = await startTestCore({ host: '0.0.0.0', lan: true });
    venue = makeNetns();
    lanUrl = `http://${venue.hostAddress}:${core.port}/`;
    const added = await api(core, 'POST', '/api/people', {
      body: { name: 'Ana Becker', role: 'moderator' },
    });
    expect(added.status).toBe(200);
    const link = new URL((added.body as { link: string }).link);
    token = link.searchParams.get('token') ?? '';
    browser = await launchBrowserIn(venue);
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      locale: 'de-DE',
      hasTouch: true,
    });
    tablet = await context.newPage();
    await tablet.goto(`${lanUrl}login${link.search}`);
    await tablet.getByTestId('session-person').waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    venue.remove();
    await core.dispose();
  });

  it('approves and airs a question as Ana, over the LAN', async () => {
    expect(new URL(tablet.url()).host).toBe(`${venue.hostAddress}:${core.port}`);
    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'youtube',
        platformId: 'lan-1',
        author: { name: 'Jonas', handle: null, avatarUrl: null, profileUrl: null },
        text: 'Wie kommt die Frage vom Tablet auf den Bildschirm?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const id = (added.body as { comment: Comment }).comment.id;
    const incoming = tablet.getByTestId('column-incoming').getByText('Wie kommt die Frage');
    await incoming.waitFor();
    await incoming.click();
    await tablet.keyboard.press('a');
    await expect.poll(() => core.queue.get(id)?.status).toBe('approved');
    expect(core.queue.get(id)?.moderatedBy).toBe('Ana Becker');

    const approved = tablet.getByTestId('column-approved').getByTestId('comment-card');
    await approved
      .filter({ hasText: 'Wie kommt die Frage' })
      .getByRole('button', { name: 'Auf Sendung' })
      .click();
    await expect.poll(() => core.queue.get(id)?.status).toBe('on_air');
    await expect
      .poll(() => tablet.getByTestId('column-approved').textContent())
      .not.toContain('Wie kommt die Frage');
    await saveScreenshot(tablet, 'lan-tablet-moderator-de');
  });

  it('gets 403 with a reason when the moderator’s token tries to stop the stream', async () => {
    const { stdout } = await run('ip', [
      'netns',
      'exec',
      venue.name,
      'curl',
      '-s',
      '-w',
      '\n%{http_code}',
      '-X',
      'POST',
      '-H',
      `Authorization: Bearer ${token}`,
      '-H',
      'content-type: application/json',
      '--data',
      '{"action":"stop"}',
      `${lanUrl}api/obs/stream`,
    ]);
    const [body = '', status = ''] = stdout.split('\n');
    expect(status).toBe('403');
    expect(JSON.parse(body)).toMatchObject({ message: { code: 'access.forbidden' } });
  });
});
