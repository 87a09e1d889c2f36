// Opens everything the core keeps on disk: the database (migrated), settings, encrypted secrets
// and the audit log. Failures a person can fix come back as one StartupError each.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger, SecretRedactor } from '../shared/logger.js';
import { StartupError } from '../startup-errors.js';
import { AuditLog } from './audit-log.js';
import { DatabaseTooNewError, openDatabase } from './database.js';
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

function open(file: string, logger: Logger): Database {
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
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Cannot open the database ${file}: ${reason}`);
  }
}

export function openStore(options: StoreOptions): OpenStore {
  const { logger, onRejected } = options;
  const db = open(path.join(options.dataDir, 'panelcast.db'), logger);
  let secretKey: Buffer;
  try {
    secretKey = loadSecretKey(options.dataDir, options.secretKeyHex);
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
  const shows = new ShowStore(db, settings.get('show.title'));
  return {
    db,
    settings,
    secrets: new SecretStore(db, secretKey, options.redactor),
    audit: new AuditLog(db, shows),
    shows,
  };
}
