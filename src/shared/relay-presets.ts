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

/** What a platform takes, as its help pages state it (checked before and during the show). */
export interface PlatformLimits {
  keyframeIntervalMs: number;
  maxKbps: number;
  maxHeight: number;
  maxFps: number;
}

export const PLATFORM_LIMITS: Readonly<Record<DestinationPlatform, PlatformLimits | null>> = {
  // YouTube (support.google.com/youtube/answer/2853702, checked 2026-11): keyframes every 2 s,
  // never over 4 s; up to 2160p60, whose highest bitrate setting is 40 Mbit/s.
  youtube: { keyframeIntervalMs: 4000, maxKbps: 40_000, maxHeight: 2160, maxFps: 60 },
  // Facebook Live (developers.facebook.com/docs/live-video-api/reference, checked 2026-11):
  // keyframes every 2 s recommended (4 s at most), up to 1080p60 at 4.5-9 Mbit/s video, RTMPS.
  facebook: { keyframeIntervalMs: 2000, maxKbps: 9000, maxHeight: 1080, maxFps: 60 },
  // Twitch: keyframes every 2 s, up to 1080p60, 6 Mbit/s.
  twitch: { keyframeIntervalMs: 2000, maxKbps: 6000, maxHeight: 1080, maxFps: 60 },
  // X (Media Studio Producer): keyframes every 3 s at most, up to 1080p60, 9 Mbit/s.
  x: { keyframeIntervalMs: 3000, maxKbps: 9000, maxHeight: 1080, maxFps: 60 },
  // LinkedIn Live: keyframes every 2 s, up to 1080p30, 6 Mbit/s.
  linkedin: { keyframeIntervalMs: 2000, maxKbps: 6000, maxHeight: 1080, maxFps: 30 },
  custom: null,
};
