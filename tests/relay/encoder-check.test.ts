// The encoder check's rules: which stream a platform will refuse or degrade, and when the
// upload counts as too slow for the destinations that are on.
import { describe, expect, it } from 'vitest';
import { UploadMonitor, encoderWarnings } from '../../src/relay/encoder-check.js';
import { PLATFORM_LIMITS } from '../../src/shared/relay-presets.js';
import type { IncomingStream } from '../../src/shared/state.js';

const stream = (change: Partial<IncomingStream>): IncomingStream => ({
  width: 1280,
  height: 720,
  fps: 30,
  kbps: 4500,
  keyframeIntervalMs: 2000,
  ...change,
});

describe('encoder check', () => {
  it('passes a 720p30 stream with 2 s keyframes everywhere', () => {
    for (const limits of Object.values(PLATFORM_LIMITS))
      expect(encoderWarnings(stream({}), limits)).toEqual([]);
  });

  it('names the keyframe interval a platform will not take', () => {
    const s = stream({ keyframeIntervalMs: 4000 });
    expect(encoderWarnings(s, PLATFORM_LIMITS.facebook)).toEqual([
      { code: 'keyframeInterval', actual: 4000, limit: 2000 },
    ]);
    expect(encoderWarnings(s, PLATFORM_LIMITS.youtube)).toEqual([]);
    expect(encoderWarnings(stream({ keyframeIntervalMs: 2033 }), PLATFORM_LIMITS.twitch)).toEqual(
      [],
    );
  });

  it('names bitrate, resolution and frame rate over the limit', () => {
    expect(
      encoderWarnings(stream({ kbps: 8000, height: 1440, fps: 60 }), PLATFORM_LIMITS.linkedin),
    ).toEqual([
      { code: 'bitrate', actual: 8000, limit: 6000 },
      { code: 'resolution', actual: 1440, limit: 1080 },
      { code: 'frameRate', actual: 60, limit: 30 },
    ]);
    expect(encoderWarnings(stream({ kbps: 9000 }), null)).toEqual([]);
    expect(encoderWarnings(null, PLATFORM_LIMITS.twitch)).toEqual([]);
  });

  it('says the upload is short only after it stayed short for five seconds', () => {
    const monitor = new UploadMonitor();
    expect(monitor.sample(6000, 3, 18_000)).toEqual({
      neededKbps: 18_000,
      sentKbps: 18_000,
      short: false,
    });
    const samples = [1, 2, 3, 4, 5].map(() => monitor.sample(6000, 3, 9000).short);
    expect(samples).toEqual([false, false, false, false, true]);
    expect(monitor.sample(6000, 3, 17_500).short).toBe(false);
  });
});
