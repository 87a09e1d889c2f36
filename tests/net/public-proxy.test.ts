// The audience page from the internet, as the README sets it up: Debian's Caddy terminates TLS
// (its internal CA) in front of the core, phones sit in network namespaces of their own, and
// the core counts each phone by its own address, believing X-Forwarded-For only from Caddy.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../helpers/cli.js';
import { startCaddy, type Caddy } from '../helpers/caddy.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { canMakeNetns, makeNetns, type Netns } from '../helpers/netns.js';
import { launchBrowserIn } from '../helpers/netns-browser.js';
import { saveScreenshot } from '../helpers/browser.js';

const run = promisify(execFile);
const SITE = 'panelcast.test';

interface PhoneAnswer {
  ok: boolean;
  message?: { code: string };
  failed?: string;
}
interface PhoneReport {
  page?: { status: number; html: boolean };
  answers?: PhoneAnswer[];
  error?: string;
}

describe.skipIf(!canMakeNetns())('audience page behind Caddy, phones on their own networks', () => {
  let core: TestCore;
  let caddy: Caddy;
  let phoneNet: Netns;
  let otherNet: Netns;
  let browser: Browser | null = null;
  let origin = '';

  beforeAll(async () => {
    const port = await freePort();
    origin = `https://${SITE}:${port}/`;
    // Listening on every interface too, so a namespace can also try the core directly.
    core = await startTestCore({
      host: '0.0.0.0',
      lan: true,
      publicUrl: origin,
      trustProxy: ['127.0.0.1'],
      audienceLimits: { perDeviceGapSec: 0, perDeviceMax: 100, perAddressMax: 2, windowSec: 600 },
    });
    caddy = await startCaddy({ name: SITE, port, upstream: `127.0.0.1:${core.port}` });
    phoneNet = makeNetns();
    otherNet = makeNetns();
    for (const ns of [phoneNet, otherNet]) ns.setHosts({ [SITE]: ns.hostAddress });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    phoneNet.remove();
    otherNet.remove();
    await caddy.stop();
    await core.dispose();
  });

  /** Runs the phone script inside `ns`; TLS is checked against Caddy's CA, not skipped. */
  async function phone(
    ns: Netns,
    target: string,
    asks: { device: string; text: string; forwardedFor?: string }[],
  ): Promise<PhoneReport> {
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const script = path.join(repoRoot, 'tests', 'net', 'phone.ts');
    const { stdout } = await run(
      'ip',
      ['netns', 'exec', ns.name, tsx, script, JSON.stringify({ origin: target, asks })],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: caddy.rootCert }, timeout: 30_000 },
    ).catch((error: unknown) => ({
      // The phone prints its report even when it exits non-zero.
      stdout: (error as { stdout?: string }).stdout ?? '{}',
    }));
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as PhoneReport;
  }

  it('opens the audience page over TLS through Caddy and asks from a phone', async () => {
    browser = await launchBrowserIn(phoneNet, [
      `--host-resolver-rules=MAP ${SITE} ${phoneNet.hostAddress}`,
    ]);
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      hasTouch: true,
      isMobile: true,
      // The Node phones below check Caddy's certificate against its CA; Chromium's store is not ours.
      ignoreHTTPSErrors: true,
    });
    const page = await context.newPage();
    await page.goto(`${origin}audience`);
    await page.getByLabel('Deine Frage').fill('Kommt die Aufzeichnung auch mit Kapiteln?');
    await page.getByRole('button', { name: 'Frage senden' }).click();
    await expect
      .poll(() => page.getByTestId('ask-result').textContent())
      .toBe('Danke! Deine Frage ist bei der Moderation.');
    await saveScreenshot(page, 'audience-through-caddy-de');
    expect(core.queue.list(null).map((c) => c.text)).toContain(
      'Kommt die Aufzeichnung auch mit Kapiteln?',
    );
  });

  it('limits each phone by its own address, not the proxy’s, and ignores forged headers', async () => {
    // The same network's second question fills its budget of two; a third is refused even
    // though it claims, in a forged X-Forwarded-For, to come from elsewhere (Caddy replaces it).
    const first = await phone(phoneNet, origin, [
      { device: 'device-phone-a2', text: 'Wie lange bleibt das Video online?' },
      { device: 'device-phone-a3', text: 'Gibt es eine Folge zu Open Source?' },
      {
        device: 'device-phone-a4',
        text: 'Darf ich mich als jemand anderes ausgeben?',
        forwardedFor: '203.0.113.77',
      },
    ]);
    expect(first.error).toBeUndefined();
    expect(first.page).toEqual({ status: 200, html: true });
    expect(first.answers?.map((a) => a.ok)).toEqual([true, false, false]);
    expect(first.answers?.[1]?.message?.code).toBe('audience.network_limit');
    expect(first.answers?.[2]?.message?.code).toBe('audience.network_limit');

    // A phone on another network behind the same Caddy still gets through.
    const other = await phone(otherNet, origin, [
      { device: 'device-phone-b1', text: 'Was kostet die Teilnahme am Panel?' },
    ]);
    expect(other.answers?.map((a) => a.ok)).toEqual([true]);

    // Straight to the core (not through the trusted proxy), claiming to be a fresh address:
    // the header is ignored and the network's own budget (one left) applies.
    const direct = `http://${otherNet.hostAddress}:${core.port}/`;
    const forged = await phone(otherNet, direct, [
      {
        device: 'device-phone-b2',
        text: 'Zählt meine Adresse wirklich?',
        forwardedFor: '198.51.100.200',
      },
      {
        device: 'device-phone-b3',
        text: 'Und noch eine gefälschte Frage?',
        forwardedFor: '198.51.100.201',
      },
    ]);
    expect(forged.answers?.map((a) => a.ok)).toEqual([true, false]);
    expect(forged.answers?.[1]?.message?.code).toBe('audience.network_limit');
  });
});
