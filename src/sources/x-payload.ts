// Reads X API v2 post payloads (stream lines and search pages) into comments. Only id and text
// are certain: author, creation time and user names are optional fields, and one unreadable item
// is counted and skipped without losing the others on its page.
import { z } from 'zod';
import type { IncomingComment } from '../shared/comment-schema.js';
import { describeZodError } from '../shared/validation.js';

/** The fields we ask for; X returns only id, text and edit history unless asked. */
export const TWEET_FIELDS = ['created_at', 'author_id', 'note_tweet'] as const;
export const USER_FIELDS = ['name', 'username', 'profile_image_url'] as const;
export const EXPANSIONS = ['author_id'] as const;

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  profile_image_url: z.string().optional(),
});
const tweetSchema = z.object({
  id: z.string().regex(/^\d{1,25}$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  // Posts over 280 characters: `text` is cut, the whole post is here.
  note_tweet: z.object({ text: z.string() }).optional(),
});
const envelopeSchema = z.object({
  includes: z.object({ users: z.array(z.unknown()).optional() }).optional(),
});
const streamLineSchema = envelopeSchema.extend({
  data: z.unknown(),
  matching_rules: z.array(z.object({ id: z.string(), tag: z.string().optional() })).optional(),
});
const searchPageSchema = envelopeSchema.extend({ data: z.array(z.unknown()).optional() });

export type Tweet = z.infer<typeof tweetSchema>;
export type XUser = z.infer<typeof userSchema>;

/** Posts and their authors as read, with a reason for every item that could not be. */
export interface ReadItems {
  tweets: Tweet[];
  users: XUser[];
  problems: string[];
}

/** X escapes exactly these three in post text; one pass, so "&amp;lt;" stays "&lt;". */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
  return text.replace(/&(amp|lt|gt);/g, (_all, name: string) => named[name] ?? '');
}

function readEach<T>(
  schema: z.ZodType<T>,
  items: readonly unknown[],
  what: string,
  problems: string[],
): T[] {
  const read: T[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) read.push(parsed.data);
    else problems.push(`An X ${what} could not be read: ${describeZodError(parsed.error)}`);
  }
  return read;
}

function readItems(posts: readonly unknown[], envelope: z.infer<typeof envelopeSchema>): ReadItems {
  const problems: string[] = [];
  const tweets = readEach(tweetSchema, posts, 'post', problems);
  const users = readEach(userSchema, envelope.includes?.users ?? [], 'user', problems);
  return { tweets, users, problems };
}

/** One line of the filtered stream; `null` tags mean the line matched none of the app's rules. */
export function readStreamLine(
  json: unknown,
): (ReadItems & { ruleTags: (string | null)[] | null }) | { error: string } {
  const parsed = streamLineSchema.safeParse(json);
  if (!parsed.success || parsed.data.data === undefined) {
    return {
      error: `An X stream line was not a post: ${parsed.success ? 'no data' : describeZodError(parsed.error)}`,
    };
  }
  return {
    ...readItems([parsed.data.data], parsed.data),
    ruleTags: parsed.data.matching_rules?.map((r) => r.tag ?? null) ?? null,
  };
}

/** One page of recent search. */
export function readSearchPage(json: unknown): ReadItems | { error: string } {
  const parsed = searchPageSchema.safeParse(json);
  if (!parsed.success)
    return { error: `An X search page could not be read: ${describeZodError(parsed.error)}` };
  return readItems(parsed.data.data ?? [], parsed.data);
}

/** ISO 8601 as X documents it; the reference example's "Wed Jan 06 18:40:40 +0000 2021" too. */
function isoTime(value: string | undefined): string | null {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function toComment(
  tweet: Tweet,
  users: readonly XUser[],
  now: Date = new Date(),
): IncomingComment {
  const user = tweet.author_id ? users.find((u) => u.id === tweet.author_id) : undefined;
  const fallbackName = tweet.author_id ? `X user ${tweet.author_id}` : 'X user';
  return {
    platform: 'x',
    platformId: tweet.id,
    author: {
      name: user?.name?.trim() || user?.username || fallbackName,
      handle: user?.username ?? null,
      avatarUrl: user?.profile_image_url?.replace('_normal.', '_bigger.') ?? null,
      profileUrl: user ? `https://x.com/${user.username}` : null,
    },
    text: decodeEntities(tweet.note_tweet?.text ?? tweet.text),
    createdAt: isoTime(tweet.created_at) ?? now.toISOString(),
    url: user
      ? `https://x.com/${user.username}/status/${tweet.id}`
      : `https://x.com/i/status/${tweet.id}`,
  };
}

/** X post ids are snowflakes: the creation time in ms since X's epoch, shifted left 22 bits. */
export function snowflakeTime(id: string): Date {
  return new Date(Number(BigInt(id) >> 22n) + 1_288_834_974_657);
}
