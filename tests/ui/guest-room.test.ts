// The remote-guest room end to end in Chromium with fake cameras and microphones: two guests
// follow their personal links, the host joins from the Producer view, everyone receives the
// others' audio and video and never their own (checked in WebRTC's own SDP and stats, not by
// timing); the director panel shows each guest's live thumbnail, small and silent, from joining
// on, and says so when it stalls; the /stage page decodes the guests on stage and drops one taken
// off; a removed guest's link stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import path from 'node:path';
import { launchMediaBrowser, saveScreenshot, screenshotDir } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { clippedLabels } from '../helpers/labels.js';

/** Records every peer connection and every camera/microphone track a page opens. */
const SPY = `
  window.__pcs = [];
  window.__localTracks = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
  const media = navigator.mediaDevices;
  const open = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const stream = await open(constraints);
    for (const track of stream.getTracks()) window.__localTracks.push(track.id);
    return stream;
  };
`;

interface PeerSummary {
  /** Track ids the other end sends on this connection (a=msid in the remote SDP). */
  remoteTracks: string[];
  sentTracks: string[];
  audioPackets: number;
  framesDecoded: number;
}

interface PageMedia {
  local: string[];
  peers: PeerSummary[];
}

/** What a page's open peer connections carry, from the SDP and getStats (runs in the page). */
const MEDIA_OF = `(async () => {
  const peers = [];
  for (const pc of window.__pcs) {
    if (pc.connectionState === 'closed') continue;
    const sdp = pc.remoteDescription ? pc.remoteDescription.sdp : '';
    const remoteTracks = [...sdp.matchAll(/^a=msid:\\S+ (\\S+)/gm)].map((m) => m[1]);
    const sentTracks = pc.getSenders().filter((s) => s.track).map((s) => s.track.id);
    let audioPackets = 0;
    let framesDecoded = 0;
    (await pc.getStats()).forEach((report) => {
      if (report.type !== 'inbound-rtp') return;
      if (report.kind === 'audio') audioPackets += report.packetsReceived || 0;
      if (report.kind === 'video') framesDecoded += report.framesDecoded || 0;
    });
    peers.push({ remoteTracks, sentTracks, audioPackets, framesDecoded });
  }
  return { local: window.__localTracks, peers };
})()`;

/** The director panel's receiving side: per open connection, what arrives (WebRTC stats). */
const THUMBS_OF = `(async () => {
  const thumbs = [];
  for (const pc of window.__pcs) {
    if (pc.connectionState === 'closed') continue;
    const sdp = pc.remoteDescription ? pc.remoteDescription.sdp : '';
    let frameWidth = 0;
    let framesDecoded = 0;
    (await pc.getStats()).forEach((report) => {
      if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
      frameWidth = report.frameWidth || 0;
      framesDecoded = report.framesDecoded || 0;
    });
    thumbs.push({ audio: /^m=audio/m.test(sdp), frameWidth, framesDecoded });
  }
  return thumbs;
})()`;

/** The part of a <video> the panel test reads (the test's lib has no DOM types). */
interface ThumbVideo {
  videoWidth: number;
  muted: boolean;
  getVideoPlaybackQuality(): { totalVideoFrames: number };
}

/** A guest's thumbnail senders (video only, to a panel): how they are set to encode. */
const THUMB_SENDERS = `window.__pcs
  .filter((pc) => pc.connectionState !== 'closed')
  .map((pc) => pc.getSenders())
  .filter((senders) => senders.length === 1 && senders[0].track?.kind === 'video')
  .map(([sender]) => sender.getParameters().encodings[0])`;

/** Stops (or restarts) the frames a guest sends the panel, as a stalled link would. */
const PAUSE_THUMB = `(async () => {
  for (const pc of window.__pcs) {
    const senders = pc.getSenders();
    if (pc.connectionState === 'closed' || senders.length !== 1) continue;
    const [sender] = senders;
    if (sender.track) { window.__thumbTrack = sender.track; await sender.replaceTrack(null); }
    else await sender.replaceTrack(window.__thumbTrack);
  }
})()`;

/** Holds the camera back until the test calls window.__openCamera() (a slow permission prompt). */
const HOLD_CAMERA = `
  const media = navigator.mediaDevices;
  const openNow = media.getUserMedia.bind(media);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  window.__openCamera = () => release();
  media.getUserMedia = async (constraints) => { await held; return openNow(constraints); };
`;

function mediaOf(page: Page): Promise<PageMedia> {
  return page.evaluate<PageMedia>(MEDIA_OF);
}

const STATES = (rows: { dataset: { state?: string } }[]): (string | undefined)[] =>
  rows.map((row) => row.dataset.state);

const sent = (m: PageMedia): string[] => m.peers.flatMap((p) => p.sentTracks);

/** Track ids this page receives on connections where both sound and picture arrive. */
function flowing(m: PageMedia): string[] {
  return m.peers
    .filter((p) => p.audioPackets > 0 && p.framesDecoded > 0)
    .flatMap((p) => p.remoteTracks);
}

describe('remote-guest room', () => {
  let core: TestCore;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let producer: Page;
  let host: Page;
  let ada: Page;
  let grace: Page;
  let stage: Page;
  const links: string[] = [];

  const newPage = async (options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    await context.addInitScript(SPY);
    return context.newPage();
  };

  beforeAll(async () => {
    core = await startTestCore();
    await api(core, 'PUT', '/api/guests', {
      body: {
        guests: [
          { name: 'Ada Lovelace', role: 'Analytical Engines' },
          { name: 'Grace Hopper', role: 'US Navy' },
        ],
      },
    });
    browser = await launchMediaBrowser();
    producer = await newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    await producer.goto(`${core.url}producer?token=${core.token}&name=Pia`);
    await producer.getByTestId('guest-room-panel').waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('gives each guest a personal link with a QR code from the director panel', async () => {
    const panel = producer.getByTestId('guest-room-panel');
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      const row = panel.getByTestId('room-guest').filter({ hasText: name });
      expect(await row.getAttribute('data-state')).toBe('uninvited');
      await row.getByRole('button', { name: 'Invite link' }).click();
      await expect.poll(() => panel.getByTestId('invite-link').textContent()).toContain(name);
      // The QR code is drawn asynchronously after the link shows.
      await expect
        .poll(() => panel.getByRole('img', { name: 'QR code of the invite link' }).count())
        .toBe(1);
      links.push((await panel.getByTestId('invite-url').textContent()) ?? '');
      await expect.poll(() => row.getAttribute('data-state')).toBe('invited');
    }
    expect(links[0]).toMatch(new RegExp(`^${core.url}join/`));
    expect(links[0]).not.toBe(links[1]);
  });

  it('lets two guests and the host see and hear each other, but never themselves', async () => {
    ada = await newPage({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      isMobile: true,
      hasTouch: true,
    });
    await ada.goto(links[0] ?? '');
    await expect.poll(() => ada.getByLabel('Dein Name').inputValue()).toBe('Ada Lovelace');
    await expect.poll(() => ada.getByLabel('Kamera').locator('option').count()).toBeGreaterThan(0);
    await expect
      .poll(() => ada.getByTestId('level-meter').getAttribute('aria-valuenow'))
      .not.toBe('0');
    // No STUN or TURN server is set up yet: nothing to test, and the page says so.
    await expect
      .poll(() => ada.getByTestId('check-verdict').getAttribute('data-verdict'))
      .toBe('untested');
    await saveScreenshot(ada, 'guest-join-phone-de');
    // While she checks her camera, the director panel already sees her.
    const adaRow = producer.getByTestId('room-guest').filter({ hasText: 'Ada' });
    await expect.poll(() => adaRow.getAttribute('data-state')).toBe('joining');
    await expect
      .poll(() => adaRow.getByTestId('room-thumb').getAttribute('data-flow'), { timeout: 30_000 })
      .toBe('live');
    expect(await clippedLabels(ada)).toEqual([]);
    await ada.getByRole('button', { name: 'EN', exact: true }).click();
    await ada.getByRole('button', { name: 'Ready' }).waitFor();
    expect(await clippedLabels(ada)).toEqual([]);
    await saveScreenshot(ada, 'guest-join-phone-en');
    await ada.getByRole('button', { name: 'DE', exact: true }).click();
    await ada.getByLabel('Deine Rolle (steht unter deinem Namen)').fill('Mathematikerin');
    await ada.getByRole('button', { name: 'Bereit' }).click();

    grace = await newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await grace.goto(links[1] ?? '');
    await grace.getByRole('button', { name: 'Ready' }).click();

    const opened = producer.context().waitForEvent('page');
    await producer.getByRole('link', { name: 'Join the room as host' }).click();
    host = await opened;
    await host.getByLabel('Your name', { exact: true }).fill('Pia (host)');
    await host.getByRole('button', { name: 'Ready' }).click();

    const pages = { ada, grace, host };
    /** Per page: whether all the others' sent tracks flow in, and whether its own never do. */
    const check = async (): Promise<Record<string, string>> => {
      const media: Record<string, PageMedia> = {};
      for (const [name, page] of Object.entries(pages)) media[name] = await mediaOf(page);
      const verdict: Record<string, string> = {};
      for (const [name, self] of Object.entries(media)) {
        const received = new Set(flowing(self));
        const othersSent = new Set(
          Object.entries(media).flatMap(([n, m]) => (n === name ? [] : sent(m))),
        );
        const missing = [...othersSent].filter((id) => !received.has(id)).length;
        const own = self.local.filter((id) => received.has(id)).length;
        verdict[name] = `${othersSent.size} sent to it, ${missing} missing, ${own} own`;
      }
      return verdict;
    };
    const wanted = '4 sent to it, 0 missing, 0 own';
    await expect
      .poll(check, { timeout: 60_000, interval: 1000 })
      .toEqual({ ada: wanted, grace: wanted, host: wanted });
    // Each sends exactly one audio and one video track to each of the two others.
    expect(new Set(sent(await mediaOf(ada))).size).toBe(2);
    expect(await ada.getByTestId('remote-tile').count()).toBe(2);
    await expect
      .poll(() => producer.getByTestId('room-guest').evaluateAll(STATES))
      .toEqual(['green', 'green']);
    // The director panel shows how each guest's connection does, from their WebRTC stats.
    await expect
      .poll(() => producer.getByTestId('room-quality').allTextContents(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/^RTT \d+ ms · loss [\d.]+ % · [1-9]\d* kbit\/s · \d+×\d+$/),
        expect.stringMatching(/^RTT \d+ ms · loss [\d.]+ % · [1-9]\d* kbit\/s · \d+×\d+$/),
      ]);
    await saveScreenshot(grace, 'guest-green-room-en');
    await saveScreenshot(ada, 'guest-green-room-phone-de');
  }, 120_000);

  it('shows each guest live, small and silent in the director panel, and says when it stalls', async () => {
    const panel = producer.getByTestId('guest-room-panel');
    const thumbs = panel.getByTestId('room-thumb');
    const flows = () =>
      thumbs.evaluateAll((els: { dataset: { flow?: string } }[]) =>
        els.map((el) => el.dataset.flow),
      );
    await expect.poll(flows).toEqual(['live', 'live']);
    const videos = async () =>
      thumbs.locator('video').evaluateAll((els: ThumbVideo[]) =>
        els.map((v) => ({
          width: v.videoWidth,
          frames: v.getVideoPlaybackQuality().totalVideoFrames,
          muted: v.muted,
        })),
      );
    const first = await videos();
    expect(first.every((v) => v.width > 0 && v.muted)).toBe(true);
    // Frames keep coming, not one picture.
    await expect
      .poll(async () => (await videos()).every((v, i) => v.frames > (first[i]?.frames ?? 0) + 5), {
        timeout: 20_000,
      })
      .toBe(true);
    // Small and without sound: the guests' browsers scale it down before it leaves them.
    const received =
      await producer.evaluate<{ audio: boolean; frameWidth: number; framesDecoded: number }[]>(
        THUMBS_OF,
      );
    expect(received).toHaveLength(2);
    for (const thumb of received) {
      expect(thumb.audio).toBe(false);
      expect(thumb.framesDecoded).toBeGreaterThan(0);
      expect(thumb.frameWidth).toBeGreaterThan(0);
      expect(thumb.frameWidth).toBeLessThanOrEqual(200);
    }
    expect(await grace.evaluate(THUMB_SENDERS)).toEqual([
      expect.objectContaining({ maxBitrate: 150_000, maxFramerate: 10 }),
    ]);
    // Ada's picture stops reaching the panel: the frozen frame is covered, then live again.
    const adaThumb = panel
      .getByTestId('room-guest')
      .filter({ hasText: 'Ada' })
      .getByTestId('room-thumb');
    await ada.evaluate(PAUSE_THUMB);
    await expect
      .poll(() => adaThumb.getAttribute('data-flow'), { timeout: 15_000 })
      .toBe('stalled');
    expect(await adaThumb.textContent()).toBe('Picture stalled');
    await panel.screenshot({
      path: path.join(screenshotDir, 'producer-thumbnails-stalled-en.png'),
    });
    await producer.locator('select.language').selectOption('de');
    await expect.poll(() => adaThumb.textContent()).toBe('Bild hängt');
    expect(await clippedLabels(producer)).toEqual([]);
    await panel.screenshot({
      path: path.join(screenshotDir, 'producer-thumbnails-stalled-de.png'),
    });
    await producer.locator('select.language').selectOption('en');
    await ada.evaluate(PAUSE_THUMB);
    await expect.poll(() => adaThumb.getAttribute('data-flow'), { timeout: 15_000 }).toBe('live');

    // Four other screens already watch: this one says so rather than wait for pictures.
    await producer.goto('about:blank');
    await expect.poll(() => core.hub.get('room').monitors).toBe(0);
    const others = [1, 2, 3, 4].map(() =>
      io(new URL('/guest', core.url).toString(), {
        auth: { kind: 'monitor', token: core.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }),
    );
    await expect.poll(() => core.hub.get('room').monitors).toBe(4);
    await producer.goto(`${core.url}producer?name=Pia`);
    await expect
      .poll(() => producer.getByTestId('room-thumbs-off').textContent())
      .toBe('No thumbnails on this screen: four other screens already show them. Reload later.');
    expect(await flows()).toEqual([]);
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-thumbnails-full-en.png') });
    for (const other of others) other.close();
    await expect.poll(() => core.hub.get('room').monitors).toBe(0);
    await producer.reload();
    await expect.poll(flows, { timeout: 30_000 }).toEqual(['live', 'live']);

    // Grace's camera opens only a while after her page joined: a calm "no picture yet" until it
    // does, then her picture (the link was there first; the camera is added to it).
    await grace.context().addInitScript(HOLD_CAMERA);
    await grace.reload();
    const graceRow = panel.getByTestId('room-guest').filter({ hasText: 'Grace' });
    await expect.poll(() => graceRow.getAttribute('data-state')).toBe('joining');
    const openLinks = `window.__pcs.filter((pc) => pc.connectionState !== 'closed').length`;
    await expect.poll(() => grace.evaluate<number>(openLinks)).toBe(1);
    expect(await graceRow.getByTestId('room-thumb').getAttribute('data-flow')).toBe('waiting');
    expect(await graceRow.getByTestId('room-thumb').textContent()).toBe('No picture yet');
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-thumbnail-waiting-en.png') });
    await producer.locator('select.language').selectOption('de');
    await expect
      .poll(() => graceRow.getByTestId('room-thumb').textContent())
      .toBe('Noch kein Bild');
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-thumbnail-waiting-de.png') });
    await producer.locator('select.language').selectOption('en');
    await grace.evaluate('window.__openCamera()');
    await expect
      .poll(() => graceRow.getByTestId('room-thumb').getAttribute('data-flow'), { timeout: 30_000 })
      .toBe('live');
    // And back in the green room by herself, as after any reload.
    await expect.poll(() => graceRow.getAttribute('data-state'), { timeout: 30_000 }).toBe('green');
  }, 120_000);

  it('puts the guests on stage for OBS, and drops one taken off', async () => {
    stage = await newPage({ viewport: { width: 1280, height: 720 } });
    await stage.goto(`${core.url}stage`);
    const panel = producer.getByTestId('guest-room-panel');
    for (const name of ['Ada', 'Grace Hopper']) {
      const row = panel.getByTestId('room-guest').filter({ hasText: name });
      await row.getByRole('button', { name: 'Bring on stage' }).click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('stage');
    }
    const decoded = async (): Promise<number[]> =>
      (await mediaOf(stage)).peers.map((p) => p.framesDecoded);
    await expect
      .poll(async () => (await decoded()).filter((n) => n > 0).length, { timeout: 60_000 })
      .toBe(2);
    // Still decoding, both of them: frames keep coming, not one picture.
    const first = await decoded();
    await expect
      .poll(async () => (await decoded()).every((n, i) => n > (first[i] ?? 0) + 10), {
        timeout: 30_000,
      })
      .toBe(true);
    expect(await stage.getByTestId('stage-tile').count()).toBe(2);
    expect(await stage.getByTestId('stage-tile').first().textContent()).toContain('Ada');
    expect(await stage.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgba(0, 0, 0, 0)',
    );
    await expect
      .poll(() => ada.getByTestId('room-status').textContent())
      .toBe('Du bist auf der Bühne');
    await saveScreenshot(stage, 'stage-two-guests');
    // The return feed on a guest's page: who is on stage, and the producer's cue.
    await expect
      .poll(() => grace.getByTestId('feed-stage').textContent())
      .toBe('On stage: Ada Lovelace, Grace Hopper');
    await panel
      .getByTestId('room-guest')
      .filter({ hasText: 'Grace Hopper' })
      .getByRole('button', { name: 'Wrap up' })
      .click();
    await expect.poll(() => grace.getByTestId('feed-cue').textContent()).toBe('Please wrap up.');
    // Text talkback, both ways.
    await grace.getByLabel('Message to the production').fill('Can you hear me?');
    await grace.getByLabel('Message to the production').press('Enter');
    const talk = panel.getByTestId('talkback');
    await expect.poll(() => talk.textContent()).toContain('Grace Hopper: Can you hear me?');
    await panel.getByLabel('To', { exact: true }).selectOption({ label: 'Grace Hopper' });
    await panel.getByLabel('Message to Grace Hopper').fill('Loud and clear');
    await talk.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => grace.getByTestId('talkback').textContent())
      .toContain('Production: Loud and clear');
    await saveScreenshot(grace, 'guest-on-stage-cue-en');
    // A single guest's feed, for producers who lay out their own scene.
    const graceId = core.hub.get('guests').find((g) => g.name === 'Grace Hopper')?.id ?? '';
    const feed = await newPage({ viewport: { width: 640, height: 360 } });
    await feed.goto(`${core.url}feed/${graceId}`);
    await expect.poll(() => feed.getByTestId('stage-tile').count()).toBe(1);
    expect(await feed.getByTestId('stage-tile').textContent()).toContain('Grace Hopper');
    await expect
      .poll(async () => (await mediaOf(feed)).peers.map((p) => p.framesDecoded > 0))
      .toEqual([true]);
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-guest-room-panel.png') });
    // The same panel in German, looked at for clipped words, then back to English for the rest.
    await producer.locator('select.language').selectOption('de');
    await producer.getByRole('button', { name: 'Von der Bühne', exact: true }).first().waitFor();
    expect(await clippedLabels(producer)).toEqual([]);
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-guest-room-panel-de.png') });
    await producer.locator('select.language').selectOption('en');

    // Ada reloads her page: she comes back to her place on stage by herself.
    await ada.reload();
    await expect
      .poll(() => ada.getByTestId('room-status').textContent(), { timeout: 30_000 })
      .toBe('Du bist auf der Bühne');
    await expect
      .poll(async () => (await decoded()).filter((n) => n > 0).length, { timeout: 60_000 })
      .toBe(2);
    expect(await stage.getByTestId('stage-tile').first().textContent()).toContain('Ada');

    const row = panel.getByTestId('room-guest').filter({ hasText: 'Grace Hopper' });
    await row.getByRole('button', { name: 'Take off stage' }).click();
    await expect.poll(() => stage.getByTestId('stage-tile').count()).toBe(1);
    expect(await stage.getByTestId('stage-tile').textContent()).toContain('Ada');
    expect((await mediaOf(stage)).peers).toHaveLength(1);
    await expect.poll(() => row.getAttribute('data-state')).toBe('green');
    await expect.poll(() => feed.getByTestId('stage-tile').count()).toBe(0);
    await feed.close();
  }, 180_000);

  it('closes a removed guest’s page, and their link no longer lets them in', async () => {
    const row = producer.getByTestId('guest-room-panel').getByTestId('room-guest').filter({
      hasText: 'Ada',
    });
    await row.getByRole('button', { name: 'Remove' }).click();
    await expect
      .poll(() => ada.getByTestId('join-ended').textContent())
      .toBe('Die Produktion hat dich aus dem Raum genommen. Danke, dass du da warst!');
    await expect.poll(() => stage.getByTestId('stage-tile').count()).toBe(0);
    await expect.poll(() => row.getAttribute('data-state')).toBe('uninvited');
    await ada.reload();
    await expect
      .poll(() => ada.getByTestId('join-ended').textContent())
      .toBe('Dieser Link ist nicht (mehr) gültig. Bitte die Produktion um einen neuen.');
    // Grace and the host still talk to each other only.
    await expect.poll(() => grace.getByTestId('remote-tile').count()).toBe(1);
  }, 60_000);

  it('takes STUN and TURN servers in Settings, and keeps the TURN secret in the core', async () => {
    await producer.goto(`${core.url}settings#guests`);
    const section = producer.getByTestId('settings-guests');
    const ice = section.getByTestId('ice-settings');
    await ice.getByLabel('STUN servers (one per line)').fill('stun:127.0.0.1:3478');
    await ice
      .getByLabel('TURN servers (one per line)')
      .fill('turn:127.0.0.1:3478\nturns:127.0.0.1:443?transport=tcp');
    await ice.getByLabel('TURN shared secret').fill('a-long-shared-secret');
    await section.getByTestId('section-save').click();
    await expect
      .poll(() => core.hub.get('room').ice)
      .toEqual({
        stun: ['stun:127.0.0.1:3478'],
        turn: ['turn:127.0.0.1:3478', 'turns:127.0.0.1:443?transport=tcp'],
        turnSecretSaved: true,
      });
    await expect
      .poll(() => ice.getByLabel('TURN shared secret').getAttribute('placeholder'))
      .toBe('Saved; type to replace');
    expect(await ice.getByLabel('TURN shared secret').inputValue()).toBe('');
    expect(JSON.stringify(core.hub.snapshot())).not.toContain('a-long-shared-secret');
    expect(await clippedLabels(producer)).toEqual([]);
  });
});
