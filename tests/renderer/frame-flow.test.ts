// When the director panel's thumbnail counts as live: frames must keep coming; none yet reads
// "no picture yet", none for a while covers the frozen frame.
import { describe, expect, it } from 'vitest';
import {
  FRESH_WATCH,
  STALL_MS,
  watchFrames,
  type FrameWatch,
  type PictureFlow,
} from '../../renderer/src/lib/frame-flow.js';

/** Feeds (time, frames) samples in order; returns the flow after each. */
function run(samples: [number, number][]): PictureFlow[] {
  let watch: FrameWatch = FRESH_WATCH;
  return samples.map(([at, frames]) => {
    const next = watchFrames(watch, frames, at);
    watch = next.watch;
    return next.flow;
  });
}

describe('picture flow', () => {
  it('waits for the first frame, then is live while frames come', () => {
    expect(
      run([
        [0, 0],
        [500, 0],
        [1000, 4],
        [1500, 9],
      ]),
    ).toEqual(['waiting', 'waiting', 'live', 'live']);
  });

  it('calls a picture stalled once frames stop for longer than the limit, live again after', () => {
    expect(
      run([
        [0, 5],
        [STALL_MS, 5],
        [STALL_MS + 1, 5],
        [STALL_MS + 500, 6],
      ]),
    ).toEqual(['live', 'live', 'stalled', 'live']);
  });

  it('starts over when a new stream counts from zero again', () => {
    expect(
      run([
        [0, 50],
        [500, 0],
        [1000, 2],
      ]),
    ).toEqual(['live', 'waiting', 'live']);
  });
});
