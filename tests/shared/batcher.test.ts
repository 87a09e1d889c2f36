import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdateBatcher } from '../../src/shared/batcher.js';

describe('UpdateBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function collect(intervalMs = 20) {
    const flushes: [string, number][][] = [];
    const batcher = new UpdateBatcher<string, number>({
      intervalMs,
      onFlush: (batch) => flushes.push([...batch.entries()]),
    });
    return { batcher, flushes };
  }

  it('sends the first update after a quiet period at once', () => {
    const { batcher, flushes } = collect();
    batcher.add('a', 1);
    expect(flushes).toEqual([[['a', 1]]]);
  });

  it('merges a burst per key, last value wins, and flushes once per interval', () => {
    const { batcher, flushes } = collect();
    batcher.add('a', 1); // immediate
    batcher.add('a', 2);
    batcher.add('b', 1);
    batcher.add('a', 3);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(19);
    expect(flushes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([
      [['a', 1]],
      [
        ['a', 3],
        ['b', 1],
      ],
    ]);
  });

  it('never flushes more often than the interval under a steady stream', () => {
    const { batcher, flushes } = collect(20);
    for (let ms = 0; ms < 200; ms += 1) {
      batcher.add(`k${ms % 3}`, ms);
      vi.advanceTimersByTime(1);
    }
    // 200 ms at most one flush per 20 ms: 10 or 11 flushes, each holding at most the 3 keys.
    expect(flushes.length).toBeGreaterThanOrEqual(10);
    expect(flushes.length).toBeLessThanOrEqual(11);
    for (const batch of flushes) expect(batch.length).toBeLessThanOrEqual(3);
    // Nothing is lost: the last value of every key arrived.
    batcher.flush();
    const last = new Map<string, number>();
    for (const batch of flushes) for (const [k, v] of batch) last.set(k, v);
    expect(last.get('k0')).toBe(198);
    expect(last.get('k1')).toBe(199);
    expect(last.get('k2')).toBe(197);
  });

  it('sends immediately again once the interval has passed', () => {
    const { batcher, flushes } = collect(20);
    batcher.add('a', 1);
    vi.advanceTimersByTime(50);
    batcher.add('a', 2);
    expect(flushes).toEqual([[['a', 1]], [['a', 2]]]);
  });

  it('flush() sends what is pending now, dispose() drops it', () => {
    const { batcher, flushes } = collect(20);
    batcher.add('a', 1);
    batcher.add('b', 2);
    batcher.flush();
    expect(flushes).toHaveLength(2);
    batcher.add('c', 3);
    batcher.dispose();
    vi.advanceTimersByTime(100);
    expect(flushes).toHaveLength(2);
  });
});
