// Three guests in Chromium with fake cameras and microphones: the green room as the director
// panel and a guest's phone show it (German and English, looked at for clipped words), then the
// three on the /stage page while the producer switches layouts. The tiles move where each layout
// puts them, measured on the page; the peer connections stay and keep decoding.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { PEER_CONNECTION_SPY, launchMediaBrowser, screenshotDir } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { clippedLabels } from '../helpers/labels.js';

interface Peers {
  /** Every RTCPeerConnection the page ever made, closed ones too. */
  made: number;
  /** Video frames decoded so far, per connection that is not closed. */
  decoded: number[];
}

const PEERS_OF = `(async () => {
  const decoded = [];
  for (const pc of window.__pcs) {
    if (pc.connectionState === 'closed') continue;
    let frames = 0;
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;
    });
    decoded.push(frames);
  }
  return { made: window.__pcs.length, decoded };
})()`;

const peersOf = (page: Page): Promise<Peers> => page.evaluate<Peers>(PEERS_OF);

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  shown: boolean;
}

/** Where each stage tile is drawn, in stage order (hidden ones with shown: false). */
const TILES_OF = `[...document.querySelectorAll('[data-testid="stage-tile"]')].map((tile) => {
  const r = tile.getBoundingClientRect();
  const shown = tile.getClientRects().length > 0;
  return { name: tile.dataset.name, x: r.x, y: r.y, width: r.width, height: r.height, shown };
})`;

const tilesOf = (stage: Page): Promise<Box[]> => stage.evaluate<Box[]>(TILES_OF);

/** The room states the director panel shows, row by row. */
const STATES_OF = `[...document.querySelectorAll('[data-testid="room-guest"]')].map(
  (row) => row.dataset.state,
)`;

/** Per stage tile: its media element plays with sound. */
const SOUNDING = `[...document.querySelectorAll('[data-testid="stage-tile"] video')].map(
  (video) => !video.paused && !video.muted && video.srcObject.getAudioTracks().length === 1,
)`;

/** Remote pictures on a guest's page that have a frame to show. */
const PLAYING = `[...document.querySelectorAll('[data-testid="remote-tile"] video')].filter(
  (video) => video.readyState >= 2,
).length`;

const GUESTS = [
  { name: 'Ada Lovelace', role: 'Analytical Engines' },
  { name: 'Grace Hopper', role: 'US Navy' },
  { name: 'Katherine Johnson', role: 'NASA, Flight Research Division' },
];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * Saves a whole page, or one part of it as laid out on the whole page: a panel taller than the
 * window is not scrolled under the sticky top bar.
 */
async function shot(target: Page | Locator, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  if ('goto' in target) {
    await target.screenshot({ path: file, fullPage: true });
    return;
  }
  const page = target.page();
  await page.evaluate('window.scrollTo(0, 0)');
  const clip = await target.boundingBox();
  if (!clip) throw new Error(`${name}: nothing to see`);
  await page.screenshot({ path: file, fullPage: true, clip });
}

/** The tiles lie inside the page (1280 × 720), none over another. */
function expectInsideWithoutOverlap(boxes: Box[]): void {
  for (const box of boxes) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280.5);
    expect(box.y + box.height).toBeLessThanOrEqual(720.5);
  }
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const apart =
        a.x + a.width <= b.x + 0.5 ||
        b.x + b.width <= a.x + 0.5 ||
        a.y + a.height <= b.y + 0.5 ||
        b.y + b.height <= a.y + 0.5;
      expect(apart, `${a.name} and ${b.name} overlap`).toBe(true);
    }
  });
}

describe('three guests: the green room and the stage layouts', () => {
  let core: TestCore;
  let browser: Browser;
  let producer: Page;
  let stage: Page;
  const guests: Page[] = [];

  const newPage = async (options: Parameters<Browser['newContext']>[0]): Promise<Page> => {
    const context = await browser.newContext(options);
    await context.addInitScript(PEER_CONNECTION_SPY);
    return context.newPage();
  };
  const panel = (): Locator => producer.getByTestId('guest-room-panel');
  const rowOf = (name: string): Locator =>
    panel().getByTestId('room-guest').filter({ hasText: name });

  beforeAll(async () => {
    core = await startTestCore();
    await api(core, 'PUT', '/api/guests', { body: { guests: GUESTS } });
    browser = await launchMediaBrowser();
    producer = await newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    await producer.goto(`${core.url}producer?token=${core.token}&name=Pia`);
    await panel().waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('shows three guests ready in the green room, in German and English', async () => {
    const locales = ['de-DE', 'en-US', 'de-DE'];
    for (const [i, guest] of core.hub.get('guests').entries()) {
      const invite = await api(core, 'POST', `/api/guests/${guest.id}/invite`);
      const page = await newPage({ ...PHONE, locale: locales[i] });
      guests.push(page);
      await page.goto((invite.body as { link: string }).link);
      const ready = locales[i] === 'de-DE' ? 'Bereit' : 'Ready';
      await page.getByRole('button', { name: ready }).click();
    }
    await expect
      .poll(() => producer.evaluate<string[]>(STATES_OF))
      .toEqual(['green', 'green', 'green']);
    // Each guest sees the two others, moving pictures, before anyone looks.
    for (const page of guests) {
      await expect.poll(() => page.evaluate<number>(PLAYING), { timeout: 60_000 }).toBe(2);
    }
    // Each guest's round trip, loss and bitrate (the bitrate needs a second sample).
    const quality = /^RTT \d+ ms · loss [\d.]+ % · [1-9]\d* kbit\/s · \d+×\d+$/;
    await expect
      .poll(() => panel().getByTestId('room-quality').allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(quality),
        expect.stringMatching(quality),
        expect.stringMatching(quality),
      ]);
    expect(await rowOf('Katherine').getByRole('button', { name: 'Bring on stage' }).count()).toBe(
      1,
    );
    expect(await clippedLabels(producer)).toEqual([]);
    await shot(panel(), 'green-room-3-director-en');
    await producer.locator('select.language').selectOption('de');
    await rowOf('Katherine').getByRole('button', { name: 'Auf die Bühne' }).waitFor();
    expect(await clippedLabels(producer)).toEqual([]);
    await shot(panel(), 'green-room-3-director-de');
    await producer.locator('select.language').selectOption('en');

    const [ada, grace] = guests as [Page, Page];
    expect(await ada.getByTestId('room-status').textContent()).toBe('Du bist im Vorraum');
    expect(await grace.getByTestId('room-status').textContent()).toBe('You are in the green room');
    expect(await clippedLabels(ada)).toEqual([]);
    expect(await clippedLabels(grace)).toEqual([]);
    await shot(ada, 'green-room-3-guest-phone-de');
    await shot(grace, 'green-room-3-guest-phone-en');
  }, 180_000);

  it('re-lays out the stage live for each layout the producer picks', async () => {
    stage = await newPage({ viewport: { width: 1280, height: 720 } });
    await stage.goto(`${core.url}stage`);
    for (const { name } of GUESTS) {
      await rowOf(name).getByRole('button', { name: 'Bring on stage' }).click();
      await expect.poll(() => rowOf(name).getAttribute('data-state')).toBe('stage');
    }
    await expect
      .poll(async () => (await peersOf(stage)).decoded.filter((n) => n > 0).length, {
        timeout: 60_000,
      })
      .toBe(3);
    const before = await peersOf(stage);
    expect(before.made).toBe(3);
    const layout = (): Promise<string | null> =>
      stage.getByTestId('stage').getAttribute('data-layout');
    const picker = panel().getByTestId('stage-layout');
    const pick = async (label: string, drawn: string): Promise<Box[]> => {
      await picker.getByRole('radio', { name: label }).click();
      await expect.poll(layout).toBe(drawn);
      await expect
        .poll(() => picker.getByRole('radio', { name: label }).getAttribute('aria-checked'))
        .toBe('true');
      return tilesOf(stage);
    };

    // Auto grid: two on top, the third centred under them.
    expect(await layout()).toBe('grid');
    const grid = await tilesOf(stage);
    expect(grid.map((b) => b.name)).toEqual(GUESTS.map((g) => g.name));
    expect(Math.abs((grid[0]?.y ?? 0) - (grid[1]?.y ?? 0))).toBeLessThan(1);
    expect(grid[2]?.y).toBeGreaterThan((grid[0]?.y ?? 0) + (grid[0]?.height ?? 0) - 1);
    expectInsideWithoutOverlap(grid);

    // Side by side: one row, equal widths, in the order they came on.
    const row = await pick('Side by side', 'row');
    expect(new Set(row.map((b) => Math.round(b.y))).size).toBe(1);
    expect(
      Math.max(...row.map((b) => b.width)) - Math.min(...row.map((b) => b.width)),
    ).toBeLessThan(1);
    expect(row.map((b) => b.x)).toEqual([...row.map((b) => b.x)].sort((a, b) => a - b));
    expect(row[0]?.width).toBeGreaterThan(1280 / 3 - 60);
    expectInsideWithoutOverlap(row);
    await shot(stage, 'stage-layout-row');

    // Spotlight: the first guest on stage clearly the largest, the others in a strip beside.
    const spot = await pick('Spotlight', 'spotlight');
    const [big, ...strip] = spot as [Box, ...Box[]];
    expect(big.name).toBe('Ada Lovelace');
    for (const small of strip) {
      expect(big.width * big.height).toBeGreaterThan(4 * small.width * small.height);
      expect(small.x).toBeGreaterThan(big.x + big.width - 1);
      expect(Math.abs(small.x - (strip[0]?.x ?? 0))).toBeLessThan(1);
    }
    expectInsideWithoutOverlap(spot);
    await shot(stage, 'stage-layout-spotlight');

    // Solo: the first guest alone, the others still connected (and heard).
    const solo = await pick('Solo', 'solo');
    expect(solo.map((b) => b.shown)).toEqual([true, false, false]);
    expect(solo[0]?.width).toBeGreaterThan(1000);
    expectInsideWithoutOverlap(solo.filter((b) => b.shown));
    // Unseen, not unheard: every guest's picture-and-sound element still plays, unmuted.
    expect(await stage.evaluate<boolean[]>(SOUNDING)).toEqual([true, true, true]);

    // The keyboard: arrows move through the layouts and choose at once (Solo wraps to the grid).
    await picker.getByRole('radio', { name: 'Solo' }).focus();
    await producer.keyboard.press('ArrowRight');
    await expect.poll(layout).toBe('grid');
    expect(core.hub.get('room').layout).toBe('grid');
    await expect
      .poll(() => picker.getByRole('radio', { name: 'Auto grid' }).getAttribute('aria-checked'))
      .toBe('true');
    await producer.keyboard.press('ArrowRight');
    await expect.poll(layout).toBe('row');
    expect(await producer.evaluate('document.activeElement.textContent')).toBe('Side by side');

    // Four layouts later: no new peer connection, and every one still decodes.
    const after = await peersOf(stage);
    expect(after.made).toBe(before.made);
    await expect
      .poll(
        async () =>
          (await peersOf(stage)).decoded.every((n, i) => n > (after.decoded[i] ?? 0) + 10),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect((await peersOf(stage)).made).toBe(before.made);

    expect(await clippedLabels(producer)).toEqual([]);
    await shot(picker, 'stage-layout-picker-en');
    await producer.locator('select.language').selectOption('de');
    await picker.getByRole('radio', { name: 'Nebeneinander' }).waitFor();
    expect(await clippedLabels(producer)).toEqual([]);
    await shot(picker, 'stage-layout-picker-de');
  }, 180_000);

  it('keeps a dropped guest’s place on stage as a calm reconnecting tile', async () => {
    await api(core, 'PUT', '/api/room/layout', { body: { layout: 'row' } });
    await expect.poll(async () => (await tilesOf(stage)).length).toBe(3);
    const before = await tilesOf(stage);
    // Grace's browser goes away (a crash, a closed lid): the core drops her connection.
    await guests[1]?.context().close();
    await expect
      .poll(() => core.hub.get('room').guests[1]?.state, { timeout: 20_000 })
      .toBe('left');
    // Her tile stays where it was, says so, and the others have not moved.
    const tile = stage.getByTestId('stage-tile').filter({ hasText: 'Grace Hopper' });
    await expect.poll(() => tile.textContent()).toContain('Reconnecting…');
    const during = await tilesOf(stage);
    expect(during.map((b) => [b.name, Math.round(b.x), Math.round(b.width)])).toEqual(
      before.map((b) => [b.name, Math.round(b.x), Math.round(b.width)]),
    );
    await shot(stage, 'stage-guest-away');
    // Taken off stage, her place goes and the others close up.
    const gid = core.hub.get('room').guests[1]?.id ?? '';
    expect(
      (await api(core, 'PUT', `/api/guests/${gid}/stage`, { body: { on: false } })).status,
    ).toBe(200);
    await expect
      .poll(async () => (await tilesOf(stage)).map((b) => b.name))
      .toEqual(['Ada Lovelace', 'Katherine Johnson']);
  }, 60_000);
});
