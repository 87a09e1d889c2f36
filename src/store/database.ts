// Opens the SQLite database (WAL, foreign keys on) and brings its schema up to date, backing
// the file up before any upgrade step touches it.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.js';
import { ensurePrivateFile, makePrivate } from './private-files.js';
import { BUSY_TIMEOUT_MS } from './storage-fault.js';

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `The database ${file} was written by a newer Panelcast (schema version ${found}; this ` +
        `version understands up to ${known}). Update Panelcast, or start with another --data-dir.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The file is not a database, or its pages are broken: start-up says which file and what to do. */
export class DatabaseDamagedError extends Error {
  readonly file: string;
  constructor(file: string, detail: string) {
    super(`The database ${file} is damaged (${detail}).`);
    this.name = 'DatabaseDamagedError';
    this.file = file;
  }
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

/**
 * SQLite's page cache per connection, in KiB: SQLite's own default. better-sqlite3 builds
 * SQLite with 16 MiB, which the start-up check alone fills by reading every page of every past
 * show, and which then stays allocated. Pages beyond 2 MiB are read again from the operating
 * system's file cache (issue 11: memory bounded by the current show; cost measured in
 * tests/bench/README.md, `## shows`).
 */
export const PAGE_CACHE_KIB = 2048;

export interface MigrationResult {
  from: number;
  to: number;
  /** Copy of the database taken before upgrading, if an upgrade ran on an existing file. */
  backupFile: string | null;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export function migrate(
  db: Database,
  migrations: readonly Migration[],
  file: string,
): MigrationResult {
  const from = db.pragma('user_version', { simple: true }) as number;
  const known = latestVersion(migrations);
  if (from > known) throw new DatabaseTooNewError(file, from, known);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  let backupFile: string | null = null;
  if (from > 0 && file !== ':memory:') {
    backupFile = `${file}.before-v${known}.bak`;
    db.exec(`VACUUM INTO '${backupFile.replaceAll("'", "''")}'`);
    makePrivate(backupFile);
  }
  for (const step of pending) {
    // Each step and its version bump commit together or not at all.
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return { from, to: known, backupFile };
}

export interface OpenedDatabase {
  db: Database;
  migration: MigrationResult;
}

export function openDatabase(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): OpenedDatabase {
  // Made (or tightened) before SQLite opens it; its -wal and -shm files take the same rights.
  if (file !== ':memory:') ensurePrivateFile(file);
  const db = new BetterSqlite3(file);
  try {
    // Check before anything writes to the file: a newer database is left exactly as it is.
    const found = db.pragma('user_version', { simple: true }) as number;
    const known = latestVersion(migrations);
    if (found > known) throw new DatabaseTooNewError(file, found, known);
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    const check = db.pragma('quick_check(1)', { simple: true }) as string;
    if (check !== 'ok') throw new DatabaseDamagedError(file, check);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('synchronous = NORMAL');
    const migration = migrate(db, migrations, file);
    for (const companion of [`${file}-wal`, `${file}-shm`]) makePrivate(companion);
    return { db, migration };
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && DAMAGE_CODES.has(code)) {
      throw new DatabaseDamagedError(file, error instanceof Error ? error.message : code);
    }
    throw error;
  }
}
