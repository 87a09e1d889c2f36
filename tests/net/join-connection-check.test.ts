// The join page's connection test against a real coturn, from a guest's Chromium in a network
// namespace. coturn's TLS listener is on port 443, as a producer sets it up for guests behind
// networks that let only HTTPS out. First the guest's network is open: every way out works.
// Then it becomes such a network: policy routing in the guest's namespace (`ip rule`; this
// kernel has no netfilter or tc classifiers) lets out only TCP to port 443 and to the studio's
// web port, the page the guest is on, and refuses everything else, UDP included. The page must
// say in plain words (English and German) that the call goes over the relay on port 443, and the
// director panel's state must say "TLS only". Last, with 443 shut too: no way through, yet Ready
// still takes the guest into the green room.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotDir } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { hasCoturn, startCoturn, type Coturn } from '../helpers/coturn.js';
import { clippedLabels } from '../helpers/labels.js';
import { launchBrowserIn } from '../helpers/netns-browser.js';
import { canMakeNetns, makeNetns, type Netns } from '../helpers/netns.js';

const PATHS = ['direct', 'udp', 'tcp', 'tls'] as const;

/** A phone: the join page is used there as much as on a laptop. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true };

/** Notes whether the progress bar was ever shown (React renders it on the click, before any probe). */
const PROGRESS_SPY = `
  window.__progressSeen = false;
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="check-progress"]')) window.__progressSeen = true;
  }).observe(document, { childList: true, subtree: true });
`;

/** Each way out as the page shows it: its label and its state, e.g. "Relay over UDP ✕ blocked". */
async function rows(page: Page): Promise<Record<(typeof PATHS)[number], string>> {
  const texts = await Promise.all(
    PATHS.map(async (p) => (await page.getByTestId(`check-${p}`).textContent()) ?? ''),
  );
  return Object.fromEntries(PATHS.map((p, i) => [p, texts[i]])) as Record<
    (typeof PATHS)[number],
    string
  >;
}

async function verdict(page: Page): Promise<string | null> {
  const shown = page.getByTestId('check-verdict');
  return (await shown.count()) === 0 ? null : shown.getAttribute('data-verdict');
}

async function phoneShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Runs the test again and waits for its verdict; true when the progress bar showed meanwhile. */
async function testAgain(page: Page, shotWhileRunning?: string): Promise<boolean> {
  await page.evaluate('window.__progressSeen = false');
  await page.getByRole('button', { name: /Test again|Noch mal testen/ }).click();
  // For people to look at: most likely still running (blocked paths take seconds to give up).
  if (shotWhileRunning) await phoneShot(page, shotWhileRunning);
  await expect.poll(() => verdict(page), { timeout: 30_000 }).not.toBeNull();
  return page.evaluate<boolean>('window.__progressSeen');
}

/** Only TCP to these ports leaves the namespace; everything else is refused (like a firewall). */
function onlyTcpTo(ns: Netns, ports: number[]): void {
  const rule = (...args: string[]): void => {
    execFileSync('ip', ['netns', 'exec', ns.name, 'ip', 'rule', 'add', ...args]);
  };
  ports.forEach((port, i) => {
    rule('ipproto', 'tcp', 'dport', String(port), 'lookup', 'main', 'prio', String(100 + i));
  });
  rule('prohibit', 'prio', '200');
}

function reopen(ns: Netns): void {
  for (const prio of ['100', '101', '200']) {
    execFileSync('ip', ['netns', 'exec', ns.name, 'ip', 'rule', 'del', 'prio', prio], {
      stdio: 'ignore',
    });
  }
}

/** Whether the guest's namespace routes a packet of this kind to the address (`ip route get`). */
function routes(ns: Netns, to: string, proto: 'udp' | 'tcp', port: number): boolean {
  try {
    execFileSync(
      'ip',
      ['netns', 'exec', ns.name, 'ip', 'route', 'get', to, 'ipproto', proto, 'dport', String(port)],
      { stdio: 'ignore' },
    );
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!canMakeNetns() || !hasCoturn())('the join page’s connection test', () => {
  let ns: Netns;
  let coturn: Coturn;
  let core: TestCore;
  let browser: Browser;
  let guest: Page;
  let director: Browser | undefined;

  beforeAll(async () => {
    ns = makeNetns();
    coturn = await startCoturn({ listen: [ns.hostAddress], tlsPort: 443 });
    core = await startTestCore({ host: '0.0.0.0', lan: true, port: 0, token: 'conn-check-token' });
    await api(core, 'PUT', '/api/guests', {
      body: { guests: [{ id: 'ada', name: 'Ada Lovelace', role: 'Engines' }] },
    });
    const host = ns.hostAddress;
    const ice = await api(core, 'PUT', '/api/room/ice', {
      body: {
        stun: [`stun:${host}:${coturn.port}`],
        turn: [
          `turn:${host}:${coturn.port}?transport=udp`,
          `turn:${host}:${coturn.port}?transport=tcp`,
          `turns:${host}:443?transport=tcp`,
        ],
        turnSecret: coturn.secret,
        turnTtlMin: 60,
      },
    });
    expect(ice.status).toBe(200);
    const invite = await api(core, 'POST', '/api/guests/ada/invite');
    const link = new URL((invite.body as { link: string }).link, core.url).pathname;
    const origin = `http://${host}:${core.port}`;
    browser = await launchBrowserIn(ns, [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      // coturn's certificate here is self-signed; a real relay has a proper one.
      '--ignore-certificate-errors',
    ]);
    guest = await browser.newPage({ ...PHONE, locale: 'en-US' });
    await guest.addInitScript(PROGRESS_SPY);
    await guest.goto(`${origin}${link}`);
  }, 90_000);

  afterAll(async () => {
    await browser.close();
    await director?.close();
    await core.dispose();
    await coturn.stop();
    ns.remove();
  });

  it('runs by itself on an open network and finds every way out', async () => {
    await expect.poll(() => verdict(guest), { timeout: 30_000 }).toBe('open');
    expect(await rows(guest)).toEqual({
      direct: 'Direct (UDP)✓ works',
      udp: 'Relay over UDP✓ works',
      tcp: 'Relay over TCP✓ works',
      tls: 'Relay over TLS, port 443✓ works',
    });
    expect(await guest.getByTestId('check-verdict').textContent()).toBe(
      'Your network lets the call through directly. All set.',
    );
  }, 60_000);

  it('says the call goes over port 443 when the network lets only HTTPS out', async () => {
    onlyTcpTo(ns, [443, core.port]);
    expect(routes(ns, ns.hostAddress, 'udp', coturn.port)).toBe(false);
    expect(routes(ns, ns.hostAddress, 'tcp', coturn.port)).toBe(false);
    expect(routes(ns, ns.hostAddress, 'tcp', 443)).toBe(true);

    expect(await testAgain(guest, 'join-connection-check-running-en')).toBe(true);
    expect(await verdict(guest)).toBe('tls_only');
    expect(await rows(guest)).toEqual({
      direct: 'Direct (UDP)✕ blocked',
      udp: 'Relay over UDP✕ blocked',
      tcp: 'Relay over TCP✕ blocked',
      tls: 'Relay over TLS, port 443✓ works',
    });
    expect(await guest.getByTestId('check-verdict').textContent()).toBe(
      'Your network lets only HTTPS out: the call will go through the relay over port 443 — that works.',
    );
    expect(coturn.log()).toMatch(/TLS\/TCP socket/);
    expect(await clippedLabels(guest)).toEqual([]);
    await phoneShot(guest, 'join-connection-check-tls-only-en');
  }, 60_000);

  it('tells the director panel the guest gets out over TLS only, before Ready', async () => {
    await expect
      .poll(() => core.hub.get('room').guests.find((g) => g.id === 'ada'))
      .toMatchObject({
        state: 'joining',
        connectivity: {
          verdict: 'tls_only',
          paths: { direct: 'blocked', udp: 'blocked', tcp: 'blocked', tls: 'works' },
          tls443: true,
        },
      });
    expect(JSON.stringify(core.hub.get('room').guests)).not.toContain(coturn.secret);
    // The producer's screen, on this computer.
    director = await launchBrowser();
    const producer = await director.newPage({ viewport: { width: 1600, height: 1000 } });
    await producer.goto(`${core.url}producer?token=${core.token}&name=Pia`);
    const panel = producer.getByTestId('guest-room-panel');
    const row = panel.getByTestId('room-guest').filter({ hasText: 'Ada Lovelace' });
    await expect
      .poll(() => row.getByTestId('room-connectivity').textContent())
      .toBe('Network: TLS only');
    expect(await row.getByTestId('room-connectivity').getAttribute('title')).toMatch(/port 443/);
    await panel.screenshot({ path: path.join(screenshotDir, 'producer-guest-tls-only.png') });
  }, 60_000);

  it('says the same in German', async () => {
    await guest.getByRole('button', { name: 'DE', exact: true }).click();
    expect(await rows(guest)).toEqual({
      direct: 'Direkt (UDP)✕ gesperrt',
      udp: 'Relay über UDP✕ gesperrt',
      tcp: 'Relay über TCP✕ gesperrt',
      tls: 'Relay über TLS, Port 443✓ geht',
    });
    expect(await guest.getByTestId('check-verdict').textContent()).toBe(
      'Dein Netz lässt nur HTTPS hinaus: Das Gespräch läuft über das Relay auf Port 443 — das geht.',
    );
    expect(await clippedLabels(guest)).toEqual([]);
    await phoneShot(guest, 'join-connection-check-tls-only-de');
  });

  it('warns when there is no way through, and still lets the guest say Ready', async () => {
    reopen(ns);
    onlyTcpTo(ns, [core.port]);
    await testAgain(guest);
    expect(await verdict(guest)).toBe('blocked');
    expect(Object.values(await rows(guest)).every((row) => row.endsWith('✕ gesperrt'))).toBe(true);
    expect(await guest.getByRole('alert').textContent()).toMatch(
      /^Kein Weg hinaus: Bitte deine IT/,
    );
    await phoneShot(guest, 'join-connection-check-blocked-de');
    await guest.getByRole('button', { name: 'Bereit' }).click();
    await expect
      .poll(() => guest.getByTestId('room-status').textContent())
      .toBe('Du bist im Vorraum');
    await expect
      .poll(() => core.hub.get('room').guests.find((g) => g.id === 'ada'))
      .toMatchObject({ state: 'green', connectivity: { verdict: 'blocked' } });
  }, 60_000);
});
