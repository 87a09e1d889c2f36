// Opens everything the core keeps on disk: the database (migrated), settings, encrypted secrets
// and the audit log. Failures a person can fix come back as one StartupError each.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger, SecretRedactor } from '../shared/logger.js';
import { StartupError } from '../startup-errors.js';
import { AuditLog } from './audit-log.js';
import { listBackups } from './backups.js';
import { DatabaseDamagedError, DatabaseTooNewError, openDatabase } from './database.js';
import { SecretKeyError, SecretStore, loadSecretKey } from './secret-store.js';
import { SettingsStore } from './settings-store.js';
import { ShowStore } from './show-store.js';

export interface StoreOptions {
  dataDir: string;
  /** Key from the OS keychain (Electron); otherwise a key file in the data dir. */
  secretKeyHex: string | undefined;
  redactor: SecretRedactor;
  logger: Logger;
  onRejected: (channel: string, reason: string) => void;
}

export interface OpenStore {
  db: Database;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
  shows: ShowStore;
}

/** What to do about a damaged database: restore the newest automatic backup, if there is one. */
export function damagedAdvice(error: DatabaseDamagedError, dataDir: string): string {
  const newest = listBackups(dataDir)[0];
  const steps = newest
    ? `The newest automatic backup is ${newest}. Stop Panelcast, move ${error.file} (and any ` +
      `${path.basename(error.file)}-wal and -shm files beside it) aside, copy that backup to ` +
      `${error.file}, and start again.`
    : `There is no automatic backup yet. Move ${error.file} aside to start with an empty ` +
      'database, or restore it from your own backup.';
  return `${error.message} ${steps}`;
}

function open(file: string, logger: Logger, dataDir: string): Database {
  try {
    const opened = openDatabase(file);
    if (opened.migration.to !== opened.migration.from) {
      logger.info(opened.migration.from === 0 ? 'database created' : 'database upgraded', {
        ...opened.migration,
      });
    }
    return opened.db;
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw new StartupError(error.message);
    if (error instanceof DatabaseDamagedError) {
      throw new StartupError(damagedAdvice(error, dataDir));
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Cannot open the database ${file}: ${reason}`);
  }
}

export function openStore(options: StoreOptions): OpenStore {
  const { logger, onRejected } = options;
  const db = open(path.join(options.dataDir, 'panelcast.db'), logger, options.dataDir);
  let secretKey: Buffer;
  try {
    secretKey = loadSecretKey(options.dataDir, options.secretKeyHex, (problem) =>
      logger.warn(problem),
    );
  } catch (error) {
    db.close();
    if (error instanceof SecretKeyError) throw new StartupError(error.message);
    throw error;
  }
  const settings = new SettingsStore(db, {
    onInvalid: (key, problem) => {
      onRejected('settings', problem);
      logger.warn(`stored setting ${key} is invalid; using the default`, { problem });
    },
  });
  const secrets = new SecretStore(db, secretKey, options.redactor);
  if (secrets.unreadable().length > 0) {
    // Names only: which ones to type again, never their values.
    logger.warn('saved secrets cannot be read with this key; enter them again in Settings', {
      secrets: secrets.unreadable(),
    });
  }
  const shows = new ShowStore(db, settings.get('show.title') ?? '');
  return {
    db,
    settings,
    secrets,
    audit: new AuditLog(db, shows),
    shows,
  };
}
