// Versioned schema steps. Never edit a released step: add a new one. PRAGMA user_version holds
// the version a database has reached.
import type { Database } from 'better-sqlite3';
import { intoShows } from './migrate-into-shows.js';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, secrets and the audit log',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE secrets (
          key TEXT PRIMARY KEY,
          ciphertext BLOB NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE actions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          target TEXT,
          detail TEXT
        );
        CREATE INDEX actions_at ON actions(at);
      `);
    },
  },
  {
    version: 2,
    name: 'comments and their moderation',
    up: (db) => {
      db.exec(`
        CREATE TABLE comments (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          platform TEXT NOT NULL,
          platform_id TEXT NOT NULL,
          author_name TEXT NOT NULL,
          author_handle TEXT,
          author_avatar TEXT,
          author_profile TEXT,
          text TEXT NOT NULL,
          created_at TEXT NOT NULL,
          received_at TEXT NOT NULL,
          url TEXT,
          question INTEGER NOT NULL,
          link INTEGER NOT NULL,
          superchat TEXT,
          status TEXT NOT NULL CHECK (status IN
            ('incoming', 'approved', 'on_air', 'done', 'rejected', 'filtered')),
          pinned INTEGER NOT NULL DEFAULT 0,
          position INTEGER,
          group_id TEXT,
          moderated_by TEXT,
          moderated_at TEXT,
          filter_reason TEXT,
          -- The same post never enters twice, however often a platform delivers it.
          UNIQUE (platform, platform_id)
        );
        CREATE INDEX comments_status ON comments(status);
      `);
    },
  },
  {
    version: 3,
    name: 'segment starts, for chapters and the after-show report',
    up: (db) => {
      db.exec(`
        CREATE TABLE segment_starts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          segment_id TEXT NOT NULL,
          title TEXT NOT NULL,
          started_at TEXT NOT NULL,
          offset_sec INTEGER
        );
      `);
    },
  },
  {
    version: 4,
    name: 'audience upvotes',
    up: (db) => {
      db.exec(`
        CREATE TABLE votes (
          comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
          voter TEXT NOT NULL,
          at TEXT NOT NULL,
          PRIMARY KEY (comment_id, voter)
        );
      `);
    },
  },
  {
    version: 5,
    name: 'people and their hashed tokens',
    up: (db) => {
      db.exec(`
        CREATE TABLE people (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          role TEXT NOT NULL,
          token_hash TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          revoked_at TEXT,
          last_seen_at TEXT
        );
      `);
    },
  },
  {
    version: 6,
    name: 'shows: everything belongs to one, existing data becomes one past show',
    up: intoShows,
  },
  {
    version: 7,
    name: 'hosts each stored secret may be sent to',
    up: (db) => {
      // NULL: saved before secrets were bound; bound to the configured host on first use.
      db.exec('ALTER TABLE secrets ADD COLUMN hosts TEXT');
    },
  },
  {
    version: 8,
    name: 'the comment sources and destinations each show uses',
    up: (db) => {
      // JSON lists of ids; NULL (every show so far): every source and destination turned on.
      db.exec(`
        ALTER TABLE shows ADD COLUMN sources TEXT;
        ALTER TABLE shows ADD COLUMN destinations TEXT;
      `);
    },
  },
  {
    version: 9,
    name: 'personal links of guests in the remote-guest room',
    up: (db) => {
      // One live invite per guest of the show's list; the token itself is the person's (people).
      db.exec(`
        CREATE TABLE guest_invites (
          guest_id TEXT PRIMARY KEY,
          person_id TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 10,
    name: 'author handles without a leading @',
    up: (db) => {
      // The Mastodon and Bluesky sources stored "@alice@host"; cards and the lower third add the
      // "@" themselves (as for X and Twitch) and showed "@@alice@host".
      db.exec(`
        UPDATE comments SET author_handle = substr(author_handle, 2)
        WHERE author_handle LIKE '@%' AND length(author_handle) > 1;
      `);
    },
  },
];
