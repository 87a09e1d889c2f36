// Spends the YouTube Data API's daily quota (10,000 units; 5 per chat page, 1 per video lookup)
// so it lasts the planned show: polls are spaced out when YouTube's own pace would use it up.
// Docs: https://developers.google.com/youtube/v3/determine_quota_cost

export const DAILY_UNITS = 10_000;
export const COST = { chatPage: 5, videoLookup: 1 } as const;
/** Kept back for finding the chat again after a restart or a lost chat id. */
const RESERVE_UNITS = 50;

import type { SourceQuota } from '../shared/state.js';

export interface QuotaDay {
  /** The Pacific-time date the count belongs to, "2026-11-25". */
  day: string;
  used: number;
}

export function pacificDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(now);
}

export class QuotaBudget {
  readonly #showMs: number;
  readonly #dailyUnits: number;
  readonly #startedAt: number;
  #count: QuotaDay;
  #askedMs = 5000;

  constructor(options: {
    showMs: number;
    now: number;
    saved: QuotaDay | null;
    /** Google grants some projects more than the default 10,000. */
    dailyUnits: number;
  }) {
    this.#showMs = options.showMs;
    this.#dailyUnits = options.dailyUnits;
    this.#startedAt = options.now;
    const today = pacificDay(new Date(options.now));
    this.#count = options.saved?.day === today ? options.saved : { day: today, used: 0 };
  }

  /** Counts a request Google charged for (errors are charged too). */
  spend(units: number, now: number): void {
    const today = pacificDay(new Date(now));
    if (this.#count.day !== today) this.#count = { day: today, used: 0 };
    this.#count = { ...this.#count, used: this.#count.used + units };
  }

  get day(): QuotaDay {
    return this.#count;
  }

  /**
   * The pause before the next chat page: YouTube's pollingIntervalMillis, or longer when the
   * units left would not last until the planned end of the show at that pace.
   */
  nextPollMs(askedMs: number, now: number): number {
    this.#askedMs = askedMs;
    const left = this.#dailyUnits - RESERVE_UNITS - this.#usedToday(now);
    const callsLeft = Math.floor(left / COST.chatPage);
    const until = Math.max(this.#plannedEnd() - now, 15 * 60_000);
    if (callsLeft <= 0) return until;
    return Math.max(askedMs, Math.ceil(until / callsLeft));
  }

  reading(now: number, resetsAt: Date): SourceQuota {
    const until = Math.max(0, this.#plannedEnd() - now);
    return {
      dailyUnits: this.#dailyUnits,
      usedToday: this.#usedToday(now),
      plannedNeed: Math.ceil(until / this.#askedMs) * COST.chatPage,
      pollEveryMs: this.nextPollMs(this.#askedMs, now),
      resetsAt: resetsAt.toISOString(),
    };
  }

  #usedToday(now: number): number {
    return this.#count.day === pacificDay(new Date(now)) ? this.#count.used : 0;
  }

  #plannedEnd(): number {
    return this.#startedAt + this.#showMs;
  }
}
