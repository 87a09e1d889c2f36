// The normalized comment every source produces and every screen shows, whatever platform it
// came from. Its identity is (platform, platformId): the same post never enters twice.
// (No zod here, so the UI can import it without the validator; schemas: comment-schema.ts.)

export const PLATFORMS = [
  'x',
  'youtube',
  'audience',
  'facebook',
  'linkedin',
  'twitch',
  'mastodon',
  'bluesky',
  // Typed in by a moderator: a phone call, the room, a platform Panelcast cannot read.
  'elsewhere',
  'test',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Where a moderator may say a question typed in by hand was seen, in the order offered. */
export const BY_HAND_PLATFORMS = [
  'elsewhere',
  'youtube',
  'x',
  'facebook',
  'linkedin',
  'twitch',
  'mastodon',
  'bluesky',
] as const satisfies readonly Platform[];

export const COMMENT_STATUSES = [
  'incoming',
  'approved',
  'on_air',
  'done',
  'rejected',
  'filtered',
] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const MAX_COMMENT_TEXT = 5000;

export interface CommentAuthor {
  name: string;
  handle: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
}

export interface CommentFlags {
  question: boolean;
  link: boolean;
  superchat: { amount: string } | null;
}

export interface Comment {
  id: string;
  platform: Platform;
  platformId: string;
  author: CommentAuthor;
  text: string;
  createdAt: string;
  receivedAt: string;
  url: string | null;
  flags: CommentFlags;
  status: CommentStatus;
  /** Pinned to the top of the approved queue. */
  pinned: boolean;
  /** Id of the card's first comment when grouped with near-duplicates, else null. */
  groupId: string | null;
  /** The moderator who last changed its status, and when. */
  moderatedBy: string | null;
  moderatedAt: string | null;
  /** Why the blocklist set it aside, when status is "filtered". */
  filterReason: string | null;
  /** Upvotes from the audience page. */
  votes: number;
}

/** What the overlay and the producer see of the comment on air. */
export interface OnAirComment {
  id: string;
  platform: Platform;
  author: CommentAuthor;
  text: string;
  url: string | null;
  /** How many people asked this (1, or the size of its group). */
  askers: number;
  since: string;
}
