import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/shared/backoff.js';

describe('backoffDelay', () => {
  const policy = { initialMs: 500, maxMs: 10_000, jitter: 0 };
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
  it('spreads by jitter but never exceeds the cap', () => {
    const jittered = { ...policy, jitter: 0.2 };
    expect(backoffDelay(1, jittered, () => 0)).toBe(400);
    expect(backoffDelay(1, jittered, () => 1)).toBe(600);
    expect(backoffDelay(9, jittered, () => 1)).toBe(10_000);
    expect(backoffDelay(9, jittered, () => 0)).toBe(8000);
  });
});
