import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { SecretRedactor } from '../../src/shared/logger.js';
import { openDatabase } from '../../src/store/database.js';
import { SecretStore, loadSecretKey } from '../../src/store/secret-store.js';
import { SettingsStore } from '../../src/store/settings-store.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('settings and secrets', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase(path.join(temp.dir, 'panelcast.db')).db;
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('stores and reads validated settings', () => {
    const problems: string[] = [];
    const settings = new SettingsStore(db, { onInvalid: (k) => problems.push(k) });
    expect(settings.get('show.title')).toBeNull();
    settings.set('show.title', '#NextTalk live');
    expect(settings.get('show.title')).toBe('#NextTalk live');
    expect(() => settings.set('show.title', '')).toThrow();
    expect(problems).toEqual([]);
  });

  it('falls back on a damaged stored value, reports it and keeps the row', () => {
    const problems: string[] = [];
    const settings = new SettingsStore(db, { onInvalid: (k, p) => problems.push(`${k}: ${p}`) });
    db.prepare("INSERT INTO settings VALUES ('show.title', '{not json', 'now')").run();
    expect(settings.get('show.title')).toBeNull();
    db.prepare("UPDATE settings SET value = '42' WHERE key = 'show.title'").run();
    expect(settings.get('show.title')).toBeNull();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('not valid JSON');
    expect(db.prepare("SELECT value FROM settings WHERE key = 'show.title'").get()).toEqual({
      value: '42',
    });
  });

  it('encrypts secrets at rest and masks them in logs', () => {
    const redactor = new SecretRedactor();
    const key = loadSecretKey(temp.dir, undefined);
    const secrets = new SecretStore(db, key, redactor);
    secrets.set('obs.password', 'hunter2-obs-password');
    const raw = db.prepare("SELECT ciphertext FROM secrets WHERE key = 'obs.password'").get() as {
      ciphertext: Buffer;
    };
    expect(raw.ciphertext.toString('latin1')).not.toContain('hunter2');
    expect(secrets.get('obs.password')).toBe('hunter2-obs-password');
    expect(redactor.redact('pw=hunter2-obs-password')).toBe('pw=[redacted]');
    expect(secrets.get('missing')).toBeNull();
    // The key file is created once, owner-only, and reused.
    const keyFile = path.join(temp.dir, 'secret.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(temp.dir, undefined).equals(key)).toBe(true);
  });

  it('names the secrets another key saved, treats them as not saved, and forgets once re-entered', () => {
    const a = new SecretStore(db, Buffer.alloc(32, 1), new SecretRedactor());
    a.set('x', 'value-123456');
    a.set('y', 'other-654321');
    const b = new SecretStore(db, Buffer.alloc(32, 2), new SecretRedactor());
    expect(b.unreadable()).toEqual(['x', 'y']);
    expect(b.get('x')).toBeNull();
    expect(b.has('x')).toBe(false);
    const changes: string[][] = [];
    b.onUnreadableChange((names) => changes.push(names));
    b.set('x', 'typed-again-1');
    expect(b.get('x')).toBe('typed-again-1');
    expect(changes).toEqual([['y']]);
  });

  it('accepts a key handed over by the desktop shell and rejects a malformed one', () => {
    const hex = 'ab'.repeat(32);
    expect(loadSecretKey(temp.dir, hex).toString('hex')).toBe(hex);
    expect(fs.existsSync(path.join(temp.dir, 'secret.key'))).toBe(false);
    expect(() => loadSecretKey(temp.dir, 'xyz')).toThrow('64 hexadecimal characters');
  });
});
