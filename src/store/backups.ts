// Online backups of the database while the core runs (SQLite's backup API, page by page, so
// the show goes on during a copy), kept in <data dir>/backups, the newest few only.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../shared/logger.js';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js';

export const BACKUP_DIR = 'backups';
const NAME = /^panelcast-\d{8}-\d{6}(-\d+)?\.db$/;

export interface BackupOptions {
  db: Database;
  dataDir: string;
  logger: Logger;
  /** How often a copy is taken. */
  intervalMs?: number;
  /** How many copies are kept. */
  keep?: number;
}

/** The backups in `dataDir`, newest first. */
export function listBackups(dataDir: string): string[] {
  const dir = path.join(dataDir, BACKUP_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => NAME.test(name));
  } catch {
    return [];
  }
  // By name without ".db", so "…-130509-1" (a second copy that second) sorts after "…-130509".
  return names
    .sort((a, b) => (a.slice(0, -3) < b.slice(0, -3) ? -1 : 1))
    .reverse()
    .map((name) => path.join(dir, name));
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-25T13:05:09.123Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export class BackupSchedule {
  readonly #options: Required<BackupOptions>;
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<string | null> | null = null;

  constructor(options: BackupOptions) {
    this.#options = { intervalMs: 10 * 60_000, keep: 5, ...options };
  }

  start(): void {
    this.#timer = setInterval(() => void this.backup(), this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Takes one copy now; its path, or null when it failed (logged; the show goes on). */
  backup(): Promise<string | null> {
    this.#running ??= this.#copy().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #copy(): Promise<string | null> {
    const { db, dataDir, logger, keep } = this.#options;
    const dir = path.join(dataDir, BACKUP_DIR);
    let target = path.join(dir, `panelcast-${stamp(new Date())}.db`);
    try {
      ensurePrivateDir(dir);
      for (let n = 1; fs.existsSync(target); n += 1) {
        target = path.join(dir, `panelcast-${stamp(new Date())}-${n}.db`);
      }
      // Private from its first byte: SQLite keeps the rights of a file that is already there.
      ensurePrivateFile(target);
      await db.backup(target);
    } catch (error) {
      fs.rmSync(target, { force: true });
      logger.warn('automatic backup failed', { target, reason: String(error) });
      return null;
    }
    for (const old of listBackups(dataDir).slice(keep)) fs.rmSync(old, { force: true });
    logger.debug('automatic backup taken', { target });
    return target;
  }
}
