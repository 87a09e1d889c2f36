// The normalized comment every source produces and every screen shows, whatever platform it
// came from. Its identity is (platform, platformId): the same post never enters twice.
// (No zod here, so the UI can import it without the validator; schemas: comment-schema.ts.)

export const PLATFORMS = ['x', 'youtube', 'audience', 'facebook', 'twitch', 'test'] as const;
export type Platform = (typeof PLATFORMS)[number];

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
}
