// Time-limited TURN credentials from a shared secret, as coturn's REST API scheme expects
// (--use-auth-secret / static-auth-secret): username "<unix expiry>:<id>", password
// base64(HMAC-SHA1(secret, username)). The secret itself never leaves the core.
import crypto from 'node:crypto';

export interface TurnCredential {
  username: string;
  credential: string;
}

export function turnCredential(
  secret: string,
  id: string,
  ttlSec: number,
  nowMs: number = Date.now(),
): TurnCredential {
  const expiry = Math.floor(nowMs / 1000) + ttlSec;
  const username = `${expiry}:${id}`;
  const credential = crypto.createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}
