// What the core accepts from control clients (socket events and REST bodies alike): one zod
// schema per intent. The core checks every payload against these before acting.
import { z } from 'zod';
import { incomingCommentSchema } from './comment-schema.js';

export const controlAuthSchema = z.object({
  token: z.string().min(1).max(200),
  /** Shown next to this client's actions ("rejected by Anna"). */
  name: z.string().trim().min(1).max(40).optional(),
});

const commentId = z.strictObject({ id: z.string().min(1).max(64) });
const nothing = z.strictObject({});
const ruleList = z.array(z.string().trim().min(1).max(100)).max(1000);

export const controlIntentSchemas = {
  'state:get': nothing,
  'show:setTitle': z.strictObject({ title: z.string().trim().min(1).max(120) }),
  /** Start receiving every comment (snapshot, then changes); for moderator screens. */
  'comments:subscribe': nothing,
  'comments:unsubscribe': nothing,
  /** Add a comment by hand or from a script (REST: POST /api/comments). */
  'comments:add': incomingCommentSchema,
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
  'queue:setBlocklist': z.strictObject({ words: ruleList, authors: ruleList }),
} as const satisfies Record<string, z.ZodType>;
