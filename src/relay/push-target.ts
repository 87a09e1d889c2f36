// Where a push goes, from the server URL a platform hands out and the stream key: host, port,
// TLS or not, the RTMP "app" and the stream name. The key travels only in the stream name.

export interface PushTarget {
  secure: boolean;
  host: string;
  port: number;
  /** RTMP application, e.g. "live2" for YouTube, "rtmp" for Facebook. */
  app: string;
  /** The server URL as the connect command names it (no key). */
  tcUrl: string;
  streamName: string;
}

export class PushTargetError extends Error {}

export function pushTarget(serverUrl: string, streamKey: string): PushTarget {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new PushTargetError('That is not a server URL (rtmp:// or rtmps://).');
  }
  const secure = url.protocol === 'rtmps:';
  if (!secure && url.protocol !== 'rtmp:')
    throw new PushTargetError('That is not an RTMP server URL (rtmp:// or rtmps://).');
  if (!url.hostname) throw new PushTargetError('The server URL has no host.');
  const app = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const port = url.port ? Number(url.port) : secure ? 443 : 1935;
  // Brackets off IPv6 literals for net.connect.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const tcUrl = `${url.protocol}//${url.host}/${app}${url.search}`;
  return { secure, host, port, app, tcUrl, streamName: streamKey };
}
