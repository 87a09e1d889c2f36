import { describe, expect, it } from 'vitest';
import {
  advance,
  clampPosition,
  formatOffset,
  segmentTiming,
  type Segment,
} from '../../src/show/rundown.js';

const segments: Segment[] = [
  { id: 'intro', title: 'Intro', scene: 'Intro', plannedSec: 120, notes: '' },
  { id: 'keynote', title: 'Keynote', scene: 'Panel', plannedSec: 1200, notes: 'Anna' },
  { id: 'qa', title: 'Q&A', scene: null, plannedSec: 600, notes: '' },
];

describe('rundown', () => {
  it('starts segments in order and records their offset into the stream', () => {
    const streamStart = '2026-11-23T19:00:00.000Z';
    const first = advance(
      segments,
      { index: -1, startedAt: null },
      new Date('2026-11-23T19:00:30Z'),
      streamStart,
    );
    expect(first).toMatchObject({
      position: { index: 0, startedAt: '2026-11-23T19:00:30.000Z' },
      start: { segmentId: 'intro', title: 'Intro', offsetSec: 30 },
    });
    const second = advance(
      segments,
      first?.position ?? { index: 0, startedAt: null },
      new Date('2026-11-23T19:02:45Z'),
      streamStart,
    );
    expect(second?.start).toMatchObject({ segmentId: 'keynote', offsetSec: 165 });
    expect(advance(segments, { index: 2, startedAt: null }, new Date(), streamStart)).toBeNull();
  });

  it('has no stream offset when not live, and can jump to a segment', () => {
    const jump = advance(
      segments,
      { index: -1, startedAt: null },
      new Date('2026-11-23T19:00:00Z'),
      null,
      2,
    );
    expect(jump?.start).toMatchObject({ segmentId: 'qa', offsetSec: null });
    expect(advance(segments, { index: 0, startedAt: null }, new Date(), null, 7)).toBeNull();
  });

  it('turns amber in the last minute and red when over time', () => {
    const start = '2026-11-23T19:00:00.000Z';
    const at = (sec: number): number => Date.parse(start) + sec * 1000;
    expect(segmentTiming(1200, start, at(0))).toEqual({
      elapsedSec: 0,
      remainingSec: 1200,
      phase: 'ok',
    });
    expect(segmentTiming(1200, start, at(1139)).phase).toBe('ok');
    expect(segmentTiming(1200, start, at(1140)).phase).toBe('wrap_up');
    expect(segmentTiming(1200, start, at(1200))).toMatchObject({
      remainingSec: 0,
      phase: 'wrap_up',
    });
    expect(segmentTiming(1200, start, at(1201))).toMatchObject({ remainingSec: -1, phase: 'over' });
    // Short segments warn in their last quarter instead of the last minute.
    expect(segmentTiming(120, start, at(89)).phase).toBe('ok');
    expect(segmentTiming(120, start, at(90)).phase).toBe('wrap_up');
  });

  it('formats chapter stamps and keeps positions inside a shortened rundown', () => {
    expect(formatOffset(0)).toBe('00:00:00');
    expect(formatOffset(3725)).toBe('01:02:05');
    expect(clampPosition({ index: 5, startedAt: 'x' }, 2)).toEqual({ index: 1, startedAt: 'x' });
    expect(clampPosition({ index: 0, startedAt: 'x' }, 0)).toEqual({ index: -1, startedAt: null });
  });
});
