// Watches the database's writes: a write that fails for an outside reason is counted, raised as
// a banner for the producer (diagnostics.storage) and answered; a probe clears it once writes work.
import type { Database } from 'better-sqlite3';
import type { Logger } from '../shared/logger.js';
import { message } from '../shared/messages/message.js';
import type { StateHub } from '../shared/state-hub.js';
import {
  BUSY_TIMEOUT_MS,
  StorageFault,
  storageFaultKind,
  type StorageFaultKind,
} from './storage-fault.js';

export interface StorageMonitorOptions {
  db: Database;
  hub: StateHub;
  logger: Logger;
  /** The data directory, named in the messages ("the disk holding … is full"). */
  dir: string;
  /** How often writes are tried again while a fault stands. */
  probeIntervalMs?: number;
}

export class StorageMonitor {
  readonly #db: Database;
  readonly #hub: StateHub;
  readonly #logger: Logger;
  readonly #dir: string;
  readonly #interval: number;
  #standing: StorageFaultKind | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: StorageMonitorOptions) {
    this.#db = options.db;
    this.#hub = options.hub;
    this.#logger = options.logger.child('storage');
    this.#dir = options.dir;
    this.#interval = options.probeIntervalMs ?? 1000;
  }

  /** The fault now standing, or null while writes work. */
  get standing(): StorageFaultKind | null {
    return this.#standing;
  }

  /**
   * A StorageFault for `error` when it is one (counted, banner raised), else null: the caller
   * rethrows what is not a storage fault.
   */
  fault(error: unknown): StorageFault | null {
    const kind = storageFaultKind(error);
    if (kind === null) return null;
    const counted = error instanceof StorageFault ? error : new StorageFault(kind, this.#dir);
    if (!(error instanceof StorageFault)) this.#count(kind, error);
    return counted;
  }

  /** Runs a write; a storage fault leaves it as a StorageFault. */
  write<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.fault(error) ?? error;
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #count(kind: StorageFaultKind, error: unknown): void {
    const first = this.#standing === null;
    this.#standing = kind;
    this.#hub.update('diagnostics', (d) => ({
      ...d,
      storage: {
        fault: message(`storage.${kind}`, { dir: this.#dir }),
        since: first ? new Date().toISOString() : d.storage.since,
        faults: { ...d.storage.faults, [kind]: (d.storage.faults[kind] ?? 0) + 1 },
      },
    }));
    if (!first) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.error('cannot write to the database', { kind, reason });
    // While the fault stands, writes fail at once instead of each waiting for the lock.
    this.#db.pragma('busy_timeout = 0');
    this.#timer = setInterval(() => this.#probe(), this.#interval);
    this.#timer.unref();
  }

  /** Tries a write that needs a fresh page and the write lock, then one that reaches the log. */
  #probe(): void {
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        this.#db
          .prepare(
            "INSERT INTO settings (key, value, updated_at) VALUES ('storage.probe', hex(zeroblob(6000)), '')",
          )
          .run();
      } finally {
        this.#db.exec('ROLLBACK');
      }
      const version = this.#db.pragma('user_version', { simple: true }) as number;
      this.#db.pragma(`user_version = ${version}`);
    } catch (error) {
      const kind = storageFaultKind(error);
      if (kind !== null && kind !== this.#standing) this.#count(kind, error);
      return;
    }
    this.#clear();
  }

  #clear(): void {
    this.stop();
    this.#logger.info('writes work again', { after: this.#standing });
    this.#standing = null;
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#hub.update('diagnostics', (d) => ({
      ...d,
      storage: { ...d.storage, fault: null, since: null },
    }));
  }
}
