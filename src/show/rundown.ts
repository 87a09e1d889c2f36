// The show's rundown: planned segments (Intro, Keynote, Panel, Q&A, Outro), which one runs, how
// long it has run, and when each started relative to the stream (later: chapters). Pure.

import type { Segment, SegmentStart } from '../shared/state.js';

export type { Segment, SegmentStart };
export {
  formatOffset,
  segmentTiming,
  type SegmentTiming,
  type TimingPhase,
} from '../shared/segment-timing.js';

export interface RundownPosition {
  /** Index of the running segment; -1 before the first one starts. */
  index: number;
  startedAt: string | null;
}

export interface Advance {
  position: RundownPosition;
  start: SegmentStart;
  segment: Segment;
}

/**
 * Moves to the next segment (or `to`, when given). Returns null at the end of the rundown.
 * `streamStartedAt` turns the start into an offset into the stream for chapters.
 */
export function advance(
  segments: readonly Segment[],
  position: RundownPosition,
  now: Date,
  streamStartedAt: string | null,
  to: number = position.index + 1,
): Advance | null {
  const segment = segments[to];
  if (!segment || to < 0) return null;
  const startedAt = now.toISOString();
  const offsetSec =
    streamStartedAt === null
      ? null
      : Math.max(0, Math.round((now.getTime() - Date.parse(streamStartedAt)) / 1000));
  return {
    position: { index: to, startedAt },
    start: { segmentId: segment.id, title: segment.title, startedAt, offsetSec },
    segment,
  };
}

/** Keeps a position valid after the plan changed under it. */
export function clampPosition(position: RundownPosition, count: number): RundownPosition {
  if (position.index < count) return position;
  return count === 0
    ? { index: -1, startedAt: null }
    : { index: count - 1, startedAt: position.startedAt };
}
