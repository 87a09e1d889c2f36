// The first-run checklist on the Producer view with a real OBS: on a fresh core every item is
// open; each is ticked only once the core confirms it (OBS connected, segments on OBS scenes, a
// comment source, a destination with its key, the audience link shared), then the list goes.
// Its items are links into Settings, by keyboard too, and hiding it is remembered.
import type { Browser, Page } from 'playwright-core';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { clippedLabels } from '../helpers/labels.js';
import { startObs, type RunningObs } from '../helpers/obs.js';

const ITEMS = ['obs', 'scenes', 'source', 'destination', 'audience'] as const;

async function done(page: Page): Promise<Record<string, boolean>> {
  const result: Record<string, boolean> = {};
  for (const id of ITEMS)
    result[id] = (await page.getByTestId(`check-${id}`).getAttribute('data-done')) === 'true';
  return result;
}

describe('first-run checklist on the Producer view', () => {
  let obs: RunningObs;
  let core: TestCore;
  let browser: Browser;
  const witness = new OBSWebSocket();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    await witness.call('CreateScene', { sceneName: 'Opening' });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('shows open items on a fresh core in German and English, with no clipped label', async () => {
    for (const [locale, title, audience] of [
      ['de-DE', 'Vor der Sendung: 5 von 5 offen', 'Publikumsseite'],
      ['en-US', 'Before the show: 5 of 5 still open', 'Audience page'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale });
      await page.goto(`${core.url}producer?token=${core.token}`);
      const list = page.getByTestId('checklist');
      await expect.poll(() => list.getByRole('heading').textContent()).toBe(title);
      expect(Object.values(await done(page))).toEqual([false, false, false, false, false]);
      // The sources panel names each source in the UI's language.
      await expect
        .poll(() => page.getByTestId('source-audience').locator('.source__label').textContent())
        .toBe(audience);
      expect(await clippedLabels(page)).toEqual([]);
      await saveScreenshot(page, `producer-checklist-${locale.slice(0, 2)}`);
      await page.close();
    }
  });

  it('opens the Settings section that fixes an item, by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-US' });
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByRole('link', { name: /Connect OBS/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toBe('#obs');
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await page.getByTestId('settings-obs').isVisible()).toBe(true);
    expect(await page.getByTestId('settings-show').isVisible()).toBe(false);
    await page.close();
  });

  it('ticks each item once the core confirms it, and goes when all are done', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByTestId('checklist').waitFor();

    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await expect.poll(() => done(page), { timeout: 15_000 }).toMatchObject({ obs: true });
    // A segment without a scene, or on a scene OBS does not have, is not "mapped".
    const segments = [
      { id: 'open', title: 'Welcome', scene: 'Opening', plannedSec: 300, notes: '' },
      { id: 'panel', title: 'Panel', scene: null, plannedSec: 600, notes: '' },
    ];
    await api(core, 'PUT', '/api/rundown', { body: { segments } });
    await expect.poll(() => page.getByTestId('segment-now').count()).toBe(1);
    expect(await done(page)).toMatchObject({ scenes: false });
    const mapped = segments.map((segment) => ({ ...segment, scene: 'Opening' }));
    await api(core, 'PUT', '/api/rundown', { body: { segments: mapped } });
    await expect.poll(() => done(page)).toMatchObject({ scenes: true, source: false });

    // X switched on counts once the core has it (its API is nowhere here: it will only retry).
    const x = await api(core, 'PUT', '/api/sources/x', {
      body: {
        enabled: true,
        hashtags: ['#NextTalk'],
        mode: 'poll',
        apiBaseUrl: 'http://127.0.0.1:9/',
        bearerToken: 'test-bearer-token',
      },
    });
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    await expect.poll(() => done(page)).toMatchObject({ source: true, audience: false });
    // The audience page is open from the start, but nobody has its link yet.
    expect(core.hub.get('config').audience.enabled).toBe(true);
    await api(core, 'PUT', '/api/destinations/main', {
      body: {
        name: 'Main',
        platform: 'custom',
        serverUrl: 'rtmp://127.0.0.1:1/live',
        streamKey: 'k',
        enabled: false,
      },
    });
    // A destination switched off does not count.
    await expect.poll(() => core.hub.get('relay').destinations.length).toBe(1);
    expect(await done(page)).toMatchObject({ destination: false });
    await api(core, 'PUT', '/api/destinations/main', {
      body: {
        name: 'Main',
        platform: 'custom',
        serverUrl: 'rtmp://127.0.0.1:1/live',
        enabled: true,
      },
    });
    await expect.poll(() => done(page)).toMatchObject({ destination: true, audience: false });
    expect(await page.getByTestId('checklist').getByRole('heading').textContent()).toBe(
      'Before the show: 1 of 5 still open',
    );

    // The last item leads to the audience link; copying it shares it.
    await page.getByRole('link', { name: /audience page and share/ }).click();
    const link = page.getByTestId('settings-audience').getByTestId('audience-link');
    await link.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => link.getByRole('button').textContent()).toBe('Copied');
    await page.getByRole('link', { name: /Producer/ }).click();
    await page.getByRole('heading', { name: 'Scenes' }).waitFor();
    expect(await page.getByTestId('checklist').count()).toBe(0);
    await context.close();
  });

  it('hides on request and stays hidden after a reload', async () => {
    const fresh = await startTestCore();
    try {
      const page = await browser.newPage({
        viewport: { width: 1920, height: 1080 },
        locale: 'de-DE',
      });
      await page.goto(`${fresh.url}producer?token=${fresh.token}`);
      const list = page.getByTestId('checklist');
      await list.waitFor();
      await list.getByRole('button', { name: 'Checkliste ausblenden' }).click();
      await expect.poll(() => list.count()).toBe(0);
      await page.reload();
      await page.getByRole('heading', { name: 'Szenen' }).waitFor();
      expect(await list.count()).toBe(0);
      // Settings brings it back.
      await page
        .getByRole('link', { name: /Einstellungen/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Checkliste für den Start wieder zeigen' }).click();
      await page.getByRole('link', { name: /Regie/ }).click();
      await list.waitFor();
      await page.close();
    } finally {
      await fresh.dispose();
    }
  });
});
