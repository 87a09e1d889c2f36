// Whether a picture is really moving: from the count of frames a <video> has shown, sampled every
// little while. No frame yet is "waiting"; frames that stop coming for STALL_MS are "stalled", so
// the page covers the frozen frame with a word instead of showing it as if it were live.
export type PictureFlow = 'waiting' | 'live' | 'stalled';

/** A thumbnail sends about ten frames a second: two seconds without one is a stall. */
export const STALL_MS = 2000;

export interface FrameWatch {
  frames: number;
  /** When the count last grew; null before the first frame. */
  grewAt: number | null;
}

export const FRESH_WATCH: FrameWatch = { frames: 0, grewAt: null };

/** The next sample: `frames` shown so far (a new stream may start again from zero). */
export function watchFrames(
  watch: FrameWatch,
  frames: number,
  now: number,
): { watch: FrameWatch; flow: PictureFlow } {
  if (frames < watch.frames) return watchFrames(FRESH_WATCH, frames, now);
  const grewAt = frames > watch.frames ? now : watch.grewAt;
  const next = { frames, grewAt };
  if (grewAt === null) return { watch: next, flow: 'waiting' };
  return { watch: next, flow: now - grewAt > STALL_MS ? 'stalled' : 'live' };
}
