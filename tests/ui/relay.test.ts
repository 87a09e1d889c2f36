// Destinations in the browser: added in Settings, watched live in the Producer view.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver, testSource, type Receiver } from '../helpers/ffmpeg.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('relay in the browser', () => {
  let core: TestCore;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  let source: ChildProcess | null = null;
  let port: number;
  const temp = makeTempDir();

  beforeAll(async () => {
    core = await startTestCore({ relayBackoff: { initialMs: 500, maxMs: 2000, jitter: 0 } });
    port = await freePort();
    receiver = rtmpReceiver(port, path.join(temp.dir, 'ui.flv'));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    await page.goto(`${core.url}settings?token=${core.token}#destinations`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    source?.kill('SIGKILL');
    await receiver.stop();
    await browser.close();
    await core.dispose();
    temp.remove();
  });

  it('adds a destination in Settings, key never shown again', async () => {
    await page.getByRole('button', { name: 'Add destination' }).click();
    const row = page.locator('[data-testid^="destination-dest-"]').last();
    await row.getByLabel('Name').fill('Local test platform');
    await row.getByLabel('Platform').selectOption('custom');
    await row.getByLabel('Server URL').fill(`rtmp://127.0.0.1:${port}/live`);
    await row.getByLabel('Stream key').fill('key');
    await page.getByTestId('settings-destinations').getByTestId('section-save').click();
    // Saving starts the relay's ingest process: on a busy machine that takes a moment.
    await expect.poll(() => core.hub.get('relay').destinations.length, { timeout: 10_000 }).toBe(1);
    expect(core.hub.get('relay').destinations[0]).toMatchObject({
      name: 'Local test platform',
      keySaved: true,
      state: 'idle',
    });
    await expect
      .poll(() => row.getByLabel('Stream key').getAttribute('placeholder'))
      .toContain('Saved');
    expect(await row.getByLabel('Stream key').inputValue()).toBe('');
  });

  it('shows the destination live, with bitrate and uptime, in the Producer view', async () => {
    const target = (await core.intents.dispatch(
      'relay:publishTarget',
      {},
      { actor: 'test', channel: 'rest', role: 'producer' },
    )) as {
      ok: true;
      value: { server: string; key: string };
    };
    source = testSource(`${target.value.server}/${target.value.key}`, { bitrateKbps: 2500 });
    await page.keyboard.press('F1');
    const row = page.locator('[data-testid^="destination-"]').first();
    await expect
      .poll(() => row.textContent(), { timeout: 20_000 })
      .toMatch(/Live\d+ kb\/s · up 00:00:\d\d/);
    // The upload the destinations need, measured from what OBS sends.
    await expect
      .poll(() => page.getByTestId('relay-upload').textContent(), { timeout: 10_000 })
      .toMatch(
        /^Upload needed: [1-9]\d*\.\d Mbit\/s for the destinations that are on; sending \d+\.\d Mbit\/s\.$/,
      );
    await page.waitForTimeout(4000);
    await saveScreenshot(page, 'producer-relay');
  });
});
