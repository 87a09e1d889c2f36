// Runs the configured comment sources side by side and publishes their status and counters as
// the "sources" slice. Replacing or stopping one never touches the others.
import type { IncomingComment } from '../shared/comment-schema.js';
import type { Logger } from '../shared/logger.js';
import { inEnglish, message } from '../shared/messages/message.js';
import type { StateHub } from '../shared/state-hub.js';
import type { SourceStatus } from '../shared/state.js';
import type { CommentSource, IngestOutcome, SourceContext } from './source.js';

export interface SourceManagerOptions {
  hub: StateHub;
  logger: Logger;
  ingest: (comment: IncomingComment) => IngestOutcome;
  /** Takes a post back that its platform reports gone; false when it was not (or no more) in. */
  retract: (platform: string, platformId: string) => boolean;
  /** The current show's window start (ms), before which platforms' posts are not its own. */
  notBefore?: () => number | null;
  /** Counters change with every comment; they are published at most this often. */
  publishIntervalMs?: number;
}

interface Entry {
  status: SourceStatus;
  source: CommentSource | null;
}

export class SourceManager {
  readonly #hub: StateHub;
  readonly #logger: Logger;
  readonly #ingest: (comment: IncomingComment) => IngestOutcome;
  readonly #retract: (platform: string, platformId: string) => boolean;
  readonly #interval: number;
  readonly #notBefore: () => number | null;
  readonly #entries = new Map<string, Entry>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: SourceManagerOptions) {
    this.#hub = options.hub;
    this.#logger = options.logger;
    this.#ingest = options.ingest;
    this.#retract = options.retract;
    this.#interval = options.publishIntervalMs ?? 200;
    this.#notBefore = options.notBefore ?? (() => null);
  }

  /** Starts `create(context)` as source `id`, replacing (and stopping) what ran under that id. */
  async run(
    id: string,
    platform: string,
    label: string,
    create: (context: SourceContext) => CommentSource,
  ): Promise<void> {
    await this.remove(id);
    const entry: Entry = {
      status: {
        id,
        platform,
        label,
        state: 'connecting',
        message: message('source.starting'),
        retryAt: null,
        counters: { received: 0, duplicates: 0, malformed: 0, retracted: 0 },
        quota: null,
      },
      source: null,
    };
    this.#entries.set(id, entry);
    const logger = this.#logger.child(id);
    const context: SourceContext = {
      logger,
      notBefore: this.#notBefore,
      ingest: (comment) => {
        const outcome = this.#ingest(comment);
        const counters = entry.status.counters;
        if (outcome === 'added') counters.received += 1;
        else if (outcome === 'duplicate') counters.duplicates += 1;
        else if (outcome === 'invalid') counters.malformed += 1;
        this.#schedule();
        return outcome;
      },
      retract: (platformId) => {
        if (!this.#retract(platform, platformId)) return;
        entry.status.counters.retracted += 1;
        logger.info('retracted', { platformId });
        this.#schedule();
      },
      quota: (reading) => {
        entry.status.quota = reading;
        this.#schedule();
      },
      malformed: (reason) => {
        entry.status.counters.malformed += 1;
        logger.warn('malformed payload', { reason });
        this.#schedule();
      },
      status: (state, said, retryAt = null) => {
        if (this.#entries.get(id) !== entry) return; // a replaced source reports no more
        entry.status = {
          ...entry.status,
          state,
          message: said,
          retryAt: retryAt?.toISOString() ?? null,
        };
        logger.info(`status: ${state}`, { message: inEnglish(said) });
        this.#publish();
      },
    };
    entry.source = create(context);
    entry.source.start();
    this.#publish();
  }

  /** Asks the running source of this platform whether a post still exists; null: cannot tell. */
  async stillThere(platform: string, platformId: string): Promise<boolean | null> {
    for (const entry of this.#entries.values()) {
      if (entry.status.platform === platform && entry.source?.stillThere) {
        return entry.source.stillThere(platformId);
      }
    }
    return null;
  }

  async remove(id: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    await entry.source?.stop();
    this.#publish();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((id) => this.remove(id)));
    if (this.#timer) clearTimeout(this.#timer);
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.#publish();
    }, this.#interval);
  }

  #publish(): void {
    this.#hub.set(
      'sources',
      [...this.#entries.values()].map((e) => ({ ...e.status, counters: { ...e.status.counters } })),
    );
  }
}
