// On air in Chromium with a real OBS: the keyboard can never stop the stream by accident, "On
// screen" appears only when OBS confirms it (and a scene without a lower third warns), and losing
// OBS puts a banner on every view until OBS is back.
import { spawn, type ChildProcess } from 'node:child_process';
import { OBSWebSocket } from 'obs-websocket-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { freePort } from '../helpers/cli.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

describe('on air: the truth, safe keys, loud loss of OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  let browser: Browser;
  let page: Page;
  let receiver: ChildProcess;
  const witness = new OBSWebSocket();
  const streaming = async (): Promise<boolean> =>
    (await witness.call('GetStreamStatus')).outputActive;

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    for (const scene of ['Keynote', 'Panel', 'Break']) {
      await witness.call('CreateScene', { sceneName: scene });
    }
    await witness.call('SetCurrentProgramScene', { sceneName: 'Keynote' });
    const rtmpPort = await freePort();
    receiver = spawn(
      'ffmpeg',
      ['-loglevel', 'quiet', '-listen', '1', '-i', `rtmp://127.0.0.1:${rtmpPort}/live/k`].concat([
        '-f',
        'null',
        '-',
      ]),
      { stdio: 'ignore' },
    );
    await witness.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: `rtmp://127.0.0.1:${rtmpPort}/live`, key: 'k' },
    });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await api(core, 'PUT', '/api/rundown', {
      body: {
        segments: [
          { id: 'keynote', title: 'Keynote', scene: 'Keynote', plannedSec: 1200 },
          { id: 'panel', title: 'Panel', scene: 'Panel', plannedSec: 1800 },
        ],
      },
    });
    await api(core, 'PUT', '/api/guests', {
      body: { guests: [{ id: 'anna', name: 'Anna Schmidt', role: 'Keynote', handle: 'anna' }] },
    });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 10_000);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByTestId('obs-indicator').filter({ hasText: 'connected' }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    receiver.kill('SIGKILL');
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('says "On screen" only once OBS confirms it, and warns for a scene without it', async () => {
    // Not set up yet: the warning is there before anyone presses the button.
    const warning = page.getByTestId('screen-warning');
    await expect.poll(() => warning.textContent()).toContain('not set up in OBS yet');
    // Set up from Settings: the rundown's scenes are ticked already.
    await page.getByRole('link', { name: /Settings/ }).click();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'OBS' })
      .click();
    const setup = page.getByTestId('lower-third-setup');
    expect(await setup.getByLabel('Keynote').isChecked()).toBe(true);
    expect(await setup.getByLabel('Panel').isChecked()).toBe(true);
    expect(await setup.getByLabel('Break').isChecked()).toBe(false);
    await setup.getByRole('button', { name: 'Set up OBS' }).click();
    await expect
      .poll(() => setup.getByTestId('setup-active').textContent())
      .toContain('Keynote, Panel');
    expect(await setup.getByTestId('setup-missing').textContent()).toContain('Break');
    await page.getByRole('link', { name: /Producer/ }).click();

    await page.keyboard.press('Shift+Digit1');
    const badge = page.getByTestId('screen-guest');
    await expect.poll(() => badge.textContent()).toBe('On screen');
    const id = (
      await witness.call('GetSceneItemId', {
        sceneName: 'Keynote',
        sourceName: 'Panelcast Lower Third',
      })
    ).sceneItemId;
    expect(
      (await witness.call('GetSceneItemEnabled', { sceneName: 'Keynote', sceneItemId: id }))
        .sceneItemEnabled,
    ).toBe(true);

    // Cut to a scene without the lower third: the badge stops claiming, the warning says why.
    await witness.call('SetCurrentProgramScene', { sceneName: 'Break' });
    await expect.poll(() => badge.textContent()).toBe('Not on program');
    await expect.poll(() => warning.textContent()).toContain('“Break” has no lower third');
    await saveScreenshot(page, 'on-air-warning-en');
    await witness.call('SetCurrentProgramScene', { sceneName: 'Keynote' });
    await expect.poll(() => badge.textContent()).toBe('On screen');
    await page.getByRole('button', { name: /Lower third/ }).click();
    await expect.poll(() => badge.count()).toBe(0);
  });

  it('never stops the stream from the keyboard; the stop dialog opens on Cancel', async () => {
    await page.getByRole('button', { name: 'Start stream' }).click();
    // The show is still planned: this stream is a rehearsal (the shows test covers going live).
    await page
      .getByRole('alertdialog', { name: 'Start the stream' })
      .getByRole('button', { name: 'Rehearsal' })
      .click();
    await eventually(async () => expect(await streaming()).toBe(true), 10_000);
    await expect
      .poll(() => page.getByTestId('stream-status').textContent(), { timeout: 10_000 })
      .toContain('LIVE');
    // The button that became "Stop stream" does not keep the focus.
    expect(
      await page.evaluate<string>(
        'document.activeElement?.tagName === "BUTTON" ? document.activeElement.textContent : ""',
      ),
    ).not.toContain('Stop stream');
    const keys = ['Space', 'Enter', 'Escape'];
    const orders = keys.flatMap((a) => keys.flatMap((b) => keys.map((c) => [a, b, c, a, b])));
    for (const order of orders) {
      for (const key of order) await page.keyboard.press(key);
    }
    // Tab onto the stop button and press every key on it: the dialog opens, focus on Cancel.
    await page.getByRole('button', { name: 'Stop stream' }).focus();
    for (const order of [
      ['Space', 'Space', 'Enter'],
      ['Enter', 'Enter', 'Space'],
      ['Space', 'Escape', 'Enter', 'Space', 'Enter'],
    ]) {
      await page.getByRole('button', { name: 'Stop stream' }).focus();
      for (const key of order) await page.keyboard.press(key);
    }
    expect(await streaming()).toBe(true);

    await page.getByRole('button', { name: 'Stop stream' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(
      await page.evaluate<string>(
        'document.activeElement?.tagName === "BUTTON" ? document.activeElement.textContent : ""',
      ),
    ).toMatch(/^Cancel/);
    // The view re-renders every second (the clock): the focus stays on Cancel through it.
    const clock = page.locator('.livebar__clock');
    const shown = await clock.textContent();
    await expect.poll(() => clock.textContent()).not.toBe(shown);
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toMatch(
      /^Cancel/,
    );
    await saveScreenshot(page, 'on-air-stop-dialog-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await streaming()).toBe(true);

    // Only a deliberate choice of the stop button ends the stream.
    await page.getByRole('button', { name: 'Stop stream' }).click();
    await dialog.getByRole('button', { name: 'Stop stream' }).click();
    await eventually(async () => expect(await streaming()).toBe(false), 10_000);
  });

  it('shows a banner on every view while OBS is lost, and drops it when OBS is back', async () => {
    const pages = { producer: page } as Record<string, Page>;
    for (const [view, locale] of [
      ['moderator', 'en-US'],
      ['settings', 'de-DE'],
    ] as const) {
      const other = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale });
      await other.goto(`${core.url}${view}?token=${core.token}`);
      await other.getByTestId('obs-indicator').waitFor();
      pages[view] = other;
    }
    const banners = Object.values(pages).map((p) => p.getByTestId('obs-lost-banner'));
    for (const banner of banners) expect(await banner.count()).toBe(0);

    await obs.kill();
    // The first reconnect attempt follows within ~0.5 s; the banner must be up by then.
    for (const banner of banners) await banner.waitFor({ timeout: 3000 });
    expect(core.hub.get('obs').status).toBe('reconnecting');
    expect(await banners[0]?.textContent()).toContain('OBS connection lost');
    expect(await pages.settings?.getByTestId('obs-lost-banner').textContent()).toContain(
      'Verbindung zu OBS verloren',
    );
    expect(await page.getByTestId('obs-indicator').textContent()).toContain('lost');
    expect(await page.getByRole('button', { name: 'Start stream' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: /Lower third/ }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'obs-lost-producer-en');
    if (pages.settings) await saveScreenshot(pages.settings, 'obs-lost-settings-de');
    if (pages.moderator) await saveScreenshot(pages.moderator, 'obs-lost-moderator-en');

    await obs.restart();
    await witness.connect(obs.url, obs.password).catch(() => undefined);
    for (const banner of banners) await banner.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('obs-indicator').textContent()).toContain('connected');
    expect(await page.getByRole('button', { name: 'Start stream' }).isDisabled()).toBe(false);
  });
});
