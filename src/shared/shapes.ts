// One zod schema per shape the core stores, sends and accepts: settings, rundown segments,
// guests, sources' settings, destinations. Types are inferred from these; intents, settings,
// state and presets reuse them instead of declaring the shape again.
import { z } from 'zod';

export const blocklistSchema = z.strictObject({
  words: z.array(z.string().trim().min(1).max(100)).max(1000),
  authors: z.array(z.string().trim().min(1).max(100)).max(1000),
});
export type BlocklistRules = z.output<typeof blocklistSchema>;

export const segmentSchema = z.strictObject({
  id: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(80),
  /** OBS scene to switch to when the segment starts; null keeps the current scene. */
  scene: z.string().min(1).max(300).nullable(),
  /** Planned length in seconds (up to 24 h). */
  plannedSec: z.number().int().min(1).max(86_400),
  notes: z.string().max(2000),
});
export type Segment = z.output<typeof segmentSchema>;
/** A segment as a client sends it: the core fills in a new id, no scene and no notes. */
export const segmentInputSchema = segmentSchema.extend({
  id: segmentSchema.shape.id.optional(),
  scene: segmentSchema.shape.scene.optional(),
  notes: segmentSchema.shape.notes.optional(),
});

export const guestSchema = z.strictObject({
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(80),
  /** Role or affiliation, e.g. "Keynote · ACME Labs". */
  role: z.string().trim().max(120),
  handle: z.string().trim().max(60).nullable(),
});
export type Guest = z.output<typeof guestSchema>;
export const guestInputSchema = guestSchema.extend({
  id: guestSchema.shape.id.optional(),
  handle: guestSchema.shape.handle.optional(),
});

export const X_MODES = ['auto', 'stream', 'poll'] as const;
export const xSettingsSchema = z.object({
  enabled: z.boolean(),
  hashtags: z.array(z.string()),
  mode: z.enum(X_MODES),
  apiBaseUrl: z.string().nullable(),
});
export type XSettings = z.output<typeof xSettingsSchema>;

export const youtubeSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Video URL or id of the live stream. */
  video: z.string(),
  rootUrl: z.string().nullable(),
  /** Test hook: where liveChatMessages.streamList is called instead of Google's gRPC host. */
  grpcUrl: z.string().nullable().default(null),
  /** How long the show is planned to run: the daily quota is spread over it. */
  showMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60)
    .default(180),
});
export type YouTubeSettings = z.output<typeof youtubeSettingsSchema>;

export const DESTINATION_PLATFORMS = [
  'youtube',
  'facebook',
  'twitch',
  'x',
  'linkedin',
  'custom',
] as const;
export const destinationPlatformSchema = z.enum(DESTINATION_PLATFORMS);
export type DestinationPlatform = z.output<typeof destinationPlatformSchema>;

export const destinationConfigSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().trim().min(1).max(60),
  platform: destinationPlatformSchema,
  /** The server URL without the stream key. */
  serverUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^rtmps?:\/\/[^\s/]+/i, 'must be an rtmp:// or rtmps:// server URL'),
  enabled: z.boolean(),
});
export type DestinationConfig = z.output<typeof destinationConfigSchema>;
