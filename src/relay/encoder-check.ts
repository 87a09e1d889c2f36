// The encoder check: compares what OBS sends (measured by the relay process) with each
// platform's documented limits, and watches whether the upload keeps up with what the enabled
// destinations need. Pure, so every rule is tested without a stream.
import type { PlatformLimits } from '../shared/relay-presets.js';
import type { EncoderWarning, IncomingStream, RelayUpload } from '../shared/state.js';

/** Keyframe spacing is measured between frames, so allow a frame's worth of slack. */
const KEYFRAME_SLACK_MS = 100;

export function encoderWarnings(
  stream: IncomingStream | null,
  limits: PlatformLimits | null,
): EncoderWarning[] {
  if (!stream || !limits) return [];
  const warnings: EncoderWarning[] = [];
  const { keyframeIntervalMs, kbps, height, fps } = stream;
  if (
    keyframeIntervalMs !== null &&
    keyframeIntervalMs > limits.keyframeIntervalMs + KEYFRAME_SLACK_MS
  ) {
    warnings.push({
      code: 'keyframeInterval',
      actual: keyframeIntervalMs,
      limit: limits.keyframeIntervalMs,
    });
  }
  // The measured rate swings with scene content; 10 % over is still the encoder's setting.
  if (kbps > limits.maxKbps * 1.1)
    warnings.push({ code: 'bitrate', actual: kbps, limit: limits.maxKbps });
  if (height !== null && height > limits.maxHeight)
    warnings.push({ code: 'resolution', actual: height, limit: limits.maxHeight });
  if (fps !== null && fps > limits.maxFps + 0.5)
    warnings.push({ code: 'frameRate', actual: Math.round(fps), limit: limits.maxFps });
  return warnings;
}

/** Seconds the send rate must stay short before the producer is told. */
const SHORT_FOR = 5;

/** Fed once a second during the show; says when the uplink cannot carry every destination. */
export class UploadMonitor {
  #shortSeconds = 0;

  sample(incomingKbps: number, destinations: number, sentKbps: number): RelayUpload {
    const neededKbps = incomingKbps * destinations;
    // 85 %: bitrate samples of the two sides are taken a moment apart.
    const behind = destinations > 0 && sentKbps < neededKbps * 0.85;
    this.#shortSeconds = behind ? this.#shortSeconds + 1 : 0;
    return { neededKbps, sentKbps, short: this.#shortSeconds >= SHORT_FOR };
  }

  reset(): void {
    this.#shortSeconds = 0;
  }
}
