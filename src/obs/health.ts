// Turns OBS's cumulative counters, sampled once a second, into what a producer watches: the
// bitrate actually sent, a minute of history, and a warning in plain words when frames drop.
import { message, type Message } from '../shared/messages/message.js';
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
}): Message | null {
  if (now.reconnecting) return message('obs.health_reconnecting');
  if (now.droppedNow > 0) return message('obs.health_dropping', { count: now.droppedNow });
  if (now.encoderNow > 0) return message('obs.health_encoder', { count: now.encoderNow });
  if (now.renderNow > 0) return message('obs.health_render', { count: now.renderNow });
  if (now.congestion >= 0.5) return message('obs.health_congested');
  return null;
}
