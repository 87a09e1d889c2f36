// The Producer view in Chromium, driving a real OBS.
import { spawn, type ChildProcess } from 'node:child_process';
import { OBSWebSocket } from 'obs-websocket-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { freePort } from '../helpers/cli.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

describe('Producer view with a connected OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  let browser: Browser;
  let page: Page;
  let receiver: ChildProcess;
  const witness = new OBSWebSocket();
  const program = async (): Promise<string> =>
    (await witness.call('GetCurrentProgramScene')).currentProgramSceneName;

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    for (const scene of ['Intro', 'Keynote', 'Panel', 'Q&A', 'Outro']) {
      await witness.call('CreateScene', { sceneName: scene });
    }
    await witness.call('SetCurrentProgramScene', { sceneName: 'Intro' });
    const rtmpPort = await freePort();
    receiver = spawn(
      'ffmpeg',
      [
        '-loglevel',
        'quiet',
        '-listen',
        '1',
        '-i',
        `rtmp://127.0.0.1:${rtmpPort}/live/k`,
        '-f',
        'null',
        '-',
      ],
      {
        stdio: 'ignore',
      },
    );
    await witness.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: `rtmp://127.0.0.1:${rtmpPort}/live`, key: 'k' },
    });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await api(core, 'PUT', '/api/rundown', {
      body: {
        segments: [
          {
            id: 'intro',
            title: 'Intro',
            scene: 'Intro',
            plannedSec: 90,
            notes: 'Welcome, housekeeping',
          },
          {
            id: 'keynote',
            title: 'Keynote',
            scene: 'Keynote',
            plannedSec: 1200,
            notes: 'Anna Schmidt',
          },
          { id: 'panel', title: 'Panel', scene: 'Panel', plannedSec: 1800, notes: '' },
          { id: 'qa', title: 'Q&A', scene: 'Q&A', plannedSec: 900, notes: '' },
        ],
      },
    });
    await api(core, 'PUT', '/api/guests', {
      body: {
        guests: [
          { id: 'anna', name: 'Anna Schmidt', role: 'Keynote · ACME Labs', handle: 'anna' },
          { id: 'ben', name: 'Ben Okafor', role: 'Moderator', handle: null },
        ],
      },
    });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 10_000);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    receiver.kill('SIGKILL');
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('shows the scenes with program in red, and cuts with the number keys', async () => {
    const scenes = page.getByTestId('scenes');
    await expect.poll(() => scenes.getByRole('button').count()).toBe(6);
    const intro = scenes.getByRole('button', { name: /Intro/ });
    await expect.poll(() => intro.getAttribute('aria-pressed')).toBe('true');
    // As in OBS's scene list, top-down: Scene, Intro, Keynote, Panel, Q&A, Outro. Key 4 is "Panel".
    const order = await scenes.locator('.scene__name').allTextContents();
    expect(order).toEqual(['Scene', 'Intro', 'Keynote', 'Panel', 'Q&A', 'Outro']);
    await page.keyboard.press('4');
    await eventually(async () => expect(await program()).toBe('Panel'));
    await expect
      .poll(() => scenes.getByRole('button', { name: /Panel/ }).getAttribute('aria-pressed'))
      .toBe('true');
  });

  it('runs the rundown with N and shows the countdown', async () => {
    await page.keyboard.press('n');
    await eventually(async () => expect(await program()).toBe('Intro'));
    const now = page.getByTestId('segment-now');
    await expect.poll(() => now.textContent()).toContain('Intro');
    await expect
      .poll(() => page.getByTestId('countdown').textContent())
      .toMatch(/^1:(29|30) left$/);
    await page.keyboard.press('n');
    await eventually(async () => expect(await program()).toBe('Keynote'));
  });

  it('puts a guest lower third on screen with Shift+1', async () => {
    const overlay = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await overlay.goto(`${core.url}overlay`);
    await page.bringToFront();
    await page.keyboard.press('Shift+Digit1');
    await expect
      .poll(() => overlay.getByTestId('guest-third').textContent())
      .toContain('Anna Schmidt');
    await overlay.close();
  });

  it('starts the stream, shows it live with health, and asks before stopping', async () => {
    await page.getByRole('button', { name: 'Start stream' }).click();
    // The show is still planned: this stream is a rehearsal (the shows test covers going live).
    await page
      .getByRole('alertdialog', { name: 'Start the stream' })
      .getByRole('button', { name: 'Rehearsal' })
      .click();
    await expect
      .poll(() => page.getByTestId('stream-status').textContent(), { timeout: 10_000 })
      .toContain('LIVE');
    await expect
      .poll(() => page.getByTestId('bitrate').textContent(), { timeout: 10_000 })
      .toMatch(/^\d+ kb\/s$/);
    await page.waitForTimeout(2500); // a little history for the chart
    await saveScreenshot(page, 'producer-obs');

    await page.getByRole('button', { name: 'Stop stream' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Stop the stream?');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await witness.call('GetStreamStatus')).outputActive).toBe(true);

    // Enter alone cancels (Cancel has the focus); stopping takes a deliberate move to the button.
    await page.getByRole('button', { name: 'Stop stream' }).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await witness.call('GetStreamStatus')).outputActive).toBe(true);
    await page.getByRole('button', { name: 'Stop stream' }).click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await eventually(
      async () => expect((await witness.call('GetStreamStatus')).outputActive).toBe(false),
      10_000,
    );
    await expect.poll(() => page.getByTestId('stream-status').textContent()).not.toContain('LIVE');
  });

  it('uses studio mode: a scene key sets the preview, Space transitions', async () => {
    // The box shows OBS's state, so it turns on once OBS confirms.
    await page.getByLabel('Studio mode').click();
    await expect.poll(() => page.getByLabel('Studio mode').isChecked()).toBe(true);
    const before = await program();
    // OBS starts studio mode with the program scene in preview; let it settle first.
    await eventually(() => expect(core.hub.get('obs').previewScene).toBe(before));
    await page.waitForTimeout(300);
    await page.keyboard.press('4'); // Panel → preview, program unchanged
    await eventually(async () =>
      expect((await witness.call('GetCurrentPreviewScene')).currentPreviewSceneName).toBe('Panel'),
    );
    expect(await program()).toBe(before);
    await page.keyboard.press('5'); // Q&A → preview
    await eventually(async () =>
      expect((await witness.call('GetCurrentPreviewScene')).currentPreviewSceneName).toBe('Q&A'),
    );
    await page.keyboard.press(' ');
    await eventually(async () => expect(await program()).toBe('Q&A'), 5000);
    await saveScreenshot(page, 'producer-studio');
    await page.getByLabel('Studio mode').click();
    await expect.poll(() => page.getByLabel('Studio mode').isChecked()).toBe(false);
  });
});
