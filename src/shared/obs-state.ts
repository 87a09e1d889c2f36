// What the core knows about OBS, mirrored to every client. The connection is a discriminated
// union so that, say, a version only exists while connected.

export type ObsConnection =
  | { state: 'not_configured' }
  | { state: 'connecting'; url: string }
  | { state: 'connected'; url: string; obsVersion: string; websocketVersion: string }
  | { state: 'reconnecting'; url: string; reason: string; retryInMs: number }
  | { state: 'failed'; url: string; reason: string };

export interface ObsOutputState {
  active: boolean;
  /** HH:MM:SS.mmm as OBS reports it, null when inactive. */
  timecode: string | null;
  /** ISO time the output went active, as seen by the core. */
  startedAt: string | null;
}

export interface ObsHealth {
  at: string;
  bitrateKbps: number | null;
  congestion: number | null;
  skippedFrames: number;
  totalFrames: number;
  droppedFrames: number;
  renderSkippedFrames: number;
  cpuUsage: number;
  activeFps: number;
  /** Set when frames dropped since the previous sample, in plain words. */
  warning: string | null;
}

export interface ObsState {
  connection: ObsConnection;
  scenes: string[];
  programScene: string | null;
  previewScene: string | null;
  studioMode: boolean;
  transition: { name: string; durationMs: number | null } | null;
  stream: ObsOutputState & { reconnecting: boolean };
  record: ObsOutputState & { paused: boolean };
  health: ObsHealth | null;
}

export function emptyObsState(connection: ObsConnection): ObsState {
  return {
    connection,
    scenes: [],
    programScene: null,
    previewScene: null,
    studioMode: false,
    transition: null,
    stream: { active: false, timecode: null, startedAt: null, reconnecting: false },
    record: { active: false, timecode: null, startedAt: null, paused: false },
    health: null,
  };
}
