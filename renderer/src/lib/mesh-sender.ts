// How big a picture a guest sends the others in the conversation (not the stage, which always
// gets the camera's full size for the show). With three or more others every tile on their
// screens is small, so the picture goes at half the width and height: a quarter of the pixels
// to encode per peer, which is what keeps a four-guest mesh from saturating a guest's computer.
import type { RoomLink } from '../../../src/shared/guest-room.js';

/** From this many conversation peers on, pictures to them go at half size. */
export const SMALL_TILES_FROM = 3;

/** The links that carry the conversation: to the other guests and the host. */
export const isConversation = (link: RoomLink): boolean =>
  link.send && (link.peer.kind === 'guest' || link.peer.kind === 'host');

/** The factor a conversation picture is scaled down by, for this many conversation peers. */
export function conversationScale(peers: number): number {
  return peers >= SMALL_TILES_FROM ? 2 : 1;
}

/** The parts of RTCRtpSender this needs (so it can be tried without a browser). */
export interface ScalableSender {
  readonly track: { kind: string } | null;
  getParameters(): { encodings: { scaleResolutionDownBy?: number }[] };
  setParameters(parameters: ReturnType<ScalableSender['getParameters']>): Promise<void>;
}

/**
 * Sets the video sender's scale where it differs; one not negotiated yet has no encodings and
 * is left alone (it is set again once connected).
 */
export async function scaleVideo(senders: ScalableSender[], scale: number): Promise<void> {
  const video = senders.find((s) => s.track?.kind === 'video');
  if (!video) return;
  const parameters = video.getParameters();
  const [first] = parameters.encodings;
  if (!first || (first.scaleResolutionDownBy ?? 1) === scale) return;
  first.scaleResolutionDownBy = scale;
  await video.setParameters(parameters).catch(() => undefined);
}
