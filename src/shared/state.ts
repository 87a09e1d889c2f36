// The show as every client sees it: a snapshot made of named slices. Clients get the whole
// snapshot on connect, then only the slices that changed.
import type { CommentStatus, OnAirComment } from './comment.js';
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

export interface BlocklistRules {
  words: string[];
  authors: string[];
}

export interface QueueSummary {
  /** Comments per status (a group of five counts five). */
  counts: Record<CommentStatus, number>;
  onAir: OnAirComment | null;
  /** Approved cards (their first comment's id) in the order they go on air. */
  order: string[];
  blocklist: BlocklistRules;
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
