// Time-limited TURN credentials from a secret shared with coturn (`use-auth-secret`,
// `static-auth-secret`): the "TURN REST API" scheme, so no per-guest account lives on the TURN
// server and a leaked credential stops working at its expiry.
// https://github.com/coturn/coturn/wiki/turnserver ("--use-auth-secret"), and
// draft-uberti-behave-turn-rest-00 section 2.2: username = "<expiry unix seconds>:<user id>",
// password = base64(HMAC-SHA1(secret, username)).
import { createHmac } from 'node:crypto';

export interface TurnCredentials {
  username: string;
  credential: string;
  /** Unix seconds after which coturn refuses the credential. */
  expiresAt: number;
}

/**
 * Credentials for `id` (a guest id; no ':' in it, which separates the expiry) valid for
 * `ttlSeconds` from `nowMs`. Pure: the caller passes the clock.
 */
export function turnCredentials(
  secret: string,
  id: string,
  ttlSeconds: number,
  nowMs: number,
): TurnCredentials {
  if (secret.length === 0) throw new RangeError('TURN secret is empty');
  if (id.length === 0 || id.includes(':'))
    throw new RangeError('TURN user id is empty or has a colon');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError('TURN credential lifetime must be a positive whole number of seconds');
  }
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt };
}
