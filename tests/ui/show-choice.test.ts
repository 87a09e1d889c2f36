// Choosing a show's comment sources and destinations in the Shows view, in Chromium: unchecking
// a source stops it in the core, checking it again starts it; a destination left out shows as not
// used in this show. Both languages, no clipped labels, screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { message } from '../../src/shared/messages/message.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { clippedLabels } from '../helpers/labels.js';

describe("choosing a show's sources and destinations", () => {
  let core: TestCore;
  let browser: Browser;
  let page: Page;
  const running = () =>
    core.hub
      .get('sources')
      .map((s) => s.id)
      .sort();

  beforeAll(async () => {
    core = await startTestCore();
    await core.sources.register({
      id: 'demo-wall',
      label: { en: 'Demo wall', de: 'Demo-Wand' },
      settings: z.object({ enabled: z.boolean() }),
      fields: { enabled: { en: 'On', de: 'An' } },
      apply: (settings, runner) =>
        settings.enabled
          ? runner.run((context) => ({
              start: () => context.status('connected', message('source.connected')),
              stop: () => Promise.resolve(),
            }))
          : runner.stop(),
    });
    await api(core, 'PUT', '/api/sources/demo-wall/settings', { body: { enabled: true } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}shows?token=${core.token}`);
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('runs only the checked sources once the choice is saved', async () => {
    await expect.poll(running).toEqual(['audience', 'demo-wall']);
    const current = page.getByTestId('current-show');
    const sources = current.getByRole('group', { name: 'Comment sources' });
    // Every source is in use until the producer chooses.
    await expect
      .poll(() => sources.getByRole('checkbox', { name: 'Demo wall' }).isChecked())
      .toBe(true);
    await sources.getByRole('checkbox', { name: 'Audience page' }).uncheck();
    await sources.getByRole('checkbox', { name: 'YouTube live chat' }).uncheck();
    await current.getByRole('button', { name: 'Save choice' }).click();
    await expect.poll(running).toEqual(['demo-wall']);
    // Every other source (X, and the platforms registered at start) stays chosen.
    const others = core.hub
      .get('sourceForms')
      .map((form) => form.id)
      .filter((id) => id !== 'audience' && id !== 'youtube');
    expect(others).toContain('demo-wall');
    expect(core.hub.get('show').sources?.sort()).toEqual(others.sort());
    await expect.poll(() => current.getByRole('status').textContent()).toBe('Saved.');
    await saveScreenshot(page, 'show-choice-en');
    expect(await clippedLabels(page)).toEqual([]);

    await sources.getByRole('checkbox', { name: 'Audience page' }).check();
    await sources.getByRole('checkbox', { name: 'Demo wall' }).uncheck();
    await current.getByRole('button', { name: 'Save choice' }).click();
    await expect.poll(running).toEqual(['audience']);

    // Settings says why the wall, still turned on there, does not run.
    await page.keyboard.press('F3');
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Comment sources' })
      .click();
    const note = page.getByTestId('show-sources-note');
    await expect.poll(() => note.textContent()).toContain('Audience page');
    expect(await note.textContent()).not.toContain('Demo wall');
    await note.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'show-choice-settings-en');
    expect(await clippedLabels(page)).toEqual([]);
    await page.keyboard.press('F4');
  });

  it('marks a destination the show does not use, in German too', async () => {
    const added = await api(core, 'PUT', '/api/destinations/backup', {
      body: {
        name: 'Backup channel',
        platform: 'custom',
        serverUrl: 'rtmp://127.0.0.1:1/live',
        streamKey: 'k',
        enabled: true,
      },
    });
    expect(added.status).toBe(200);
    await page.locator('select.language').selectOption('de');
    const current = page.getByTestId('current-show');
    const targets = current.getByRole('group', { name: 'Ziele' });
    await targets.getByRole('checkbox', { name: 'Backup channel' }).uncheck();
    await current.getByRole('button', { name: 'Auswahl speichern' }).click();
    await expect
      .poll(() => core.hub.get('relay').destinations.find((d) => d.id === 'backup')?.message.code)
      .toBe('relay.not_in_show');
    expect(core.hub.get('show').destinations).toEqual([]);
    await expect
      .poll(() => current.getByRole('group', { name: 'Kommentarquellen' }).textContent())
      .toContain('Publikumsseite');
    await saveScreenshot(page, 'show-choice-de');
    expect(await clippedLabels(page)).toEqual([]);
  });
});
