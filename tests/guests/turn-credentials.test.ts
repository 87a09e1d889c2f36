import { describe, expect, it } from 'vitest';
import { turnCredentials } from '../../src/guests/turn-credentials.js';

describe('turnCredentials', () => {
  it('signs "<expiry>:<id>" with HMAC-SHA1 of the shared secret, as coturn checks it', () => {
    // Expected value from: printf '1700000000:guest-ana' |
    //   openssl dgst -sha1 -hmac north-wind-secret -binary | base64
    const nowMs = (1_700_000_000 - 3600) * 1000 + 999;
    expect(turnCredentials('north-wind-secret', 'guest-ana', 3600, nowMs)).toEqual({
      username: '1700000000:guest-ana',
      credential: 'LObeYj+7EQB7MBMkQUOscPqjF8s=',
      expiresAt: 1_700_000_000,
    });
  });

  it('gives each guest and each secret its own credential', () => {
    const a = turnCredentials('s1', 'ana', 60, 0);
    expect(turnCredentials('s1', 'ben', 60, 0).credential).not.toBe(a.credential);
    expect(turnCredentials('s2', 'ana', 60, 0).credential).not.toBe(a.credential);
  });

  it('refuses an empty secret, an id with a colon and a lifetime that is not positive', () => {
    expect(() => turnCredentials('', 'ana', 60, 0)).toThrow(RangeError);
    expect(() => turnCredentials('s', 'a:b', 60, 0)).toThrow(RangeError);
    expect(() => turnCredentials('s', '', 60, 0)).toThrow(RangeError);
    expect(() => turnCredentials('s', 'ana', 0, 0)).toThrow(RangeError);
    expect(() => turnCredentials('s', 'ana', 1.5, 0)).toThrow(RangeError);
  });
});
