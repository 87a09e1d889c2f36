// The guest network scenarios of issue 18, shared by tests/net/turn-relay.test.ts and the
// guest-network benchmark: a rig (namespaces, coturn, the page pair in two Chromiums) and the
// network changes, each returning how long media took to come back.
import type { Browser, Page } from 'playwright-core';
import { startCoturn, type Coturn } from './coturn.js';
import { mediaFlows, mediaStalls, throughRelay, waitForStatus } from './guest-media.js';
import { makeGuestNetwork, type GuestNetwork, type LinkCut } from './guest-network.js';
import { launchBrowserIn } from './netns-browser.js';
import {
  openPeer,
  peerStatus,
  startPeerPairServer,
  type IceMode,
  type PeerPairServer,
  type PeerStatus,
} from './webrtc-pair.js';

/** The patience: a guest may take up to a minute to come back. */
export const COMES_BACK_WITHIN_MS = 60_000;

export interface GuestRig {
  net: GuestNetwork;
  coturn: Coturn;
  pair: PeerPairServer;
  /** A guest page and a studio page in a room of their own, over `mode`'s ICE servers. */
  open(room: string, mode: IceMode): Promise<{ guest: Page; studio: Page }>;
  close(): Promise<void>;
}

export async function startGuestRig(): Promise<GuestRig> {
  const net = makeGuestNetwork();
  const closers: (() => Promise<void> | void)[] = [() => net.remove()];
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const coturn = await startCoturn({ listen: [net.hostForGuest, net.hostForStudio] });
    closers.push(() => coturn.stop());
    const pair = await startPeerPairServer(coturn);
    closers.push(() => pair.close());
    const flags = pair.browserFlags([net.hostForGuest, net.hostForStudio]);
    const browsers: Browser[] = [];
    closers.push(async () => {
      for (const browser of browsers) await browser.close();
    });
    browsers.push(await launchBrowserIn(net.studio, flags));
    browsers.push(await launchBrowserIn(net.guest, flags));
    const [studioBrowser, guestBrowser] = browsers as [Browser, Browser];
    const open = async (room: string, mode: IceMode) => {
      const studio = await openPeer(
        studioBrowser,
        pair.url('studio', net.hostForStudio, room, mode),
      );
      const guest = await openPeer(guestBrowser, pair.url('guest', net.hostForGuest, room, mode));
      return { guest, studio };
    };
    return { net, coturn, pair, open, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Recovery {
  /** From the network change (or the link's return) until the studio decodes frames again. */
  ms: number;
  /** The guest's status once media is back. */
  guest: PeerStatus;
  /** The guest's recovery events since the change. */
  events: PeerStatus['events'];
}

/** The guest moves to a new address; it must renegotiate from there. */
export async function changeAddress(rig: GuestRig, guest: Page, studio: Page): Promise<Recovery> {
  await mediaFlows(studio, 10_000);
  const old = rig.net.guestAddress();
  const seen = (await peerStatus(guest)).events.length;
  const changed = Date.now();
  const fresh = rig.net.changeGuestAddress();
  await mediaStalls(studio, 10_000);
  await waitForStatus(
    guest,
    (s) => s.hostAddresses.includes(fresh) && !s.hostAddresses.includes(old) && throughRelay(s),
    COMES_BACK_WITHIN_MS,
    'guest renegotiated from its new address',
  );
  await mediaFlows(studio, COMES_BACK_WITHIN_MS);
  const ms = Date.now() - changed;
  const status = await peerStatus(guest);
  return { ms, guest: status, events: status.events.slice(seen) };
}

/**
 * The guest's link is cut for `outageMs` (the scenario's length, not a wait for a condition),
 * then restored. `during` is the guest's status at the end of the outage.
 */
export async function cutLink(
  rig: GuestRig,
  guest: Page,
  studio: Page,
  how: LinkCut,
  outageMs: number,
): Promise<Recovery & { during: PeerStatus }> {
  await mediaFlows(studio, 10_000);
  const seen = (await peerStatus(guest)).events.length;
  rig.net.cutGuestLink(how);
  const during = await holdOutage(rig, guest, studio, Date.now() + outageMs);
  const restored = Date.now();
  await mediaFlows(studio, COMES_BACK_WITHIN_MS);
  const ms = Date.now() - restored;
  const status = await peerStatus(guest);
  return { ms, guest: status, events: status.events.slice(seen), during };
}

/** Keeps the link cut until `until` (once media stalled), then restores it, whatever happens. */
async function holdOutage(rig: GuestRig, guest: Page, studio: Page, until: number) {
  try {
    await mediaStalls(studio, 10_000);
    await new Promise((resolve) => setTimeout(resolve, until - Date.now()));
    return await peerStatus(guest);
  } finally {
    rig.net.restoreGuestLink();
  }
}
