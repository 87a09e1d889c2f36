// A token bucket per key (a device, a network address): a burst at once, then a steady rate.
// Keys that are full again are forgotten, so a crowd of one-time visitors costs no memory.

export class RateBucket {
  readonly #burst: number;
  readonly #perMs: number;
  readonly #now: () => number;
  readonly #levels = new Map<string, { tokens: number; at: number }>();
  #sweptAt = 0;

  constructor(burst: number, perSecond: number, now: () => number = Date.now) {
    this.#burst = burst;
    this.#perMs = perSecond / 1000;
    this.#now = now;
  }

  /** True (and one token used) when `key` may act now. */
  take(key: string): boolean {
    const now = this.#now();
    this.#sweep(now);
    const tokens = this.#tokens(key, now);
    if (tokens < 1) return false;
    this.#levels.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** Seconds until `key` may act again (0 when it may now). */
  waitSec(key: string): number {
    const tokens = this.#tokens(key, this.#now());
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.#perMs / 1000);
  }

  #tokens(key: string, now: number): number {
    const level = this.#levels.get(key);
    if (!level) return this.#burst;
    return Math.min(this.#burst, level.tokens + (now - level.at) * this.#perMs);
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < 60_000) return;
    this.#sweptAt = now;
    for (const [key, level] of this.#levels) {
      if (level.tokens + (now - level.at) * this.#perMs >= this.#burst) this.#levels.delete(key);
    }
  }
}
