// Connecting Twitch from Settings in Chromium, as a producer at a tablet would: the device code is
// shown large, the status says "connected" once the code was entered, Revoke disconnects. German
// and English, no clipped labels.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { clippedLabels } from '../helpers/labels.js';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/oauth-server.js';

const CLIENT = 'panelcast-ui-client';

describe('connect an account in Settings', () => {
  let fake: FakeOAuthServer;
  let core: TestCore;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeOAuthServer(CLIENT);
    process.env.PANELCAST_TEST_CONNECT_AUTH_URL = fake.url;
    core = await startTestCore();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    delete process.env.PANELCAST_TEST_CONNECT_AUTH_URL;
    await browser.close();
    await core.dispose();
    await fake.close();
  });

  async function open(locale: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale });
    await page.goto(`${core.url}settings?token=${core.token}#sources`);
    await page.getByTestId('account-twitch').waitFor();
    return page;
  }

  it('shows the device code, then connected, then revokes (English)', async () => {
    // The person at the other device needs a moment: one pending answer, then the token.
    fake.deviceScript = ['authorization_pending', 'ok'];
    const page = await open('en-US');
    const twitch = page.getByTestId('account-twitch');
    expect(await twitch.getByRole('status').textContent()).toBe('No Twitch account is connected.');
    await twitch.getByLabel('Client ID').fill(CLIENT);
    await twitch.getByRole('button', { name: 'Connect with a code' }).click();
    await expect.poll(() => twitch.getByLabel('Code').textContent()).toBe('ABCD-EFGH');
    expect(await twitch.getByRole('status').textContent()).toContain(`${fake.url}/activate`);
    await twitch.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'connect-account-code-en');
    await expect
      .poll(() => twitch.getByRole('status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('connected');
    expect(await twitch.getByRole('status').textContent()).toContain('is connected');
    expect(await clippedLabels(page)).toEqual([]);
    await saveScreenshot(page, 'connect-account-connected-en');
    await twitch.getByRole('button', { name: 'Revoke' }).click();
    await expect
      .poll(() => twitch.getByRole('status').getAttribute('data-state'))
      .toBe('not_connected');
    expect(fake.revoked.length).toBeGreaterThan(0);
    await page.close();
  });

  it('words everything in German and offers no code for Mastodon', async () => {
    const page = await open('de-DE');
    const mastodon = page.getByTestId('account-mastodon');
    expect(await mastodon.getByRole('status').textContent()).toBe(
      'Kein Mastodon-Konto ist verbunden.',
    );
    expect(await mastodon.getByRole('button', { name: 'Mit Code verbinden' }).count()).toBe(0);
    expect(await mastodon.getByRole('button', { name: 'Im Browser verbinden' }).count()).toBe(1);
    expect(await mastodon.getByLabel('Mastodon-Server').count()).toBe(1);
    expect(await clippedLabels(page)).toEqual([]);
    await page.getByTestId('account-settings').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'connect-account-de');
    await page.close();
  });
});
