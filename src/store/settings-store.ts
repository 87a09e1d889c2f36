// Settings as validated JSON rows. A stored value that no longer passes its schema is kept in
// the table untouched (nothing lost), reported, and the default is used instead.
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  blocklistSchema,
  destinationConfigSchema,
  guestSchema,
  segmentSchema,
  xSettingsSchema,
  youtubeSettingsSchema,
} from '../shared/shapes.js';
import { lowerThirdSetupSchema } from '../shared/on-screen.js';
import { CONNECT_PLATFORMS } from '../shared/connect.js';
import { STAGE_LAYOUTS, iceConfigSchema } from '../shared/guest-room.js';

export const settingDefinitions = {
  // No title yet is null, not an English placeholder: each client words "Untitled show" itself.
  'show.title': { schema: z.string().trim().min(1).max(120).nullable(), fallback: null },
  'queue.blocklist': { schema: blocklistSchema, fallback: { words: [], authors: [] } },
  'obs.url': {
    schema: z
      .string()
      .regex(/^wss?:\/\//i)
      .nullable(),
    fallback: null,
  },
  // Replaces 'obs.lowerThird' (one scene, a bare text source): that set-up is run again.
  'obs.lowerThirdSetup': { schema: lowerThirdSetupSchema.nullable(), fallback: null },
  'show.rundown': { schema: z.array(segmentSchema), fallback: [] },
  'show.rundownPosition': {
    schema: z.object({ index: z.number().int().min(-1), startedAt: z.string().nullable() }),
    fallback: { index: -1, startedAt: null },
  },
  'show.guests': { schema: z.array(guestSchema), fallback: [] },
  /** Guests on stage, in order, so a core restart during the show puts them back there. */
  'guests.onStage': { schema: z.array(z.string().min(1).max(40)).max(50), fallback: [] },
  /** How the /stage page lays out the guests on stage, chosen by the producer. */
  'guests.layout': { schema: z.enum(STAGE_LAYOUTS), fallback: 'grid' },
  /** STUN and TURN servers for the remote-guest room (the TURN secret is with the secrets). */
  'guests.ice': {
    schema: iceConfigSchema.omit({ turnSecret: true }),
    fallback: { stun: [], turn: [], turnTtlMin: 240 },
  },
  /** After how many days viewers' names leave ended shows; null keeps them. */
  'privacy.retentionDays': {
    schema: z.number().int().min(1).max(3650).nullable(),
    fallback: null,
  },
  /** What "New show from template" starts with; null until a producer saves one. */
  'show.template': {
    schema: z
      .object({
        title: z.string().trim().max(120),
        hashtags: z.array(z.string()).max(10),
        preShowMin: z.number().int().min(0).max(1440),
        // Templates saved before shows chose sources and destinations use every one.
        sources: z.array(z.string()).nullable().default(null),
        destinations: z.array(z.string()).nullable().default(null),
        rundown: z.array(segmentSchema),
        guests: z.array(guestSchema),
      })
      .nullable(),
    fallback: null,
  },
  'sources.x': {
    schema: xSettingsSchema,
    fallback: { enabled: false, hashtags: [], mode: 'auto', apiBaseUrl: null },
  },
  'sources.youtube': {
    schema: youtubeSettingsSchema,
    fallback: { enabled: false, video: '', rootUrl: null, grpcUrl: null, showMinutes: 180 },
  },
  'sources.audience': { schema: z.object({ enabled: z.boolean() }), fallback: { enabled: true } },
  'relay.port': { schema: z.number().int().min(1).max(65535).nullable(), fallback: null },
  'relay.destinations': {
    schema: z.array(destinationConfigSchema),
    fallback: [],
  },
  /** Settings of sources added through the registry, by source id; each source checks its own. */
  'sources.registered': {
    schema: z.record(z.string(), z.record(z.string(), z.unknown())),
    fallback: {},
  },
  /** YouTube quota units Panelcast spent on a Pacific-time day, so a restart keeps counting. */
  'sources.youtube.quota': {
    schema: z.object({ day: z.string(), used: z.number().int().min(0) }).nullable(),
    fallback: null,
  },
  /** Where reading a Facebook live video's comments got to (its `after` cursor), per video. */
  'sources.facebook.after': {
    schema: z.object({ video: z.string().max(40), after: z.string().max(2000) }).nullable(),
    fallback: null,
  },
  /** LinkedIn API calls Panelcast made on a UTC day, so a restart keeps counting. */
  'sources.linkedin.calls': {
    schema: z.object({ day: z.string().max(10), used: z.number().int().min(0) }).nullable(),
    fallback: null,
  },
  /** Connected accounts a platform refused to renew: their status says "connect again". */
  'connect.revoked': { schema: z.array(z.enum(CONNECT_PLATFORMS)), fallback: [] },
  /** The newest Mastodon status id taken in for a hashtag, to fill the gap after a restart. */
  'sources.mastodon.sinceId': {
    schema: z
      .object({ tag: z.string().max(100), sinceId: z.string().regex(/^\d{1,30}$/) })
      .nullable(),
    fallback: null,
  },
  /** The time Bluesky search for a hashtag read up to, to fill the gap after a restart. */
  'sources.bluesky.since': {
    schema: z.object({ tag: z.string().max(100), since: z.string().max(40) }).nullable(),
    fallback: null,
  },
  /** The newest X post taken in, to fill the gap after a restart. */
  'sources.x.lastSeenId': { schema: z.string().regex(/^\d+$/).nullable(), fallback: null },
} satisfies Record<string, { schema: z.ZodType; fallback: unknown }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;

export interface SettingsStoreOptions {
  /** Called when a stored value fails its schema; the fallback is used instead. */
  onInvalid: (key: string, problem: string) => void;
}

export class SettingsStore {
  readonly #db: Database;
  readonly #onInvalid: (key: string, problem: string) => void;

  constructor(db: Database, options: SettingsStoreOptions) {
    this.#db = db;
    this.#onInvalid = options.onInvalid;
  }

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const definition = settingDefinitions[key];
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    if (!row) return definition.fallback as SettingValue<K>;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      this.#onInvalid(key, 'stored value is not valid JSON');
      return definition.fallback as SettingValue<K>;
    }
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) {
      this.#onInvalid(key, z.prettifyError(parsed.error));
      return definition.fallback as SettingValue<K>;
    }
    return parsed.data as SettingValue<K>;
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    const valid = settingDefinitions[key].schema.parse(value) as unknown;
    this.#db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(valid), new Date().toISOString());
  }
}
