// The show as every client sees it: a snapshot made of named slices. Clients get the whole
// snapshot on connect, then only the slices that changed.
import type { RoomState } from './guest-room.js';
import type { Message } from './messages/message.js';
import type { SourceForm } from './source-forms.js';
import type {
  BlocklistRules,
  DestinationPlatform,
  Guest,
  Segment,
  XSettings,
  YouTubeSettings,
} from './shapes.js';
import type { CommentStatus, OnAirComment } from './comment.js';
import type { ObsState } from './obs-state.js';
import type { LowerThirdSetup, ScreenState } from './on-screen.js';
import type { ShowInfo } from './show.js';

export type { LowerThirdSetup } from './on-screen.js';
export type {
  BlocklistRules,
  DestinationPlatform,
  Guest,
  Segment,
  XSettings,
  YouTubeSettings,
} from './shapes.js';

export interface AppInfo {
  version: string;
  /** Null until the producer names the show; clients word "Untitled show". */
  showTitle: string | null;
  startedAt: string;
  /** True when the core listens on more than loopback (LAN opt-in). */
  lan: boolean;
  /** The audience page at the public origin (--public-url); null: the address this screen uses. */
  audienceUrl: string | null;
}

export type SourceState =
  'stopped' | 'connecting' | 'connected' | 'reconnecting' | 'rate_limited' | 'error';

export interface SourceCounters {
  /** Comments taken into the queue. */
  received: number;
  /** Deliveries of a post that was already in (reconnects, backfill, double delivery). */
  duplicates: number;
  /** Payloads that could not be read or failed validation. */
  malformed: number;
  /** Posts the platform reported deleted (or whose author it banned) that left the queue. */
  retracted: number;
}

export interface SourceStatus {
  id: string;
  platform: string;
  label: string;
  state: SourceState;
  /** What is going on, as a code the UI words ("rate-limited until 14:05"). */
  message: Message;
  /** When the next attempt is due, while reconnecting or rate-limited (ISO time). */
  retryAt: string | null;
  counters: SourceCounters;
  /** A platform's daily request quota as this source spends it; null where there is none. */
  quota: SourceQuota | null;
}

/** Units used today against a daily quota (YouTube), and what the planned show needs. */
export interface SourceQuota {
  dailyUnits: number;
  usedToday: number;
  /** At the platform's own pace, from now to the planned end of the show. */
  plannedNeed: number;
  /** The pause between requests chosen to last the show (ms). */
  pollEveryMs: number;
  /** When the platform starts counting afresh (ISO). */
  resetsAt: string;
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
  storage: StorageStatus;
}

/** Whether the core can save: a fault (disk full, database locked) is a banner until it clears. */
export interface StorageStatus {
  /** The fault now standing, as a code the UI words; null while writes work. */
  fault: Message | null;
  since: string | null;
  /** Writes refused for each kind of fault since the core started. */
  faults: Record<string, number>;
}

/** Settings clients may see. Secrets appear only as "saved or not". */
export interface ConfigSummary {
  obsUrl: string | null;
  obsPasswordSaved: boolean;
  lowerThird: LowerThirdSetup | null;
  x: XSettings & { tokenSaved: boolean };
  youtube: YouTubeSettings & { keySaved: boolean };
  audience: { enabled: boolean };
  /**
   * Saved secrets (by name: "obs.password", "x.bearer", "relay.key.<id>") that this core's key
   * cannot read, after a lost or replaced key file or a changed keychain: type them again.
   */
  secretsToReenter: string[];
}

export interface SegmentStart {
  segmentId: string;
  title: string;
  startedAt: string;
  /** Seconds since the stream went live, or null when it was not live. */
  offsetSec: number | null;
}

export interface RundownState {
  segments: Segment[];
  /** Index of the running segment; -1 before the first one starts. */
  index: number;
  startedAt: string | null;
  starts: SegmentStart[];
}

export interface GuestLowerThird {
  guest: Guest;
  /** When it leaves the screen again (ISO time). */
  until: string;
}

export type DestinationState = 'disabled' | 'idle' | 'connecting' | 'live' | 'retrying' | 'error';

export interface DestinationStatus {
  id: string;
  name: string;
  platform: DestinationPlatform;
  /** The server URL without the stream key. */
  serverUrl: string;
  enabled: boolean;
  keySaved: boolean;
  state: DestinationState;
  /** As a code: relay.live, or relay.retrying with the platform's reason as details. */
  message: Message;
  bitrateKbps: number | null;
  /** The last minute of bitrate samples, oldest first. */
  bitrateHistory: number[];
  liveSince: string | null;
  retryAt: string | null;
  /** Where the incoming stream breaks this platform's documented limits. */
  warnings: EncoderWarning[];
}

/** One way the stream OBS sends does not fit a platform; worded in the UI. */
export interface EncoderWarning {
  code: 'keyframeInterval' | 'bitrate' | 'resolution' | 'frameRate';
  /** What the stream has (ms, kbit/s, lines of height, fps). */
  actual: number;
  /** What the platform takes at most. */
  limit: number;
}

/** What OBS sends to the ingest, measured by the relay. */
export interface IncomingStream {
  width: number | null;
  height: number | null;
  fps: number | null;
  kbps: number;
  keyframeIntervalMs: number | null;
}

export interface RelayUpload {
  /** Incoming bitrate times the destinations that should be live. */
  neededKbps: number;
  /** What the live destinations actually send. */
  sentKbps: number;
  /** The send rate has fallen short of the need for several seconds. */
  short: boolean;
}

export interface RelayState {
  ingest: {
    state: 'starting' | 'ready' | 'live' | 'error';
    message: Message;
    /** Where OBS streams to (the key is set with "Configure OBS"), null until ready. */
    serverUrl: string | null;
  };
  destinations: DestinationStatus[];
  /** While OBS streams to Panelcast. */
  stream: IncomingStream | null;
  upload: RelayUpload | null;
}

export interface ShowState {
  app: AppInfo;
  /** The current show: its plan and where it stands (planned, live, ended). */
  show: ShowInfo;
  config: ConfigSummary;
  rundown: RundownState;
  guests: Guest[];
  /** The remote-guest room: each guest's state, the host, the stage pages. */
  room: RoomState;
  lowerThird: GuestLowerThird | null;
  /** What OBS confirms of the lower third on program. */
  screen: ScreenState;
  obs: ObsState;
  sources: SourceStatus[];
  /** Every registered source's settings form (see source-forms.ts). */
  sourceForms: SourceForm[];
  relay: RelayState;
  queue: QueueSummary;
  diagnostics: Diagnostics;
}

export type StateSlice = keyof ShowState;
