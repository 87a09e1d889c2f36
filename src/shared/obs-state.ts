// What the core knows about OBS, mirrored to every client and to GET /api/state.
import { message, type Message } from './messages/message.js';

export type ObsStatus = 'not_configured' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface ObsHealth {
  at: string;
  /** Sent bitrate over the last second, from the stream's byte counter. */
  bitrateKbps: number | null;
  /** The last minute of bitrate samples, oldest first, for a small chart. */
  bitrateHistory: number[];
  congestion: number;
  /** Frames the network could not send (cumulative since the stream started). */
  droppedFrames: number;
  totalFrames: number;
  /** Frames the encoder skipped, and frames OBS skipped while rendering (cumulative). */
  encoderSkippedFrames: number;
  renderSkippedFrames: number;
  cpuUsage: number;
  activeFps: number;
  /** What is going wrong right now, as a code the UI words; null when all is well. */
  warning: Message | null;
}

export interface ObsOutput {
  active: boolean;
  /** When the output went live, as ISO time; null when inactive. */
  startedAt: string | null;
  /** HH:MM:SS.mmm as OBS last reported it. */
  timecode: string | null;
}

export interface ObsState {
  status: ObsStatus;
  /** The status as a code the UI words, e.g. why OBS is not reachable. */
  message: Message;
  url: string | null;
  obsVersion: string | null;
  websocketVersion: string | null;
  /** While reconnecting: when the next attempt starts (ISO time). */
  retryAt: string | null;
  /** Scenes in the order OBS shows them (top first). */
  scenes: string[];
  programScene: string | null;
  previewScene: string | null;
  studioMode: boolean;
  transition: { name: string; durationMs: number | null } | null;
  streaming: boolean;
  recording: boolean;
  stream: ObsOutput & { reconnecting: boolean };
  record: ObsOutput & { paused: boolean };
  health: ObsHealth | null;
}

export function emptyObsState(status: ObsStatus, text: Message, url: string | null): ObsState {
  return {
    status,
    message: text,
    url,
    obsVersion: null,
    websocketVersion: null,
    retryAt: null,
    scenes: [],
    programScene: null,
    previewScene: null,
    studioMode: false,
    transition: null,
    streaming: false,
    recording: false,
    stream: { active: false, startedAt: null, timecode: null, reconnecting: false },
    record: { active: false, startedAt: null, timecode: null, paused: false },
    health: null,
  };
}

/** A thumbnail of one scene; image is a data: URL (JPEG), null when OBS gave none. */
export interface MonitorView {
  scene: string;
  image: string | null;
}

/** One audio input's peak per channel in dBFS (-100 is silence). */
export interface MonitorMeter {
  name: string;
  peakDb: number[];
}

/** What the producer's monitor shows: program, preview (studio mode) and the meters. */
export interface MonitorSnapshot {
  program: MonitorView | null;
  preview: MonitorView | null;
  meters: MonitorMeter[];
  at: string;
}

export const OBS_NOT_CONFIGURED: Message = message('obs.not_configured');
