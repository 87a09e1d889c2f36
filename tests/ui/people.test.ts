// People in Chromium: the producer creates a moderator's link in Settings; the tablet that opens
// it lands on the moderator view as that person, without the token in the address bar, acts under
// their name, and is shut out the moment the producer revokes the link.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';

describe('people with their own links', () => {
  let core: TestCore;
  let browser: Browser;
  let producer: Page;
  let tablet: Page;
  let link = '';

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    producer = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await producer.goto(`${core.url}settings?token=${core.token}#people`);
    await producer.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('creates a moderator link with a QR code, shown once', async () => {
    const people = producer.getByTestId('people-settings');
    await people.getByLabel('Name').fill('Ana Becker');
    await people.getByLabel('Role').selectOption('moderator');
    await people.getByRole('button', { name: 'Create link' }).click();
    const url = people.getByTestId('person-link-url');
    await expect.poll(() => url.textContent()).toContain('/login?token=');
    link = (await url.textContent()) ?? '';
    expect(await people.locator('.person-link__qr svg').count()).toBe(1);
    await expect.poll(() => people.locator('.people__item').count()).toBe(1);
    expect(await people.locator('.people__item').textContent()).toContain('Moderator');
    await people.scrollIntoViewIfNeeded();
    await saveScreenshot(producer, 'people-settings-en');
  });

  it('opens the moderator view as Ana on a tablet, token gone from the address bar', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      locale: 'de-DE',
      hasTouch: true,
    });
    tablet = await context.newPage();
    await tablet.goto(link);
    await tablet.getByTestId('session-person').waitFor();
    expect(new URL(tablet.url()).pathname).toBe('/moderator');
    expect(tablet.url()).not.toContain('token');
    expect(await tablet.getByTestId('session-person').textContent()).toBe(
      'Ana Becker · Moderation',
    );
    // Only the moderator view is offered.
    expect(await tablet.getByRole('link', { name: /Regie/ }).count()).toBe(0);
    expect(await tablet.getByRole('link', { name: /Einstellungen/ }).count()).toBe(0);

    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'audience',
        platformId: 'people-1',
        author: { name: 'Jonas', handle: null, avatarUrl: null, profileUrl: null },
        text: 'Wer entscheidet, welche Frage gestellt wird?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const id = (added.body as { comment: Comment }).comment.id;
    const card = tablet.getByTestId('column-incoming').getByText('Wer entscheidet');
    await card.waitFor();
    await card.click();
    await tablet.keyboard.press('a');
    await expect
      .poll(() => tablet.getByTestId('column-approved').textContent())
      .toContain('Ana Becker');
    expect(core.queue.get(id)?.moderatedBy).toBe('Ana Becker');
    await saveScreenshot(tablet, 'people-moderator-tablet-de');
  });

  it('shuts the tablet out the moment the link is revoked', async () => {
    await producer.getByTestId('people-settings').getByRole('button', { name: 'Revoke' }).click();
    await expect
      .poll(() => tablet.getByTestId('connection').textContent(), { timeout: 10_000 })
      .not.toBe('Verbunden');
    await tablet.reload();
    await expect.poll(() => tablet.getByRole('alert').first().textContent()).toBeTruthy();
    expect(await tablet.getByTestId('session-person').count()).toBe(0);
  });

  it('shows the people settings in German too', async () => {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
      locale: 'de-DE',
    });
    await page.goto(`${core.url}settings?token=${core.token}#people`);
    const people = page.getByTestId('people-settings');
    await people.getByLabel('Name').fill('Ben Okafor');
    await people.getByRole('button', { name: 'Link erstellen' }).click();
    await people.getByTestId('person-link').waitFor();
    await saveScreenshot(page, 'people-settings-de');
    await page.close();
  });
});
