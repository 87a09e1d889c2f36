// Says in plain words why a push to a platform failed, from the error the connection ended with.
import { AmfError } from './rtmp/amf0.js';
import { RtmpProtocolError } from './rtmp/chunk-reader.js';
import { PushRefusedError, PushTimeoutError } from './rtmp/push-session.js';

/** The platform stopped reading: bytes queued, none sent for a long time. */
export class PushStalledError extends Error {}

const TLS_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

export function explainPushError(error: Error | null, wasLive: boolean): string {
  const code = error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (error instanceof PushRefusedError) {
    if (error.stage === 'publish')
      return /BadName|Denied|Rejected|Unauthori|Forbidden/i.test(error.code) || error.code === ''
        ? 'The platform rejected the stream key.'
        : `The platform refused the stream (${clip(error.code)}).`;
    return `The platform refused the connection (${clip(error.code || error.message)}): check the server URL.`;
  }
  if (error instanceof PushStalledError)
    return 'The platform stopped taking the stream (nothing could be sent for 15 s).';
  if (error instanceof PushTimeoutError) return 'The server did not answer in time.';
  if (error instanceof RtmpProtocolError || error instanceof AmfError)
    return 'The server sent something that is not RTMP, so the connection was closed.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return 'The server address does not exist (check the server URL).';
  if (code === 'ECONNREFUSED')
    return 'The server refused the connection (wrong address or port, or the platform is not accepting streams).';
  if (TLS_CERT_CODES.has(code))
    return `The secure (RTMPS) connection was refused: the server's certificate is not trusted for this address (${code}).`;
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))
    return 'The secure (RTMPS) connection failed: the server does not speak TLS on this port.';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return 'The server could not be reached.';
  // Platforms close the connection at once on a wrong key, without saying so.
  if (!wasLive)
    return 'The platform closed the connection right after it opened: check the stream key.';
  return 'The connection to the platform dropped.';
}

function clip(text: string): string {
  return text.replace(/[^\w .:-]/g, '').slice(0, 80);
}
