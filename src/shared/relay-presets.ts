// Where each platform takes RTMP streams. X and LinkedIn hand out a URL per stream, so those are
// pasted; so is any custom RTMP server.
import { DESTINATION_PLATFORMS, type DestinationPlatform } from './shapes.js';

export { DESTINATION_PLATFORMS };

export const PRESET_SERVERS: Readonly<Record<DestinationPlatform, string | null>> = {
  youtube: 'rtmps://a.rtmps.youtube.com:443/live2',
  facebook: 'rtmps://live-api-s.facebook.com:443/rtmp/',
  twitch: 'rtmp://live.twitch.tv/app',
  x: null,
  linkedin: null,
  custom: null,
};

/** The full push URL: server URL, then the stream key as the last path segment. */
export function pushUrl(serverUrl: string, streamKey: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${streamKey}`;
}
