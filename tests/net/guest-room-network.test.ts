// The real guest room over a real coturn relay: a guest's Chromium in the "guest" namespace
// opens its own /join/<token> link; the /stage page (what OBS shows) runs in Chromium in the
// "studio" namespace; the two namespaces have no route to each other (tests/helpers/
// guest-network.ts), so media can only go through coturn on the root namespace, where the core
// listens too (on every address, LAN on, so both namespaces reach it).
//
// Topology, and why: the core admits a stage page only from this computer (a loopback peer
// address; OBS runs beside the core). The studio Chromium reaches the core through a loopback
// port inside the studio namespace that is forwarded over a Unix socket (Unix sockets are not
// bound to a network namespace) to the core's loopback port in the root namespace: the core sees
// a loopback peer, as it would for OBS, while the stage's WebRTC candidates are those of the
// studio namespace only. The room has one ICE list for all pages: TURN over UDP at the relay
// host's address as the guest reaches it and as the studio reaches it (each page can use one).
//
// Then the guest's network changes under it (a new address; a link cut for 35 s) and the core
// restarts on the same data folder and port: each time the stage must decode the guest again
// without anyone acting (waiting up to a minute). The times are printed for
// tests/bench/README.md (## guest-network), not asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_FLAGS, PEER_CONNECTION_SPY, saveScreenshot } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { hasCoturn, startCoturn, type Coturn } from '../helpers/coturn.js';
import { makeGuestNetwork, type GuestNetwork } from '../helpers/guest-network.js';
import { COMES_BACK_WITHIN_MS } from '../helpers/guest-scenarios.js';
import { launchBrowserIn } from '../helpers/netns-browser.js';
import { canMakeNetns, type Netns } from '../helpers/netns.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface PcStatus {
  /** Its index in window.__pcs: the order the page opened its connections. */
  index: number;
  state: string;
  frames: number;
  /** Headless Chromium plays no sound: bytes received, not samples. */
  audioBytes: number;
  local: string | null;
  remote: string | null;
}

/** Each open peer connection of a page, by its index in window.__pcs (runs in the page). */
const STATUS = `(async () => {
  const out = {};
  for (const [i, pc] of window.__pcs.entries()) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    const s = { index: i, state: pc.connectionState, frames: 0, audioBytes: 0, local: null, remote: null };
    let pairId = null;
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') s.frames += r.framesDecoded || 0;
      if (r.type === 'inbound-rtp' && r.kind === 'audio') s.audioBytes += r.bytesReceived || 0;
      if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId;
    });
    const pair = pairId ? stats.get(pairId) : null;
    if (pair) {
      s.local = stats.get(pair.localCandidateId)?.candidateType ?? null;
      s.remote = stats.get(pair.remoteCandidateId)?.candidateType ?? null;
    }
    out[i] = s;
  }
  return out;
})()`;

/** 'live', 'reconnecting' or 'gone': what the stage shows of the guest. */
const CALM = `(() => {
  const tiles = [...document.querySelectorAll('[data-testid="stage-tile"]')];
  if (tiles.length === 0) return 'gone';
  return tiles.every((t) => t.textContent.includes('Reconnecting…')) ? 'reconnecting' : 'live';
})()`;

const status = (page: Page) => page.evaluate<Record<string, PcStatus>>(STATUS);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many peer connections the page has opened so far. */
const opened = (page: Page) => page.evaluate<number>('window.__pcs.length');

/**
 * Some open connection on the page (opened as the `since`-th or later) decodes 15 more frames
 * (half a second) and receives more sound.
 */
async function stageDecodes(page: Page, timeoutMs: number, since = 0): Promise<PcStatus> {
  const before = await status(page);
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, PcStatus> = before;
  while (Date.now() < deadline) {
    last = await status(page);
    for (const [i, now] of Object.entries(last)) {
      if (now.index < since) continue;
      const was = before[i] ?? { frames: 0, audioBytes: 0 };
      if (now.frames >= was.frames + 15 && now.audioBytes > was.audioBytes) return now;
    }
    await pause(200);
  }
  throw new Error(`stage decodes no guest within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/**
 * The candidate types of the pair the page's `index`-th connection uses (waits while a restart
 * has none selected yet).
 */
async function pairOf(page: Page, index: number): Promise<(string | null)[]> {
  const deadline = Date.now() + 10_000;
  let pc: PcStatus | undefined;
  while (Date.now() < deadline) {
    pc = (await status(page))[index];
    if (pc?.local && pc.remote) return [pc.local, pc.remote];
    await pause(200);
  }
  throw new Error(`connection #${index} has no selected pair: ${JSON.stringify(pc)}`);
}

/** No frame decoded for a whole second on any connection: the change really cut the media. */
async function stageStalls(page: Page, timeoutMs: number): Promise<void> {
  const total = async () =>
    Object.values(await status(page)).reduce((sum, pc) => sum + pc.frames, 0);
  const deadline = Date.now() + timeoutMs;
  let frames = await total();
  while (Date.now() < deadline) {
    await pause(1000);
    const now = await total();
    if (now <= frames) return;
    frames = now;
  }
  throw new Error(`the stage kept decoding for ${timeoutMs} ms`);
}

/**
 * A loopback port inside `ns` that reaches `port` on the root namespace's loopback, over a Unix
 * socket: a browser in `ns` is "on this computer" for the core.
 */
async function loopbackInto(ns: Netns, port: number, dir: string) {
  const sock = path.join(dir, 'core.sock');
  const inRoot = net.createServer((client) => {
    const core = net.connect(port, '127.0.0.1');
    client.pipe(core).pipe(client);
    client.on('error', () => core.destroy());
    core.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => inRoot.listen(sock, resolve));
  const script = `const net = require('node:net');
    const s = net.createServer((c) => {
      const u = net.connect(process.env.SOCK);
      c.pipe(u).pipe(c);
      c.on('error', () => u.destroy());
      u.on('error', () => c.destroy());
    });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child: ChildProcess = spawn(
    'ip',
    ['netns', 'exec', ns.name, process.execPath, '-e', script],
    {
      env: { ...process.env, SOCK: sock },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const inNs = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('exit', (code) => reject(new Error(`forwarder exited ${code}`)));
  });
  return {
    port: inNs,
    close: () => {
      child.kill();
      inRoot.close();
    },
  };
}

describe.skipIf(!canMakeNetns() || !hasCoturn())('the guest room through a TURN relay', () => {
  let netw: GuestNetwork;
  let coturn: Coturn;
  let core: TestCore;
  let temp: ReturnType<typeof makeTempDir>;
  let forward: Awaited<ReturnType<typeof loopbackInto>>;
  const browsers: Browser[] = [];
  let guest: Page;
  let stage: Page;
  const startRoomCore = (port = 0) =>
    startTestCore({
      host: '0.0.0.0',
      lan: true,
      port,
      dataDir: temp.dir,
      keepDataDir: true,
      token: 'guest-room-network-token',
    });

  beforeAll(async () => {
    temp = makeTempDir();
    netw = makeGuestNetwork();
    coturn = await startCoturn({ listen: [netw.hostForGuest, netw.hostForStudio] });
    core = await startRoomCore();
    await api(core, 'PUT', '/api/guests', {
      body: { guests: [{ id: 'ada', name: 'Ada Lovelace', role: 'Engines' }] },
    });
    const ice = await api(core, 'PUT', '/api/room/ice', {
      body: {
        stun: [],
        turn: [netw.hostForGuest, netw.hostForStudio].map(
          (host) => `turn:${host}:${coturn.port}?transport=udp`,
        ),
        turnSecret: coturn.secret,
        turnTtlMin: 60,
      },
    });
    expect(ice.status).toBe(200);
    const invite = await api(core, 'POST', '/api/guests/ada/invite');
    const token = new URL((invite.body as { link: string }).link, core.url).pathname;
    const origin = `http://${netw.hostForGuest}:${core.port}`;
    forward = await loopbackInto(netw.studio, core.port, temp.dir);

    browsers.push(
      await launchBrowserIn(netw.guest, [
        ...MEDIA_FLAGS,
        `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      ]),
    );
    browsers.push(await launchBrowserIn(netw.studio, MEDIA_FLAGS));
    const [guestBrowser, studioBrowser] = browsers as [Browser, Browser];
    guest = await guestBrowser.newPage({ locale: 'en-US' });
    await guest.addInitScript(PEER_CONNECTION_SPY);
    await guest.goto(`${origin}${token}`);
    await guest.getByRole('button', { name: 'Ready' }).click();
    stage = await studioBrowser.newPage({ locale: 'en-US' });
    await stage.addInitScript(PEER_CONNECTION_SPY);
    await stage.goto(`http://127.0.0.1:${forward.port}/stage`);
    const onStage = await api(core, 'PUT', '/api/guests/ada/stage', { body: { on: true } });
    expect(onStage.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    forward.close();
    await core.dispose();
    await coturn.stop();
    netw.remove();
    temp.remove();
  });

  it('puts the guest on the stage in the studio, through coturn only', async () => {
    expect(await netw.hasRoute(netw.guest, netw.studio.address)).toBe(false);
    expect(await netw.hasRoute(netw.studio, netw.guestAddress())).toBe(false);
    const flowing = await stageDecodes(stage, 60_000);
    expect(await pairOf(stage, flowing.index)).toContain('relay');
    await stage.getByTestId('stage-tile').filter({ hasText: 'Ada Lovelace' }).waitFor();
    expect(coturn.log()).toMatch(/incoming packet ALLOCATE processed, success/);
  }, 90_000);

  it(
    'comes back on stage by itself when the guest’s address changes',
    async () => {
      await stageDecodes(stage, 10_000);
      const changed = Date.now();
      netw.changeGuestAddress();
      await stageStalls(stage, 10_000);
      const before = await opened(stage);
      const back = await stageDecodes(stage, COMES_BACK_WITHIN_MS);
      console.log(
        `guest-room-network: address change → stage decodes in ${Date.now() - changed} ms ` +
          `(${back.index < before ? 'ICE restart on the same connection' : 'a new connection'})`,
      );
      expect(await pairOf(stage, back.index)).toContain('relay');
    },
    2 * COMES_BACK_WITHIN_MS,
  );

  it(
    'shows a calm reconnecting tile during a 35 s cut, and comes back by itself after it',
    async () => {
      await stageDecodes(stage, 10_000);
      netw.cutGuestLink('blackhole');
      let restored: number;
      let calm = 'live';
      try {
        await stageStalls(stage, 10_000);
        // While the guest's link is down the stage never shows its last frame as if live: the
        // tile says "Reconnecting…" (ICE lost), and keeps its place saying so after the core
        // dropped the guest's socket, to the end of the cut.
        await expect
          .poll(async () => (calm = await stage.evaluate<string>(CALM)), {
            timeout: 20_000,
            interval: 100,
          })
          .not.toBe('live');
        expect(calm).toBe('reconnecting');
        await saveScreenshot(stage, 'stage-guest-reconnecting');
        await pause(35_000);
        expect(await stage.evaluate<string>(CALM)).toBe('reconnecting');
      } finally {
        netw.restoreGuestLink();
        restored = Date.now();
      }
      const back = await stageDecodes(stage, COMES_BACK_WITHIN_MS);
      console.log(
        `guest-room-network: link restored → stage decodes in ${Date.now() - restored} ms ` +
          `(the stage showed: ${calm}; decoding on connection #${back.index})`,
      );
      expect(await pairOf(stage, back.index)).toContain('relay');
    },
    35_000 + 3 * COMES_BACK_WITHIN_MS,
  );

  it(
    'brings the guest back on stage by itself when the core restarts',
    async () => {
      await stageDecodes(stage, 10_000);
      const before = await opened(stage);
      const port = core.port;
      const stopped = Date.now();
      await core.dispose();
      const disposed = Date.now();
      core = await startRoomCore(port);
      console.log(
        `guest-room-network: core stopped in ${disposed - stopped} ms, ` +
          `started again in ${Date.now() - disposed} ms`,
      );
      // Media may keep flowing on the old connection while the core is away (it never carries
      // media); the guest is back in the room once the stage decodes it on a new one.
      const back = await stageDecodes(stage, COMES_BACK_WITHIN_MS, before);
      const { body } = await api(core, 'GET', '/api/state');
      expect(JSON.stringify(body)).toMatch(/"id":"ada","state":"stage"/);
      console.log(`guest-room-network: core restart → stage decodes in ${Date.now() - stopped} ms`);
      expect(await pairOf(stage, back.index)).toContain('relay');
    },
    2 * COMES_BACK_WITHIN_MS,
  );
});
