// How far the running segment is, and whether to warn: shared by the core and the screens.

export type TimingPhase = 'ok' | 'wrap_up' | 'over';

export interface SegmentTiming {
  elapsedSec: number;
  /** Negative once over time. */
  remainingSec: number;
  phase: TimingPhase;
}

/** The running segment's timing. Amber ("wrap up") in its last minute, or last quarter when it
 * is shorter than four minutes; red ("over") once past its planned length. */
export function segmentTiming(plannedSec: number, startedAt: string, nowMs: number): SegmentTiming {
  const elapsedSec = Math.max(0, Math.floor((nowMs - Date.parse(startedAt)) / 1000));
  const remainingSec = plannedSec - elapsedSec;
  const warnAt = plannedSec < 240 ? Math.ceil(plannedSec / 4) : 60;
  const phase: TimingPhase = remainingSec < 0 ? 'over' : remainingSec <= warnAt ? 'wrap_up' : 'ok';
  return { elapsedSec, remainingSec, phase };
}

/** "00:12:05": running times on screen, and YouTube chapter stamps from segment offsets. */
export function formatOffset(totalSec: number): string {
  const s = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(sec)}`;
}
