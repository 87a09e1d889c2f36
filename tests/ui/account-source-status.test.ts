// A source fed by a connected account says plainly, in the producer's and Settings' status lines,
// that the account's connection was revoked and where to connect it again — in English and German
// (Twitch reads on anonymously meanwhile, and says that too).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTwitch } from '../fakes/twitch-api.js';
import { startFakeOAuthServer, type FakeOAuthServer } from '../fakes/oauth-server.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { clippedLabels } from '../helpers/labels.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';

/** What the empty token field of the Twitch form says while the account feeds it, and after. */
const TOKEN_FIELD = {
  'en-US': {
    label: 'User access token (optional)',
    connected: 'Uses the connected account',
    lost: 'Account no longer valid — reconnect or enter a token',
  },
  'de-DE': {
    label: 'Benutzer-Zugriffstoken (optional)',
    connected: 'Nutzt das verbundene Konto',
    lost: 'Konto ungültig – neu verbinden oder Token eingeben',
  },
} as const;

const REVOKED = {
  'en-US':
    'The Twitch account connection was revoked — connect it again in Settings → Connected accounts.',
  'de-DE':
    'Die Verbindung zum Twitch-Konto wurde widerrufen – verbinde es in Einstellungen → Verbundene Konten neu.',
} as const;

describe('a revoked account in the source status', () => {
  const twitch = new FakeTwitch();
  let oauth: FakeOAuthServer;
  let core: TestCore;
  let browser: Browser;

  beforeAll(async () => {
    twitch.keepaliveMinSeconds = 1;
    await twitch.start();
    oauth = await startFakeOAuthServer(twitch.clientId);
    twitch.acceptToken = (token) => oauth.accepts(token);
    process.env.PANELCAST_TEST_CONNECT_AUTH_URL = oauth.url;
    process.env.PANELCAST_TEST_CONNECT_API_URLS = twitch.url;
    core = await startTestCore({
      twitchTimings: { retry: { initialMs: 50, maxMs: 300, jitter: 0 }, keepaliveSeconds: 1 },
    });
    const started = await api(core, 'POST', '/api/connect', {
      body: { platform: 'twitch', method: 'device', clientId: twitch.clientId },
    });
    expect(started.status).toBe(200);
    await eventually(async () => {
      const account = await api(core, 'GET', '/api/connect/twitch');
      expect(JSON.stringify(account.body)).toContain('"state":"connected"');
    }, 10_000);
    const saved = await api(core, 'PUT', '/api/sources/twitch/settings', {
      body: { enabled: true, channel: 'nexttalk', apiBaseUrl: twitch.url },
    });
    expect(saved.status).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    delete process.env.PANELCAST_TEST_CONNECT_AUTH_URL;
    delete process.env.PANELCAST_TEST_CONNECT_API_URLS;
    await browser.close();
    await core.dispose();
    await twitch.stop();
    await oauth.close();
  });

  async function open(path: string, locale: keyof typeof REVOKED): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale });
    await page.goto(`${core.url}${path}?token=${core.token}`);
    return page;
  }

  const tokenField = (page: Page, locale: keyof typeof TOKEN_FIELD) =>
    page.getByTestId('source-form-twitch').getByLabel(TOKEN_FIELD[locale].label);

  it('shows EventSub live, then the revoked connection, on the producer screen and in Settings', async () => {
    // Settings says the empty token field is not needed: the connected account feeds the source.
    const before = await open('settings', 'en-US');
    await before.goto(`${core.url}settings?token=${core.token}#sources`);
    await expect
      .poll(() => tokenField(before, 'en-US').getAttribute('placeholder'))
      .toBe(TOKEN_FIELD['en-US'].connected);
    await before.close();

    const producer = await open('producer', 'en-US');
    const line = producer.getByTestId('source-twitch');
    await expect
      .poll(() => line.textContent(), { timeout: 10_000 })
      .toContain('arrive as they are written (EventSub)');

    // The viewer withdraws Panelcast's access on Twitch.
    oauth.withdrawAll();
    twitch.revoke('authorization_revoked');
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toContain(REVOKED['en-US']);
    // Meanwhile the chat is read anonymously, and the line says that too.
    expect(await line.textContent()).toContain(
      'Meanwhile: Reading the chat of nexttalk anonymously',
    );
    // Reading on with less is amber, not the green of a source working as set up.
    expect(await line.getAttribute('class')).toContain('source--degraded');
    expect(await clippedLabels(producer)).toEqual([]);
    await line.scrollIntoViewIfNeeded();
    await saveScreenshot(producer, 'account-revoked-producer-en');
    await producer.close();

    for (const locale of ['en-US', 'de-DE'] as const) {
      const page = await open('producer', locale);
      const status = page.getByTestId('source-twitch');
      await expect.poll(() => status.textContent()).toContain(REVOKED[locale]);
      await status.scrollIntoViewIfNeeded();
      if (locale === 'de-DE') await saveScreenshot(page, 'account-revoked-producer-de');
      await page.close();
      const settings = await open('settings', locale);
      await settings.goto(`${core.url}settings?token=${core.token}#sources`);
      const formStatus = settings.getByTestId('source-status-twitch');
      await expect.poll(() => formStatus.textContent()).toContain(REVOKED[locale]);
      await expect
        .poll(() => tokenField(settings, locale).getAttribute('placeholder'))
        .toBe(TOKEN_FIELD[locale].lost);
      expect(await formStatus.getAttribute('class')).toContain('source-line--degraded');
      await formStatus.scrollIntoViewIfNeeded();
      expect(await clippedLabels(settings)).toEqual([]);
      await saveScreenshot(settings, `account-revoked-settings-${locale}`);
      await settings.close();
    }
  });
});
