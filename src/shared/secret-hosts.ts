// Which hosts a stored secret may be sent to. A key saved for YouTube's ingest must never follow
// a changed address to another server, so every secret is bound to a set of "host:port" entries.
import type { DestinationPlatform } from './shapes.js';

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'ws:': 80,
  'wss:': 443,
  'rtmp:': 1935,
  'rtmps:': 443,
};

/**
 * "host:port" of a URL, lower case, with the scheme's default port filled in: a server on
 * another port of the same machine is another server. Null when the text is not a URL.
 */
export function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname === '') return null;
  const port = parsed.port === '' ? DEFAULT_PORTS[parsed.protocol] : Number(parsed.port);
  if (port === undefined) return null;
  return `${parsed.hostname.toLowerCase()}:${port}`;
}

/** X's API: the client's default host and the one X names in newer documentation. */
export const X_API_HOSTS = ['api.x.com:443', 'api.twitter.com:443'] as const;
/** YouTube Data API v3 (list polling) and the gRPC host of liveChatMessages.streamList. */
export const YOUTUBE_API_HOSTS = ['www.googleapis.com:443', 'youtube.googleapis.com:443'] as const;

/**
 * The ingest hosts each preset streams to: YouTube's primary and backup, over RTMP and RTMPS
 * (https://support.google.com/youtube/answer/10364924), Facebook's RTMPS ingest, Twitch's
 * default ingest. X and LinkedIn hand out a URL per stream: those bind to the exact host pasted.
 */
const PRESET_HOSTS: Readonly<Record<DestinationPlatform, readonly string[]>> = {
  youtube: [
    'a.rtmps.youtube.com:443',
    'b.rtmps.youtube.com:443',
    'a.rtmp.youtube.com:1935',
    'b.rtmp.youtube.com:1935',
  ],
  facebook: ['live-api-s.facebook.com:443'],
  twitch: ['live.twitch.tv:1935'],
  x: [],
  linkedin: [],
  custom: [],
};

function exact(url: string | null): string[] {
  const host = url === null ? null : hostOf(url);
  return host === null ? [] : [host];
}

/** The hosts an X bearer token may reach: X's own, or exactly the (test) address given. */
export function xTokenHosts(apiBaseUrl: string | null): string[] {
  return apiBaseUrl === null ? [...X_API_HOSTS] : exact(apiBaseUrl);
}

/**
 * The hosts a YouTube API key may reach: Google's (REST and the streamList gRPC host), or
 * exactly the (test) addresses given.
 */
export function youtubeKeyHosts(rootUrl: string | null, grpcUrl: string | null = null): string[] {
  if (rootUrl === null && grpcUrl === null) return [...YOUTUBE_API_HOSTS];
  return [...new Set([...exact(rootUrl), ...exact(grpcUrl)])];
}

/**
 * The hosts a destination's stream key may reach. A preset binds to the platform's known ingest
 * hosts when the URL is one of them; any other URL binds to exactly its own host.
 */
export function streamKeyHosts(platform: DestinationPlatform, serverUrl: string): string[] {
  const host = hostOf(serverUrl);
  if (host === null) return [];
  const preset = PRESET_HOSTS[platform];
  return preset.includes(host) ? [...preset] : [host];
}

/** True when every host needed is one the secret was saved for. */
export function withinBinding(bound: readonly string[], needed: readonly string[]): boolean {
  return needed.length > 0 && needed.every((host) => bound.includes(host));
}

/** Graph API and its Server-Sent Events host, both of which take the page access token. */
export const FACEBOOK_API_HOSTS = [
  'graph.facebook.com:443',
  'streaming-graph.facebook.com:443',
] as const;
/** LinkedIn's REST API (Community Management). */
export const LINKEDIN_API_HOSTS = ['api.linkedin.com:443'] as const;

/** The hosts a Facebook page access token may reach: Facebook's Graph hosts, or the test address. */
export function facebookTokenHosts(apiBaseUrl: string | null): string[] {
  return apiBaseUrl === null ? [...FACEBOOK_API_HOSTS] : exact(apiBaseUrl);
}

/** The hosts a LinkedIn access token may reach: LinkedIn's API, or the test address. */
export function linkedinTokenHosts(apiBaseUrl: string | null): string[] {
  return apiBaseUrl === null ? [...LINKEDIN_API_HOSTS] : exact(apiBaseUrl);
}

/**
 * Twitch's Helix API, the only host the user access token goes to (the EventSub WebSocket and
 * anonymous IRC take no token).
 */
export const TWITCH_API_HOSTS = ['api.twitch.tv:443'] as const;

/** The hosts a Twitch user access token may reach: Helix, or the test address. */
export function twitchTokenHosts(apiBaseUrl: string | null): string[] {
  return apiBaseUrl === null ? [...TWITCH_API_HOSTS] : exact(apiBaseUrl);
}

/** A Mastodon token works on the instance that issued it: exactly that host (or the test one). */
export function mastodonTokenHosts(instanceUrl: string, apiBaseUrl: string | null): string[] {
  return exact(apiBaseUrl ?? instanceUrl);
}

/** Bluesky's PDS for bsky.app accounts; it signs in and proxies search to the AppView. */
export const BLUESKY_API_HOSTS = ['bsky.social:443'] as const;

/** The hosts a Bluesky app password may reach: bsky.social, or the test address. */
export function blueskyPasswordHosts(apiBaseUrl: string | null): string[] {
  return apiBaseUrl === null ? [...BLUESKY_API_HOSTS] : exact(apiBaseUrl);
}
