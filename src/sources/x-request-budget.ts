// Paces requests to an X endpoint by the x-rate-limit-* headers of its last answer, so the
// window's remaining requests last until it resets and X never has to answer 429 to our pace.

export interface RateLimitReading {
  limit?: number;
  remaining?: number;
  /** Seconds since the epoch, as X sends it. */
  reset?: number;
}

export class RequestBudget {
  #remaining: number | null = null;
  #resetAtMs: number | null = null;

  /** Takes in the headers of an answer (success or 429); readings without numbers are ignored. */
  update(reading: RateLimitReading | undefined): void {
    if (reading?.remaining === undefined || reading.reset === undefined) return;
    if (!Number.isFinite(reading.remaining) || !Number.isFinite(reading.reset)) return;
    this.#remaining = Math.max(0, reading.remaining);
    this.#resetAtMs = reading.reset * 1000;
  }

  /** When the window resets, if X said; for "rate-limited until 14:05". */
  get resetAt(): Date | null {
    return this.#resetAtMs === null ? null : new Date(this.#resetAtMs);
  }

  get exhausted(): boolean {
    return this.#remaining === 0;
  }

  /**
   * How long to wait before the next request: at least `minIntervalMs`, longer when the rest of
   * the window must stretch to its reset, and until the reset (plus a second) when none is left.
   */
  delayBeforeNext(nowMs: number, minIntervalMs: number): number {
    if (this.#remaining === null || this.#resetAtMs === null) return minIntervalMs;
    const untilReset = this.#resetAtMs - nowMs;
    if (untilReset <= 0) return minIntervalMs;
    if (this.#remaining === 0) return untilReset + 1000;
    // Keep one request in hand for filling a gap after a stream drop.
    const spread = Math.ceil(untilReset / Math.max(1, this.#remaining - 1));
    return Math.max(minIntervalMs, this.#remaining === 1 ? untilReset + 1000 : spread);
  }
}
