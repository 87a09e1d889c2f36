// The show as a unit of work: its plan (title, hashtags, planned start), its state (planned →
// live → ended) and what clients see of the archive. One zod schema per shape.
import { z } from 'zod';

export const SHOW_STATES = ['planned', 'live', 'ended'] as const;
export type ShowLifecycle = (typeof SHOW_STATES)[number];

const hashtag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag like #NextTalk');
const isoTime = z.iso.datetime({ offset: true });
/** Ids of the comment sources (the source registry's) or relay destinations a show uses. */
const chosenIds = z
  .array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/))
  .max(50)
  .transform((ids) => [...new Set(ids)])
  .nullable();

export const showInfoSchema = z.object({
  id: z.number().int().min(1),
  /** Empty until the producer names the show; each client words "Untitled show". */
  title: z.string().trim().max(120),
  hashtags: z.array(hashtag).max(10),
  /** When the show is planned to start (ISO time), null when not set. */
  plannedStart: isoTime.nullable(),
  /** Minutes before the planned start from which sources fetch comments for this show. */
  preShowMin: z.number().int().min(0).max(1440),
  /** The comment sources this show reads; null: every one that is turned on. */
  sources: chosenIds,
  /** The relay destinations this show is pushed to; null: every one that is turned on. */
  destinations: chosenIds,
  state: z.enum(SHOW_STATES),
  createdAt: isoTime,
  liveAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
});
export type ShowInfo = z.output<typeof showInfoSchema>;

/**
 * From when platform sources take posts for a show (ms since epoch): its planned start (its
 * creation while none is set, or its going live if earlier) minus the pre-show window.
 */
export function showWindowStart(
  show: Pick<ShowInfo, 'plannedStart' | 'createdAt' | 'liveAt' | 'preShowMin'>,
): number {
  const planned = Date.parse(show.plannedStart ?? show.createdAt);
  const live = show.liveAt === null ? Infinity : Date.parse(show.liveAt);
  return Math.min(planned, live) - show.preShowMin * 60_000;
}

/** What the producer may change of the current show before it ends. */
export const showPlanSchema = z.strictObject({
  title: z.string().trim().min(1).max(120).optional(),
  hashtags: showInfoSchema.shape.hashtags.optional(),
  plannedStart: showInfoSchema.shape.plannedStart.optional(),
  preShowMin: showInfoSchema.shape.preShowMin.optional(),
  sources: showInfoSchema.shape.sources.optional(),
  destinations: showInfoSchema.shape.destinations.optional(),
});

/** Whether a show uses the source or destination `id` (a null choice uses every one). */
export function chosen(list: readonly string[] | null, id: string): boolean {
  return list === null || list.includes(id);
}

/** A past show in the archive list. */
export interface ArchivedShow {
  id: number;
  title: string;
  state: ShowLifecycle;
  plannedStart: string | null;
  liveAt: string | null;
  endedAt: string | null;
  comments: number;
  aired: number;
}
