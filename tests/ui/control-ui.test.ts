import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { freePort, runCli, type CliRun } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('control UI in Chromium', () => {
  let browser: Browser;
  let temp: ReturnType<typeof makeTempDir>;
  let port: number;
  let core: CliRun;
  let target: { url: string; token: string; controlUrl: string };

  beforeAll(async () => {
    temp = makeTempDir();
    port = await freePort();
    core = runCli(['serve', '--port', String(port), '--data-dir', temp.dir]);
    target = await core.ready;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.stop();
    temp.remove();
  });

  it('connects with the token, hides it from the address bar, and shows the Producer view', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(target.controlUrl);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Connected');
    expect(page.url()).toBe(target.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Scenes' }).isVisible()).toBe(true);
    expect(await page.getByTestId('obs-status').textContent()).toContain('not set up yet');
    await saveScreenshot(page, 'producer');
    await page.close();
  });

  it('shows a clear "token rejected" message for a wrong token', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${target.url}?token=not-the-right-token-123`);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Token rejected');
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('The control token was rejected');
    expect(await page.getByRole('navigation').count()).toBe(0);
    await saveScreenshot(page, 'token-rejected');
    // Pasting the right token connects without reloading.
    await page.getByLabel('Control token').fill(target.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Connected');
    await page.close();
  });

  it('speaks German when the browser does, and switches language on request', async () => {
    const page = await browser.newPage({ locale: 'de-DE' });
    await page.goto(target.controlUrl);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Verbunden');
    expect(await page.getByRole('link', { name: /Regie/ }).count()).toBe(1);
    await page.getByLabel('Sprache').first().selectOption('en');
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Connected');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('is driven by the keyboard and syncs a change to every open screen', async () => {
    const editor = await browser.newPage({ locale: 'en-US' });
    const watcher = await browser.newPage({ locale: 'en-US' });
    await editor.goto(`${target.url}settings?token=${encodeURIComponent(target.token)}`);
    await watcher.goto(target.controlUrl);
    await expect.poll(() => watcher.getByTestId('connection').textContent()).toBe('Connected');

    await watcher.keyboard.press('F2');
    expect(new URL(watcher.url()).pathname).toBe('/moderator');
    await watcher.keyboard.press('F3');
    expect(new URL(watcher.url()).pathname).toBe('/settings');
    await watcher.keyboard.press('F1');
    expect(new URL(watcher.url()).pathname).toBe('/producer');

    await editor.getByLabel('Show title').fill('#NextTalk: Open Source Live');
    const showSection = editor.getByTestId('settings-show');
    await showSection.getByTestId('section-save').click();
    await expect.poll(() => showSection.getByTestId('section-status').textContent()).toBe('Saved.');
    await expect
      .poll(() => watcher.getByTestId('show-title').textContent())
      .toBe('#NextTalk: Open Source Live');
    await editor.close();
    await watcher.close();
  });

  it('reconnects by itself after the core restarts, with the same token and data', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(target.controlUrl);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Connected');
    await api(target, 'PUT', '/api/show', { body: { title: 'Survives restarts' } });
    await expect.poll(() => page.getByTestId('show-title').textContent()).toBe('Survives restarts');

    expect(await core.stop()).toBe(0);
    await expect.poll(() => page.getByTestId('connection').textContent()).toMatch(/^Reconnecting/);
    expect(await page.getByRole('alert').textContent()).toContain('Not connected');

    core = runCli(['serve', '--port', String(port), '--data-dir', temp.dir]);
    const again = await core.ready;
    expect(again.token).toBe(target.token);
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 10_000 })
      .toBe('Connected');
    expect(await page.getByTestId('show-title').textContent()).toBe('Survives restarts');
    await page.close();
  });
});
