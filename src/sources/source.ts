// The contract every comment source keeps: it normalizes platform payloads into comments, hands
// them to the queue, reports malformed payloads, and says how it is doing in plain words. Each
// source runs and fails on its own; the manager turns their reports into the "sources" state.
import type { IncomingComment } from '../shared/comment-schema.js';
import type { Logger } from '../shared/logger.js';
import { message, type Message } from '../shared/messages/message.js';
import type { SourceQuota, SourceState } from '../shared/state.js';

/** 'unstored': it could not be saved (disk full, database locked); the source fetches it again. */
export type IngestOutcome = 'added' | 'duplicate' | 'invalid' | 'unstored';

export interface SourceContext {
  /** Hands over a comment; it is stored (once) before anyone sees it. */
  ingest(comment: IncomingComment): IngestOutcome;
  /**
   * The platform says this post is gone (deleted, or its author banned): take it back. Throws
   * NotStored when that could not be saved; the source reads the deletion again later.
   */
  retract(platformId: string): void;
  /** A payload from the platform that could not be read; counted and logged, never fatal. */
  malformed(reason: string): void;
  status(state: SourceState, message: Message, retryAt?: Date | null): void;
  /** How much of a daily quota is spent, for Settings (sources with a quota only). */
  quota(reading: SourceQuota): void;
  /**
   * The earliest post time (ms since epoch) the current show takes from a platform: its planned
   * start minus the pre-show window. Sources neither fetch nor hand over older posts; null: no
   * limit. Asked again at every fetch, so a new show or a changed plan applies at once.
   */
  notBefore(): number | null;
  logger: Logger;
}

/** Whether a post made at `createdAt` (ISO time) is older than the show's window. */
export function beforeWindow(
  context: Pick<SourceContext, 'notBefore'>,
  createdAt: string,
): boolean {
  const from = context.notBefore();
  const at = Date.parse(createdAt);
  return from !== null && Number.isFinite(at) && at < from;
}

/**
 * Thrown by a source when a comment could not be saved: it stops before moving its cursor
 * (since_id, page token) past that comment, and fetches it again once saving works.
 */
export class NotStored extends Error {
  constructor(platformId: string) {
    super(`comment ${platformId} could not be saved; it is fetched again`);
    this.name = 'NotStored';
  }
}

export interface CommentSource {
  start(): void;
  stop(): Promise<void>;
  /**
   * For platforms that report no deletions: whether a post can still be read, asked right
   * before it goes on air; null when the platform could not be asked.
   */
  stillThere?(platformId: string): Promise<boolean | null>;
}

/** Time as a source sees it; tests pass a simulated one to run a 3-hour show in seconds. */
export interface SourceClock {
  now(): number;
  pause(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: SourceClock = { now: () => Date.now(), pause: (ms, s) => pause(ms, s) };

/** "14:05" in the core's local time, for "rate-limited until 14:05". */
export function clockTime(date: Date): string {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** A failure a source cannot retry its way out of (a refused token, a bad setting): it stops. */
export class SourceFatal extends Error {
  constructor(readonly said: Message) {
    super(said.code);
  }
}

/** Runs a source's loop to its end; a fatal failure or an unexpected error ends it as an error. */
export function endOnFatal(loop: Promise<void>, context: SourceContext): Promise<void> {
  return loop.catch((error: unknown) => {
    if (error instanceof SourceFatal) context.status('error', error.said);
    else context.status('error', message('source.failed', {}, String(error)));
  });
}
