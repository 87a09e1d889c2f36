// Waiting on media between the WebRTC page pair: received frames growing, stalled, recovered.
// Shared by tests/net/turn-relay.test.ts and the guest-network benchmark.
import type { Page } from 'playwright-core';
import { peerStatus, type PeerStatus } from './webrtc-pair.js';

const POLL_MS = 200;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` holds for the page's status; rejects after `timeoutMs`. */
export async function waitForStatus(
  page: Page,
  check: (status: PeerStatus) => boolean,
  timeoutMs: number,
  what: string,
): Promise<PeerStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: PeerStatus | null = null;
  while (Date.now() < deadline) {
    last = await peerStatus(page);
    if (check(last)) return last;
    await pause(POLL_MS);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
}

/** Video frames decoded and audio bytes received keep growing (by 15 frames: half a second). */
export async function mediaFlows(page: Page, timeoutMs: number): Promise<PeerStatus> {
  const before = await peerStatus(page);
  return waitForStatus(
    page,
    (s) => s.framesDecoded >= before.framesDecoded + 15 && s.audioBytes > before.audioBytes,
    timeoutMs,
    'media flowing',
  );
}

/** No video frame decoded for a whole second: the network change really cut the media. */
export async function mediaStalls(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let frames = (await peerStatus(page)).framesDecoded;
  while (Date.now() < deadline) {
    await pause(1000);
    const now = (await peerStatus(page)).framesDecoded;
    if (now === frames) return;
    frames = now;
  }
  throw new Error(`media kept flowing for ${timeoutMs} ms`);
}

/** True when the selected candidate pair goes through the TURN relay on either end. */
export function throughRelay(status: PeerStatus): boolean {
  return status.pair?.local?.type === 'relay' || status.pair?.remote?.type === 'relay';
}
