// Identities for the public audience page, issued and signed by the core: a phone keeps its
// token, so votes and limits follow the phone; a script cannot invent new ones, and asking for
// new ones is itself limited per network address.
import crypto from 'node:crypto';
import { RateBucket } from '../shared/rate-bucket.js';

export interface DeviceIssuing {
  /** New identities one address may get at once (a venue's phones share an address). */
  burst: number;
  /** And after that, per second. */
  perSecond: number;
}

// A venue fills over minutes behind one address: room for hundreds of phones, not for a loop.
export const DEVICE_ISSUING: DeviceIssuing = { burst: 200, perSecond: 3 };

const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export class DeviceIssuer {
  readonly #key: Buffer;
  readonly #issuing: RateBucket;

  constructor(key: Buffer, issuing: Partial<DeviceIssuing> = {}, now: () => number = Date.now) {
    const limits = { ...DEVICE_ISSUING, ...issuing };
    this.#key = key;
    this.#issuing = new RateBucket(limits.burst, limits.perSecond, now);
  }

  /** The device id a token names, or null when the core did not sign it. */
  verify(token: unknown): string | null {
    if (typeof token !== 'string') return null;
    const match = TOKEN.exec(token);
    if (!match?.[1] || !match[2]) return null;
    const expected = Buffer.from(this.#sign(match[1]));
    const given = Buffer.from(match[2]);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given)
      ? match[1]
      : null;
  }

  /** A new identity for a phone at `address`; null while that address asked for too many. */
  issue(address: string): { id: string; token: string } | null {
    if (!this.#issuing.take(address)) return null;
    const id = crypto.randomBytes(16).toString('base64url');
    return { id, token: `${id}.${this.#sign(id)}` };
  }

  #sign(id: string): string {
    return crypto.createHmac('sha256', this.#key).update(id).digest('base64url').slice(0, 22);
  }
}
