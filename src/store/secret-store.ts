// Secrets (OBS password, stream keys, API tokens) encrypted with AES-256-GCM before they touch
// the database. In the desktop app the key comes from the OS keychain via Electron safeStorage;
// headless, it is a 0600 key file in the data dir.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SecretRedactor } from '../shared/logger.js';
import { withinBinding } from '../shared/secret-hosts.js';
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';

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
export function loadSecretKey(
  dataDir: string,
  hexKey: string | undefined,
  onReplaced: (problem: string) => void = () => undefined,
): Buffer {
  if (hexKey !== undefined && hexKey !== '') {
    if (!/^[0-9a-f]{64}$/i.test(hexKey)) {
      throw new SecretKeyError('PANELCAST_SECRET_KEY must be 64 hexadecimal characters.');
    }
    return Buffer.from(hexKey, 'hex');
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file);
    if (key.length === KEY_BYTES) return key;
    // Kept aside, not deleted: it may be restored by hand. Secrets saved with it need re-entry.
    const aside = `${file}.damaged-${Date.now()}`;
    fs.renameSync(file, aside);
    onReplaced(
      `${file} was damaged (${key.length} bytes instead of ${KEY_BYTES}); it was moved to ` +
        `${aside} and a new key was made. Saved passwords and keys must be entered again.`,
    );
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}

export class SecretStore {
  readonly #db: Database;
  readonly #key: Buffer;
  readonly #redactor: SecretRedactor;
  /** Secrets saved with another key (a lost or replaced key file, a changed keychain). */
  readonly #unreadable = new Set<string>();
  readonly #listeners = new Set<(names: string[]) => void>();

  constructor(db: Database, key: Buffer, redactor: SecretRedactor) {
    this.#db = db;
    this.#key = key;
    this.#redactor = redactor;
    const rows = db.prepare('SELECT key, ciphertext FROM secrets').all() as {
      key: string;
      ciphertext: Buffer;
    }[];
    for (const row of rows) {
      if (this.#decrypt(row.key, row.ciphertext) === null) this.#unreadable.add(row.key);
    }
  }

  /** Names of the stored secrets this key cannot read: they must be entered again. */
  unreadable(): string[] {
    return [...this.#unreadable].sort();
  }

  onUnreadableChange(listener: (names: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #readable(name: string): void {
    if (!this.#unreadable.delete(name)) return;
    for (const listener of this.#listeners) listener(this.unreadable());
  }

  /**
   * Stores a secret. `hosts` are the "host:port" entries it may be sent to (see
   * shared/secret-hosts.ts); leave them out for secrets that never leave this machine.
   */
  set(name: string, value: string, hosts?: readonly string[]): void {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), body]);
    this.#db
      .prepare(
        `INSERT INTO secrets (key, ciphertext, updated_at, hosts) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET ciphertext = excluded.ciphertext,
           updated_at = excluded.updated_at, hosts = excluded.hosts`,
      )
      .run(name, blob, new Date().toISOString(), hosts ? JSON.stringify(hosts) : null);
    this.#redactor.add(value);
    this.#readable(name);
  }

  /** The secret, or null when none is stored or it was saved with another key. */
  get(name: string): string | null {
    if (this.#unreadable.has(name)) return null;
    const row = this.#db.prepare('SELECT ciphertext FROM secrets WHERE key = ?').get(name) as
      { ciphertext: Buffer } | undefined;
    if (!row) return null;
    const value = this.#decrypt(name, row.ciphertext);
    if (value === null) {
      this.#unreadable.add(name);
      for (const listener of this.#listeners) listener(this.unreadable());
      return null;
    }
    this.#redactor.add(value);
    return value;
  }

  #decrypt(name: string, blob: Buffer): string | null {
    try {
      const iv = blob.subarray(0, IV_BYTES);
      const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, iv);
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** The hosts a secret is bound to; null when none is stored or it predates binding. */
  hostsOf(name: string): string[] | null {
    const row = this.#db.prepare('SELECT hosts FROM secrets WHERE key = ?').get(name) as
      { hosts: string | null } | undefined;
    if (!row || row.hosts === null) return null;
    const parsed: unknown = JSON.parse(row.hosts);
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : [];
  }

  /**
   * The secret for sending to `needed` hosts, or null when none is stored or it was saved for
   * other hosts. A secret saved before binding existed is bound to `needed` on first use: that
   * is the address it was configured with.
   */
  getFor(name: string, needed: readonly string[]): string | null {
    if (!this.has(name)) return null;
    const bound = this.hostsOf(name);
    if (bound === null) {
      this.#bind(name, needed);
      return this.get(name);
    }
    return withinBinding(bound, needed) ? this.get(name) : null;
  }

  /**
   * Called when the address a secret goes to changes without the secret being typed again:
   * keeps the secret when the new hosts are within its binding (`previous` stands in for a
   * secret saved before binding existed), otherwise deletes it so it can never reach them.
   */
  rebind(
    name: string,
    hosts: readonly string[],
    previous: readonly string[],
  ): 'none' | 'kept' | 'cleared' {
    if (!this.has(name)) return 'none';
    const bound = this.hostsOf(name) ?? [...previous];
    if (withinBinding(bound, hosts)) {
      this.#bind(name, bound);
      return 'kept';
    }
    this.delete(name);
    return 'cleared';
  }

  /**
   * The one step every settings form takes for its secret: a typed secret is saved bound to
   * `hosts`; without one, the saved secret stays only if `hosts` are within its binding, else it
   * is removed and the producer is asked to type it again (`what` names it: "stream key").
   */
  saveFor(input: {
    name: string;
    typed: string | undefined;
    hosts: readonly string[];
    previous: readonly string[];
    what: string;
  }): void {
    if (input.typed !== undefined) {
      this.set(input.name, input.typed, input.hosts);
      return;
    }
    if (this.rebind(input.name, input.hosts, input.previous) === 'cleared') {
      throw new UserError(
        'invalid',
        message('secrets.reenter', { what: input.what, host: input.hosts.join(', ') }),
      );
    }
  }

  #bind(name: string, hosts: readonly string[]): void {
    this.#db.prepare('UPDATE secrets SET hosts = ? WHERE key = ?').run(JSON.stringify(hosts), name);
  }

  has(name: string): boolean {
    if (this.#unreadable.has(name)) return false;
    return this.#db.prepare('SELECT 1 FROM secrets WHERE key = ?').get(name) !== undefined;
  }

  delete(name: string): void {
    this.#db.prepare('DELETE FROM secrets WHERE key = ?').run(name);
    this.#readable(name);
  }
}
