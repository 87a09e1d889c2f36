// Runs one comment source outside the core: a context that keeps comments the way the store does
// (once per platform id), records every status and counts what was malformed.
import type { IncomingComment } from '../../src/shared/comment-schema.js';
import { incomingCommentSchema } from '../../src/shared/comment-schema.js';
import { createLogger, SecretRedactor } from '../../src/shared/logger.js';
import { inEnglish, type Message } from '../../src/shared/messages/message.js';
import type { SourceQuota, SourceState } from '../../src/shared/state.js';
import type { IngestOutcome, SourceContext } from '../../src/sources/source.js';

export interface Harness {
  context: SourceContext;
  comments: Map<string, IncomingComment>;
  statuses: { state: SourceState; message: Message; retryAt: Date | null }[];
  duplicates: number;
  malformed: string[];
  /** The latest quota reading, where the source has a quota. */
  quota: SourceQuota | null;
  /** How often each platform id was added: every post must be added exactly once. */
  added: Map<string, number>;
  /** Platform ids the source took back, in order. */
  retracted: string[];
  /** The show's window start (ms) the source is told; null for none. */
  notBefore: number | null;
  /** The latest status, in English. */
  said(): string;
  last(): { state: SourceState; message: Message } | undefined;
}

export function sourceHarness(): Harness {
  const harness: Harness = {
    comments: new Map(),
    statuses: [],
    duplicates: 0,
    malformed: [],
    retracted: [],
    added: new Map(),
    quota: null,
    notBefore: null,
    said: () => {
      const last = harness.statuses.at(-1);
      return last ? inEnglish(last.message) : '';
    },
    last: () => harness.statuses.at(-1),
    context: {
      logger: createLogger({
        level: 'error',
        sink: () => undefined,
        redactor: new SecretRedactor(),
      }),
      ingest: (comment): IngestOutcome => {
        if (harness.retracted.includes(comment.platformId)) {
          harness.duplicates += 1;
          return 'duplicate';
        }
        if (!incomingCommentSchema.safeParse(comment).success) {
          harness.malformed.push(`invalid comment ${comment.platformId}`);
          return 'invalid';
        }
        if (harness.comments.has(comment.platformId)) {
          harness.duplicates += 1;
          return 'duplicate';
        }
        harness.comments.set(comment.platformId, comment);
        harness.added.set(comment.platformId, (harness.added.get(comment.platformId) ?? 0) + 1);
        return 'added';
      },
      malformed: (reason) => harness.malformed.push(reason),
      notBefore: () => harness.notBefore,
      quota: (reading) => {
        harness.quota = reading;
      },
      retract: (platformId) => {
        if (harness.comments.delete(platformId)) harness.retracted.push(platformId);
      },
      status: (state, message, retryAt = null) =>
        harness.statuses.push({ state, message, retryAt }),
    },
  };
  return harness;
}
