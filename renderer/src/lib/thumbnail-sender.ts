// What a guest sends a director panel: the camera's picture alone (no sound in the control room),
// scaled down to a thumbnail about THUMBNAIL.width pixels wide, a few frames a second, at a low
// bitrate, so the panels cost the guest's upload little next to the conversation.
import { THUMBNAIL } from '../../../src/shared/guest-room';

/** The one encoding of a thumbnail for a camera track (its width as the camera gives it). */
export function thumbnailEncoding(trackWidth: number | undefined): RTCRtpEncodingParameters {
  const width = trackWidth && trackWidth > 0 ? trackWidth : 640;
  return {
    scaleResolutionDownBy: Math.max(1, width / THUMBNAIL.width),
    maxBitrate: THUMBNAIL.maxBitrate,
    maxFramerate: THUMBNAIL.maxFramerate,
  };
}

/** Adds the camera to a monitor link as a thumbnail: video only, send only. */
export function addThumbnail(pc: RTCPeerConnection, local: MediaStream): void {
  const video = local.getVideoTracks()[0];
  if (!video) return;
  pc.addTransceiver(video, {
    direction: 'sendonly',
    streams: [local],
    sendEncodings: [thumbnailEncoding(video.getSettings().width)],
  });
}

/** Another camera on an open monitor link: its picture, scaled for its own size. */
export async function switchThumbnail(pc: RTCPeerConnection, local: MediaStream): Promise<void> {
  const video = local.getVideoTracks()[0];
  const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
  if (!video || !sender || sender.track === video) return;
  await sender.replaceTrack(video);
  const parameters = sender.getParameters();
  const [first] = parameters.encodings;
  if (!first) return;
  Object.assign(first, thumbnailEncoding(video.getSettings().width));
  await sender.setParameters(parameters);
}
