import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/sources/x-request-budget.js';

describe("pacing X requests by X's rate-limit headers", () => {
  it('polls at the chosen interval until X has said anything', () => {
    expect(new RequestBudget().delayBeforeNext(0, 15_000)).toBe(15_000);
  });

  it('stretches the remaining requests to the reset, one kept in hand for gaps', () => {
    const budget = new RequestBudget();
    budget.update({ limit: 60, remaining: 11, reset: 900 });
    // 900 s left, 10 requests to spend: one every 90 s.
    expect(budget.delayBeforeNext(0, 15_000)).toBe(90_000);
    budget.update({ limit: 450, remaining: 449, reset: 900 });
    expect(budget.delayBeforeNext(0, 15_000)).toBe(15_000);
  });

  it('waits past the reset when the window is spent, and starts afresh after it', () => {
    const budget = new RequestBudget();
    budget.update({ limit: 60, remaining: 0, reset: 120 });
    expect(budget.exhausted).toBe(true);
    expect(budget.delayBeforeNext(20_000, 15_000)).toBe(101_000);
    expect(budget.delayBeforeNext(121_000, 15_000)).toBe(15_000);
    budget.update({ remaining: Number.NaN, reset: 5 });
    expect(budget.resetAt).toEqual(new Date(120_000));
  });
});
