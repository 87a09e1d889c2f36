// The Producer view on a 1920x1080 screen with a real OBS: program thumbnail and audio meters,
// the live state as the biggest thing on screen with the segment countdown beside it, everything
// needed during a show above the fold, and no label clipped, in English and German.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { clippedLabels } from '../helpers/labels.js';

describe('Producer screen at 1920x1080 with a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  let browser: Browser;
  const witness = new OBSWebSocket();
  const temp = makeTempDir('panelcast-producer-');

  beforeAll(async () => {
    const tone = path.join(temp.dir, 'tone.wav');
    spawnSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=20',
      '-ac',
      '2',
      tone,
    ]);
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    const colours: [string, number][] = [
      ['Opening', 0xff0000ff],
      ['Panel', 0xffff0000],
    ];
    for (const [scene, color] of colours) {
      await witness.call('CreateScene', { sceneName: scene });
      await witness.call('CreateInput', {
        sceneName: scene,
        inputName: `${scene} colour`,
        inputKind: 'color_source_v3',
        inputSettings: { color, width: 1920, height: 1080 },
      });
    }
    await witness.call('CreateInput', {
      sceneName: 'Opening',
      inputName: 'Host mic',
      inputKind: 'ffmpeg_source',
      inputSettings: { local_file: tone, is_local_file: true, looping: true },
    });
    await witness.call('SetCurrentProgramScene', { sceneName: 'Opening' });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await api(core, 'PUT', '/api/rundown', {
      body: {
        segments: [
          { id: 'open', title: 'Begrüßung', scene: 'Opening', plannedSec: 300, notes: '' },
          { id: 'panel', title: 'Podium', scene: 'Panel', plannedSec: 1200, notes: '' },
        ],
      },
    });
    await api(core, 'POST', '/api/rundown/next');
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
    temp.remove();
  });

  async function open(locale: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale });
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByTestId('monitor-program').locator('img').waitFor({ timeout: 15_000 });
    return page;
  }

  it('shows the program picture and follows a scene switch; the meter follows the mic', async () => {
    const page = await open('en-US');
    const picture = page.getByTestId('monitor-program').locator('img');
    await expect.poll(() => picture.getAttribute('data-scene')).toBe('Opening');
    const opening = await picture.getAttribute('src');
    const meter = page.locator('[data-testid="meter"][data-name="Host mic"]');
    await expect
      .poll(async () => Number(await meter.getAttribute('data-peak')))
      .toBeGreaterThan(-30);

    await witness.call('SetInputMute', { inputName: 'Host mic', inputMuted: true });
    await expect.poll(() => meter.getAttribute('data-state'), { timeout: 10_000 }).toBe('silent');
    await witness.call('SetInputMute', { inputName: 'Host mic', inputMuted: false });
    await expect.poll(() => meter.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');

    // The mic is in the opening scene only: after the cut, the picture is the panel's.
    await page.getByTestId('scenes').getByRole('button', { name: /Panel/ }).click();
    await expect.poll(() => picture.getAttribute('data-scene')).toBe('Panel');
    expect(await picture.getAttribute('src')).not.toBe(opening);
    await witness.call('SetCurrentProgramScene', { sceneName: 'Opening' });
    await page.close();
  }, 90_000);

  for (const [language, locale] of [
    ['en', 'en-US'],
    ['de', 'de-DE'],
  ] as const) {
    it(`reads from a metre away, all above the fold, no label clipped (${language})`, async () => {
      const page = await open(locale);
      await page.getByTestId('livebar-countdown').filter({ hasText: 'Begrüßung' }).waitFor();
      // The live state is the largest text on screen; the countdown sits right beside it.
      const sizes = await page.evaluate<{
        badge: number;
        largestOther: number;
        gap: number;
        sameRow: boolean;
      }>(`(() => {
        const size = (e) => parseFloat(getComputedStyle(e).fontSize);
        const badge = document.querySelector('[data-testid="stream-status"] .livebar__badge');
        const others = [...document.querySelectorAll('.producer *')]
          .filter((e) => e !== badge && e.children.length === 0 && e.textContent.trim() !== '')
          .map(size);
        const b = badge.getBoundingClientRect();
        const c = document.querySelector('[data-testid="livebar-countdown"]').getBoundingClientRect();
        return { badge: size(badge), largestOther: Math.max(...others), gap: c.left - b.right, sameRow: Math.abs(c.top - b.top) < 60 };
      })()`);
      expect(sizes.badge).toBeGreaterThan(sizes.largestOther);
      expect(sizes.sameRow).toBe(true);
      expect(sizes.gap).toBeLessThan(400);

      // What a show needs is above the fold of a 1080p screen.
      for (const id of ['monitor', 'scenes', 'on-air', 'segment-now', 'health', 'destinations']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, id).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0), id).toBeLessThanOrEqual(1080);
      }
      expect(await clippedLabels(page)).toEqual([]);
      await saveScreenshot(page, `producer-1920-${language}`);
      await page.close();
    });
  }
});
