import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseTooNewError,
  PAGE_CACHE_KIB,
  latestVersion,
  migrate,
  openDatabase,
} from '../../src/store/database.js';
import { MIGRATIONS, type Migration } from '../../src/store/migrations.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('database and migrations', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'panelcast.db');
  });
  afterEach(() => temp.remove());

  it('creates a new database at the latest version with WAL and foreign keys on', () => {
    const { db, migration } = openDatabase(file);
    expect(migration).toEqual({ from: 0, to: latestVersion(MIGRATIONS), backupFile: null });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'secrets', 'actions']));
    db.close();
  });

  it("keeps SQLite's page cache at its 2 MiB default, not better-sqlite3's 16 MiB", () => {
    // better-sqlite3's own connection, as the start-up check of a large store would fill it.
    const plain = new BetterSqlite3(file);
    expect(plain.pragma('cache_size', { simple: true })).toBe(-16000);
    plain.close();
    const { db } = openDatabase(file);
    expect(PAGE_CACHE_KIB).toBe(2048);
    expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    db.close();
  });

  it('is a no-op when the database is current, and keeps its data', () => {
    const first = openDatabase(file);
    first.db.prepare("INSERT INTO settings VALUES ('k', '1', 'now')").run();
    first.db.close();
    const second = openDatabase(file);
    expect(second.migration.from).toBe(second.migration.to);
    expect(second.db.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({
      value: '1',
    });
    second.db.close();
  });

  it('upgrades step by step and backs the old file up first', () => {
    const v1: Migration[] = [
      { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
    ];
    const first = openDatabase(file, v1);
    first.db.prepare('INSERT INTO a VALUES (42)').run();
    first.db.close();

    const v2: Migration[] = [
      ...v1,
      { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE a ADD COLUMN y TEXT') },
      { version: 3, name: 'three', up: (db) => db.exec("UPDATE a SET y = 'upgraded'") },
    ];
    const { db, migration } = openDatabase(file, v2);
    expect(migration.from).toBe(1);
    expect(migration.to).toBe(3);
    expect(db.prepare('SELECT x, y FROM a').get()).toEqual({ x: 42, y: 'upgraded' });
    expect(migration.backupFile).not.toBeNull();
    const backup = new BetterSqlite3(migration.backupFile ?? '', { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM a').get()).toEqual({ x: 42 });
    backup.close();
    db.close();
  });

  it('rolls a failing step back completely and keeps the version it had', () => {
    const v1: Migration[] = [
      { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x INTEGER)') },
    ];
    openDatabase(file, v1).db.close();
    const broken: Migration[] = [
      ...v1,
      {
        version: 2,
        name: 'broken',
        up: (db) => {
          db.exec('CREATE TABLE b (y INTEGER)');
          throw new Error('step failed');
        },
      },
    ];
    expect(() => openDatabase(file, broken)).toThrow('step failed');
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer version, in plain words, without touching it', () => {
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/written by a newer Panelcast \(schema version 999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('migrate() on an in-memory database needs no backup', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS, ':memory:').backupFile).toBeNull();
    db.close();
  });
});
