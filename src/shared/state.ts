// The show as every client sees it: a snapshot made of named slices. Clients get the whole
// snapshot on connect, then only the slices that changed.
import type { Comment, CommentStatus } from './comment.js';
import type { ObsState } from './obs-state.js';

export interface AppInfo {
  version: string;
  showTitle: string;
  startedAt: string;
  /** True when the core listens on more than loopback (LAN opt-in). */
  lan: boolean;
}

export type SourceState =
  'stopped' | 'connecting' | 'connected' | 'reconnecting' | 'rate_limited' | 'error';

export interface SourceStatus {
  id: string;
  platform: string;
  label: string;
  state: SourceState;
  /** What is going on, in plain words ("rate-limited until 14:05"). */
  message: string;
  counters: { received: number; duplicates: number; malformed: number };
}

export interface QueueSummary {
  counts: Record<CommentStatus, number>;
  onAir: Comment | null;
}

export interface Diagnostics {
  /** Inputs refused at the edge (malformed payloads, bad REST bodies), per channel. */
  rejectedInputs: Record<string, number>;
}

export interface ShowState {
  app: AppInfo;
  obs: ObsState;
  sources: SourceStatus[];
  queue: QueueSummary;
  diagnostics: Diagnostics;
}

export type StateSlice = keyof ShowState;
