import { describe, expect, it } from 'vitest';
import { X_TIMINGS, retryDelay } from '../../src/sources/x-source.js';

const delays = (failure: Parameters<typeof retryDelay>[0], n: number): number[] =>
  Array.from({ length: n }, (_, i) => retryDelay(failure, i + 1, X_TIMINGS, 0));

describe('reconnecting the X stream the way X asks', () => {
  it('retries network drops and stalls at once, then in 250 ms steps up to 16 s', () => {
    expect(delays({ kind: 'network', detail: 'ECONNRESET' }, 4)).toEqual([0, 250, 500, 750]);
    expect(retryDelay({ kind: 'stall' }, 200, X_TIMINGS, 0)).toBe(16_000);
    expect(retryDelay({ kind: 'operational' }, 1, X_TIMINGS, 0)).toBe(0);
  });
  it('backs off HTTP errors from 5 s, doubling up to 320 s', () => {
    expect(delays({ kind: 'http', status: 503, detail: 'Service Unavailable' }, 8)).toEqual([
      5000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000,
    ]);
  });
  it('waits a minute after a 429, doubling, or until the reset X announced if later', () => {
    expect(delays({ kind: 'rate_limited', resetAt: null }, 3)).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelay({ kind: 'rate_limited', resetAt: new Date(300_000) }, 1, X_TIMINGS, 0)).toBe(
      300_000,
    );
  });
});
