// Secrets (OBS password, stream keys, API tokens) encrypted with AES-256-GCM before they touch
// the database. In the desktop app the key comes from the OS keychain via Electron safeStorage;
// headless, it is a 0600 key file in the data dir.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SecretRedactor } from '../shared/logger.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/**
 * Returns the 32-byte key: from `hexKey` (given by the Electron shell) when set, otherwise from
 * `<dataDir>/secret.key`, created on first use.
 */
export function loadSecretKey(dataDir: string, hexKey: string | undefined): Buffer {
  if (hexKey !== undefined && hexKey !== '') {
    if (!/^[0-9a-f]{64}$/i.test(hexKey)) {
      throw new SecretKeyError('PANELCAST_SECRET_KEY must be 64 hexadecimal characters.');
    }
    return Buffer.from(hexKey, 'hex');
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file);
    if (key.length !== KEY_BYTES) {
      throw new SecretKeyError(
        `${file} is damaged (expected ${KEY_BYTES} bytes). Restore it from a backup; deleting ` +
          'it makes the stored passwords and stream keys unreadable.',
      );
    }
    return key;
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

export class SecretStore {
  readonly #db: Database;
  readonly #key: Buffer;
  readonly #redactor: SecretRedactor;

  constructor(db: Database, key: Buffer, redactor: SecretRedactor) {
    this.#db = db;
    this.#key = key;
    this.#redactor = redactor;
  }

  set(name: string, value: string): void {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), body]);
    this.#db
      .prepare(
        `INSERT INTO secrets (key, ciphertext, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET ciphertext = excluded.ciphertext,
           updated_at = excluded.updated_at`,
      )
      .run(name, blob, new Date().toISOString());
    this.#redactor.add(value);
  }

  /** The secret, or null when none is stored. Throws SecretKeyError if it cannot be decrypted. */
  get(name: string): string | null {
    const row = this.#db.prepare('SELECT ciphertext FROM secrets WHERE key = ?').get(name) as
      { ciphertext: Buffer } | undefined;
    if (!row) return null;
    const blob = row.ciphertext;
    try {
      const iv = blob.subarray(0, IV_BYTES);
      const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, iv);
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(tag);
      const value = Buffer.concat([
        decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      this.#redactor.add(value);
      return value;
    } catch {
      throw new SecretKeyError(
        `The stored secret "${name}" cannot be decrypted with this data dir's key. Enter it again.`,
      );
    }
  }

  has(name: string): boolean {
    return this.#db.prepare('SELECT 1 FROM secrets WHERE key = ?').get(name) !== undefined;
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM secrets WHERE key = ?').run(name);
  }
}
