// The check every comment passes before it is stored: what a source hands to the core.
import { z } from 'zod';
import { MAX_COMMENT_TEXT, PLATFORMS, type CommentAuthor } from './comment.js';

const webUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const commentAuthorSchema = z.object({
  name: z.string().trim().min(1).max(100),
  handle: z.string().trim().max(100).nullable(),
  avatarUrl: webUrl.nullable(),
  profileUrl: webUrl.nullable(),
}) satisfies z.ZodType<CommentAuthor>;

export const incomingCommentSchema = z.object({
  platform: z.enum(PLATFORMS),
  platformId: z.string().trim().min(1).max(200),
  author: commentAuthorSchema,
  text: z.string().trim().min(1).max(MAX_COMMENT_TEXT),
  createdAt: z.iso.datetime({ offset: true }),
  url: webUrl.nullable(),
  superchat: z
    .object({ amount: z.string().max(40) })
    .nullable()
    .default(null),
});
export type IncomingComment = z.input<typeof incomingCommentSchema>;
export type ValidIncomingComment = z.output<typeof incomingCommentSchema>;
