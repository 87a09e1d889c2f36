// What the core accepts from control clients (socket events and REST bodies alike): one zod
// schema per intent. The core checks every payload against these before acting.
import { z } from 'zod';
import { MAX_COMMENT_TEXT } from './comment.js';
import { incomingCommentSchema } from './comment-schema.js';
import { BY_HAND_PLATFORMS, COMMENT_STATUSES, PLATFORMS } from './comment.js';
import {
  X_MODES,
  blocklistSchema,
  destinationConfigSchema,
  guestInputSchema,
  segmentInputSchema,
} from './shapes.js';
import { ROOM_CUES, STAGE_LAYOUTS, iceConfigSchema, roomTalkSchema } from './guest-room.js';
import { REPORT_FORMATS } from './report.js';
import { showInfoSchema, showPlanSchema } from './show.js';
import { CONNECT_PLATFORMS, connectStartSchema, pastedTokenSchema } from './connect.js';

export const controlAuthSchema = z.object({
  /** Absent when the browser holds a session cookie from a personal link instead. */
  token: z.string().min(1).max(200).optional(),
  /** Shown next to this client's actions ("rejected by Anna"). */
  name: z.string().trim().min(1).max(40).optional(),
});

const commentId = z.strictObject({ id: z.string().min(1).max(64) });

const nothing = z.strictObject({});

export const controlIntentSchemas = {
  'state:get': nothing,
  'show:setTitle': z.strictObject({ title: z.string().trim().min(1).max(120) }),
  /** Changes the current show's plan (title, hashtags, planned start, pre-show window). */
  'show:plan': showPlanSchema,
  /** Makes the planned show live; starting the stream alone never does (it may be a rehearsal). */
  'show:goLive': nothing,
  /** Ends the current show; `confirm` says a person confirmed it. */
  'show:end': z.strictObject({ confirm: z.literal(true) }),
  /** After the current show ended: a new planned one, from the template or the last show's plan. */
  'show:new': z.strictObject({
    from: z.enum(['last', 'template']),
    title: z.string().trim().min(1).max(120).optional(),
    plannedStart: showInfoSchema.shape.plannedStart.optional(),
  }),
  /** Saves the current show's plan (title, hashtags, rundown, guests) as the template. */
  'show:saveTemplate': nothing,
  /** Moves approved, never aired questions of ended shows into the current show's queue. */
  'show:carryOver': z.strictObject({
    ids: z.array(z.string().min(1).max(64)).min(1).max(200),
  }),
  /** After how many days viewers' names, handles and avatars leave ended shows (null: never). */
  'privacy:setRetention': z.strictObject({
    days: z.number().int().min(1).max(3650).nullable(),
  }),
  /** Deletes one person's comments in every show, found by their handle or shown name. */
  'privacy:forget': z.strictObject({
    platform: z.enum(PLATFORMS),
    by: z.enum(['handle', 'name']),
    author: z.string().trim().min(1).max(200),
  }),
  /** Ended shows, newest first (the archive), paged. */
  'shows:list': z.strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  }),
  /** One show read-only: its questions of one status (paged), what aired when, who acted. */
  'shows:get': z.strictObject({
    id: z.coerce.number().int().min(1),
    status: z.enum(COMMENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  }),
  /** The after-show report of an ended show (chapters, counts, follow-up list, chart data). */
  'shows:report': z.strictObject({
    id: z.coerce.number().int().min(1),
    /** json: the report itself; md, csv (and json) also come back as a file to save. */
    format: z.enum(REPORT_FORMATS).optional(),
  }),
  /** Start receiving every comment (snapshot, then changes); for moderator screens. */
  'comments:subscribe': nothing,
  'comments:unsubscribe': nothing,
  /** Add a comment by hand or from a script (REST: POST /api/comments). */
  'comments:add': incomingCommentSchema,
  /** A question a moderator saw elsewhere and types in, tagged with where it came from. */
  'queue:addByHand': z.strictObject({
    platform: z.enum(BY_HAND_PLATFORMS),
    text: z.string().trim().min(1).max(MAX_COMMENT_TEXT),
    name: z.string().trim().max(100).default(''),
  }),
  'queue:approve': commentId,
  'queue:reject': commentId,
  'queue:restore': commentId,
  'queue:pin': commentId,
  'queue:unpin': commentId,
  'queue:air': commentId,
  'queue:done': commentId,
  'queue:ungroup': commentId,
  'queue:move': z.strictObject({
    id: z.string().min(1).max(64),
    toIndex: z.number().int().min(0).max(1_000_000),
  }),
  'queue:next': nothing,
  'queue:clearAir': nothing,
  'queue:undo': nothing,
  'queue:setBlocklist': blocklistSchema,
  /** Where OBS's WebSocket server is; the password is kept encrypted, omit it to keep it. */
  'obs:configure': z.strictObject({
    url: z
      .string()
      .trim()
      .max(300)
      .regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// address, e.g. ws://127.0.0.1:4455'),
    password: z.string().max(200).optional(),
  }),
  'obs:disconnect': nothing,
  /** Cuts to a scene, or (in studio mode, by default) sets it as preview. */
  'obs:switchScene': z.strictObject({
    scene: z.string().min(1).max(300),
    to: z.enum(['program', 'preview']).optional(),
  }),
  'obs:transition': nothing,
  /** Program / preview thumbnails and audio meters; asking keeps them coming for 2 s. */
  'obs:monitor': nothing,
  'obs:setStudioMode': z.strictObject({ enabled: z.boolean() }),
  'obs:stream': z.strictObject({ action: z.enum(['start', 'stop']) }),
  'obs:record': z.strictObject({ action: z.enum(['start', 'stop']) }),
  /**
   * Adds the lower third to scenes (default: every scene the rundown uses). Only adds: scenes set
   * up before keep it. `scene` is the one-scene form of earlier versions.
   */
  'obs:setupLowerThird': z.strictObject({
    scenes: z.array(z.string().min(1).max(300)).min(1).max(100).optional(),
    scene: z.string().min(1).max(300).optional(),
    mode: z.enum(['native', 'browser', 'auto']).optional(),
    accent: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #e5484d')
      .optional(),
  }),
  'rundown:set': z.strictObject({ segments: z.array(segmentInputSchema).max(100) }),
  'rundown:next': nothing,
  'rundown:goto': z.strictObject({ index: z.number().int().min(0).max(99) }),
  'rundown:reset': nothing,
  'guests:set': z.strictObject({ guests: z.array(guestInputSchema).max(50) }),
  'lowerThird:show': z.strictObject({
    guestId: z.string().min(1).max(40),
    seconds: z.number().min(2).max(120).optional(),
  }),
  'lowerThird:hide': nothing,
  /** X hashtags; the bearer token is stored encrypted, omit it to keep the saved one. */
  'sources:configureX': z.strictObject({
    enabled: z.boolean(),
    hashtags: z
      .array(
        z
          .string()
          .trim()
          .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag like #NextTalk'),
      )
      .min(1)
      .max(10),
    mode: z.enum(X_MODES).default('auto'),
    bearerToken: z.string().trim().min(1).max(500).optional(),
    apiBaseUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
  }),
  /** YouTube live chat of a video (URL or id); the API key is stored encrypted. */
  'sources:configureYouTube': z.strictObject({
    enabled: z.boolean(),
    video: z.string().trim().min(1).max(300),
    apiKey: z.string().trim().min(1).max(200).optional(),
    rootUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    /** Test hook (PANELCAST_TEST_HOOKS=1): a local liveChatMessages.streamList server. */
    grpcUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    showMinutes: z
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .default(180),
  }),
  'sources:configureAudience': z.strictObject({ enabled: z.boolean() }),
  /** Settings for any registered source; the source's own schema checks them. */
  'sources:configure': z.strictObject({
    source: z.string().regex(/^[a-z0-9-]{1,40}$/),
    settings: z.record(z.string(), z.unknown()),
    /** The source's token, stored encrypted; omit it to keep the saved one. */
    secret: z.string().trim().min(1).max(4000).optional(),
  }),
  /** Adds or changes a stream destination; the stream key is stored encrypted, omit it to keep it. */
  'relay:setDestination': destinationConfigSchema.strict().extend({
    /** Required for x, linkedin and custom; the preset is used for the others when omitted. */
    serverUrl: destinationConfigSchema.shape.serverUrl.optional(),
    streamKey: z.string().trim().min(1).max(500).optional(),
  }),
  'relay:removeDestination': z.strictObject({ id: z.string().min(1).max(40) }),
  /** Points OBS's stream settings at Panelcast's local ingest. */
  'relay:configureObs': nothing,
  /** Reveals the ingest address and its secret key, for streaming software other than OBS. */
  'relay:publishTarget': nothing,
  /** People with their own link and role (producer only). */
  'people:list': nothing,
  'people:add': z.strictObject({
    name: z.string().trim().min(1).max(60),
    role: z.enum(['producer', 'moderator', 'guest']),
  }),
  /** Cuts the person off at once: their link stops working, their open screens close. */
  'people:revoke': z.strictObject({ id: z.string().min(1).max(40) }),
  /** A guest's personal link to the room (a new one each time: the old one stops working). */
  'guests:invite': z.strictObject({ guestId: z.string().min(1).max(40) }),
  /** Takes a guest out of the room: their link stops working, their page closes. */
  'guests:remove': z.strictObject({ guestId: z.string().min(1).max(40) }),
  /** Brings a guest in the green room on stage, or takes them off. */
  'guests:stage': z.strictObject({ guestId: z.string().min(1).max(40), on: z.boolean() }),
  /** How the /stage page lays out the guests on stage (it re-lays out live). */
  'guests:layout': z.strictObject({ layout: z.enum(STAGE_LAYOUTS) }),
  /** A cue on one guest's page (or the host's): wrap up, or please unmute. */
  'guests:cue': z.strictObject({ guestId: z.string().min(1).max(40), cue: z.enum(ROOM_CUES) }),
  /** A line of text talkback to a guest in the room. */
  'guests:talk': roomTalkSchema.extend({ guestId: z.string().min(1).max(40) }),
  /** Puts the /stage page into an OBS scene as a browser source (or says how, where OBS has none). */
  'guests:setupObs': z.strictObject({ scene: z.string().min(1).max(200) }),
  /** STUN and TURN servers the room's browsers use; the TURN secret stays in the core. */
  'guests:configureIce': iceConfigSchema,
  /** Connected platform accounts and their status (producer only). */
  'connect:list': nothing,
  /** Starts connecting an account: in a browser on this computer, or by a device code. */
  'connect:start': connectStartSchema,
  /** One account's status, for polling while a flow waits. */
  'connect:status': z.strictObject({ platform: z.enum(CONNECT_PLATFORMS) }),
  /** The last resort: a token made on the platform's own site. */
  'connect:paste': z.strictObject({
    platform: z.enum(CONNECT_PLATFORMS),
    token: pastedTokenSchema,
    instanceUrl: connectStartSchema.shape.instanceUrl,
  }),
  /** Stops a waiting flow. */
  'connect:cancel': z.strictObject({ platform: z.enum(CONNECT_PLATFORMS) }),
  /** Revokes the account's tokens at the platform and forgets them here. */
  'connect:revoke': z.strictObject({ platform: z.enum(CONNECT_PLATFORMS) }),
} as const satisfies Record<string, z.ZodType>;
