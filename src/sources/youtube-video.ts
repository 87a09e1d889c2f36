// What the core needs to know of YouTube before its client libraries are loaded: which video a
// link names and where streamList is served. Kept apart so that settings load no gRPC code.

/** Google's gRPC endpoint for the YouTube Data API v3. */
export const YOUTUBE_GRPC_URL = 'https://youtube.googleapis.com:443';

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/** The 11-character id from a YouTube URL, or the id itself; null when it is neither. */
export function videoIdFrom(input: string): string | null {
  const text = input.trim();
  if (VIDEO_ID.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(www|m|music)\./, '');
  let candidate: string | null = null;
  if (host === 'youtu.be') candidate = url.pathname.slice(1);
  else if (host === 'youtube.com') {
    candidate =
      url.searchParams.get('v') ??
      /^\/(?:live|shorts|embed)\/([^/?#]+)/.exec(url.pathname)?.[1] ??
      null;
  }
  return candidate !== null && VIDEO_ID.test(candidate) ? candidate : null;
}
