// A remote guest whose only way to the studio is a real coturn relay: the guest and the studio
// sit in network namespaces with no route between them; media flows through TURN (UDP, and TLS
// alone), and comes back by itself (ICE restart, renegotiation) when the guest's address
// changes and when its link is cut for longer than 30 s, and keeps it when the signalling
// server (standing in for the core) restarts. Recovery times are printed for the
// benchmark (tests/bench/guest-network.ts), not asserted.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCoturn } from '../helpers/coturn.js';
import { mediaFlows, throughRelay, waitForStatus } from '../helpers/guest-media.js';
import {
  changeAddress,
  COMES_BACK_WITHIN_MS,
  cutLink,
  startGuestRig,
  type GuestRig,
} from '../helpers/guest-scenarios.js';
import { canMakeNetns } from '../helpers/netns.js';
import { peerStatus } from '../helpers/webrtc-pair.js';

describe.skipIf(!canMakeNetns() || !hasCoturn())('a remote guest through a TURN relay', () => {
  let rig: GuestRig;
  let guest: Page;
  let studio: Page;

  beforeAll(async () => {
    rig = await startGuestRig();
    ({ guest, studio } = await rig.open('show', 'turn'));
  }, 90_000);
  afterAll(async () => {
    await rig.close();
  });

  it('gives guest and studio no route to each other, only to the relay host', async () => {
    const { net } = rig;
    expect(await net.hasRoute(net.guest, net.studio.address)).toBe(false);
    expect(await net.hasRoute(net.studio, net.guestAddress())).toBe(false);
    expect(await net.hasRoute(net.guest, net.hostForGuest)).toBe(true);
    expect(await net.hasRoute(net.studio, net.hostForStudio)).toBe(true);
  });

  it('carries the guest’s camera and microphone to the studio and back through coturn', async () => {
    await mediaFlows(studio, 30_000);
    await mediaFlows(guest, 30_000);
    for (const page of [guest, studio]) {
      const status = await peerStatus(page);
      expect(status.ice).toMatch(/^(connected|completed)$/);
      expect(throughRelay(status), JSON.stringify(status.pair)).toBe(true);
    }
    expect(rig.coturn.log()).toMatch(
      /user <\d+:guest>: incoming packet ALLOCATE processed, success/,
    );
  }, 60_000);

  it('does not connect at all without the relay (no ICE servers)', async () => {
    const direct = await rig.open('direct', 'direct');
    // Chromium reports checks that all time out before any pair worked as 'disconnected'.
    const failed = await waitForStatus(
      direct.guest,
      (s) => s.ice === 'failed' || s.ice === 'disconnected',
      60_000,
      'direct ICE checks failed',
    );
    expect(failed.pair).toBeNull();
    expect(failed.hostAddresses).toContain(rig.net.guestAddress());
    expect((await peerStatus(direct.studio)).framesDecoded).toBe(0);
    await direct.guest.close();
    await direct.studio.close();
  }, 90_000);

  it('relays over TURN over TLS alone, the way out of networks that allow only HTTPS', async () => {
    const tls = await rig.open('tls', 'turns');
    await mediaFlows(tls.studio, 30_000);
    for (const page of [tls.guest, tls.studio]) {
      const { pair } = await peerStatus(page);
      expect(pair?.local).toMatchObject({ type: 'relay', relayProtocol: 'tls' });
    }
    await tls.guest.close();
    await tls.studio.close();
  }, 60_000);

  it(
    'keeps the media and rejoins signalling by itself when the core restarts',
    async () => {
      await mediaFlows(studio, 10_000);
      const eventsBefore = (await peerStatus(guest)).events.length;
      await rig.pair.restartSignalling();
      expect(rig.pair.peersIn('show')).toBe(0);
      await expect.poll(() => rig.pair.peersIn('show'), { timeout: COMES_BACK_WITHIN_MS }).toBe(2);
      await mediaFlows(studio, 10_000);
      const after = await peerStatus(guest);
      expect(after.signalling).toBe(true);
      // Media never passed through the core: one probing ICE restart, no trouble to recover.
      expect(after.events.slice(eventsBefore)).toEqual([
        expect.objectContaining({ kind: 'restart', reason: 'probe' }),
      ]);
    },
    2 * COMES_BACK_WITHIN_MS,
  );

  it(
    'comes back by itself when the guest’s address changes',
    async () => {
      const back = await changeAddress(rig, guest, studio);
      console.log(`guest-network: address change → media back in ${back.ms} ms`);
      expect(back.events.some((e) => e.kind === 'restart')).toBe(true);
      expect(throughRelay(back.guest)).toBe(true);
    },
    2 * COMES_BACK_WITHIN_MS,
  );

  it(
    'comes back by itself after its link is cut for 35 s',
    async () => {
      const back = await cutLink(rig, guest, studio, 'blackhole', 35_000);
      console.log(`guest-network: link restored → media back in ${back.ms} ms`);
      expect(back.during.signalling).toBe(false);
      expect(back.events.some((e) => e.kind === 'restart')).toBe(true);
      expect(back.during.ice).not.toMatch(/^(connected|completed)$/);
      expect(throughRelay(back.guest)).toBe(true);
    },
    35_000 + 2 * COMES_BACK_WITHIN_MS,
  );
});
