// Merges bursts of updates: the first update after a quiet period goes out at once, later ones
// are merged per key (last value wins) and flushed at most once per interval.

export interface UpdateBatcherOptions<K, V> {
  intervalMs: number;
  onFlush: (batch: Map<K, V>) => void;
}

export class UpdateBatcher<K, V> {
  readonly #intervalMs: number;
  readonly #onFlush: (batch: Map<K, V>) => void;
  #pending = new Map<K, V>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(options: UpdateBatcherOptions<K, V>) {
    this.#intervalMs = options.intervalMs;
    this.#onFlush = options.onFlush;
  }

  add(key: K, value: V): void {
    this.#pending.set(key, value);
    if (this.#timer !== undefined) return;
    const wait = this.#lastFlushAt + this.#intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
    } else {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.flush();
      }, wait);
    }
  }

  /** Sends whatever is pending now (also used on shutdown). */
  flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#lastFlushAt = Date.now();
    this.#onFlush(batch);
  }

  /** Drops pending updates and stops the timer. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
