// Turns OBS's cumulative counters, sampled once a second, into what a producer watches: the
// bitrate actually sent, a minute of history, and a warning in plain words when frames drop.
import type { ObsHealth } from '../shared/obs-state.js';

export interface StatsSample {
  cpuUsage: number;
  activeFps: number;
  renderSkippedFrames: number;
  outputSkippedFrames: number;
}

export interface StreamSample {
  outputBytes: number;
  outputCongestion: number;
  outputSkippedFrames: number;
  outputTotalFrames: number;
  outputReconnecting: boolean;
}

const HISTORY = 60;

export class HealthTracker {
  #last: { at: number; bytes: number; dropped: number; encoder: number; render: number } | null =
    null;
  readonly #history: number[] = [];

  sample(at: number, stats: StatsSample, stream: StreamSample | null): ObsHealth {
    const previous = this.#last;
    let bitrateKbps: number | null = null;
    if (stream && previous && at > previous.at && stream.outputBytes >= previous.bytes) {
      bitrateKbps = Math.round(((stream.outputBytes - previous.bytes) * 8) / (at - previous.at));
    }
    if (bitrateKbps !== null) {
      this.#history.push(bitrateKbps);
      if (this.#history.length > HISTORY) this.#history.shift();
    }
    const dropped = stream?.outputSkippedFrames ?? 0;
    const warning = describe({
      droppedNow: previous && stream ? Math.max(0, dropped - previous.dropped) : 0,
      encoderNow: previous ? Math.max(0, stats.outputSkippedFrames - previous.encoder) : 0,
      renderNow: previous ? Math.max(0, stats.renderSkippedFrames - previous.render) : 0,
      congestion: stream?.outputCongestion ?? 0,
      reconnecting: stream?.outputReconnecting ?? false,
    });
    this.#last = {
      at,
      bytes: stream?.outputBytes ?? 0,
      dropped,
      encoder: stats.outputSkippedFrames,
      render: stats.renderSkippedFrames,
    };
    return {
      at: new Date(at).toISOString(),
      bitrateKbps,
      bitrateHistory: [...this.#history],
      congestion: stream?.outputCongestion ?? 0,
      droppedFrames: dropped,
      totalFrames: stream?.outputTotalFrames ?? 0,
      encoderSkippedFrames: stats.outputSkippedFrames,
      renderSkippedFrames: stats.renderSkippedFrames,
      cpuUsage: stats.cpuUsage,
      activeFps: stats.activeFps,
      warning,
    };
  }
}

function describe(now: {
  droppedNow: number;
  encoderNow: number;
  renderNow: number;
  congestion: number;
  reconnecting: boolean;
}): string | null {
  if (now.reconnecting)
    return 'OBS lost the connection to the streaming server and is reconnecting.';
  if (now.droppedNow > 0) {
    return `Dropping frames: ${now.droppedNow} in the last second could not be sent. The upload is too slow for this bitrate.`;
  }
  if (now.encoderNow > 0) {
    return `The encoder skipped ${now.encoderNow} frames in the last second: it cannot keep up. Lower the resolution or use a faster preset.`;
  }
  if (now.renderNow > 0) {
    return `OBS skipped ${now.renderNow} frames while rendering in the last second: the graphics card is overloaded.`;
  }
  if (now.congestion >= 0.5)
    return 'The network is congested: the stream is close to dropping frames.';
  return null;
}
