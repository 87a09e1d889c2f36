// What the after-show report holds, as the core sends it and the UI draws it: chapters per
// destination, questions by status and platform, the follow-up list, comments per minute.
import type { CommentStatus, Platform } from './comment.js';
import type { ArchivedShow, ShowInfo } from './show.js';
import type { SegmentStart } from './state.js';

/** The report's downloads; json is also what the report page reads. */
export const REPORT_FORMATS = ['json', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportDownload {
  filename: string;
  contentType: string;
  text: string;
}

/** Why YouTube would not take a chapter list. */
export type ChapterProblem =
  | { code: 'first_not_zero'; offsetSec: number }
  | { code: 'too_few'; count: number }
  | { code: 'too_short'; title: string; seconds: number }
  | { code: 'no_stream' };

export interface Chapter {
  offsetSec: number;
  title: string;
  /** As YouTube wants it in a description: "00:00 Intro". */
  line: string;
}

export interface ChapterSet {
  /** Whose recording the times count from: a destination's name, or "OBS". */
  origin: string;
  /** When that recording started (the relay's push start, or OBS's stream start). */
  originAt: string | null;
  chapters: Chapter[];
  problems: ChapterProblem[];
}

export interface ReportQuestion {
  id: string;
  status: CommentStatus;
  platform: Platform;
  author: string;
  handle: string | null;
  text: string;
  url: string | null;
  receivedAt: string;
  /** When it went on air, and how far into the stream (null when it never aired). */
  airedAt: string | null;
  airedOffsetSec: number | null;
  votes: number;
}

export interface DestinationUptime {
  name: string;
  uptimeSec: number;
  reconnects: number;
}

export interface ShowReport {
  show: ShowInfo;
  segments: SegmentStart[];
  chapters: ChapterSet[];
  counts: Record<CommentStatus, number>;
  perPlatform: Record<string, Record<CommentStatus, number>>;
  questions: ReportQuestion[];
  /** Approved but never aired, and incoming never handled: for answering after the show. */
  followUp: ReportQuestion[];
  /** Comments per minute from the first minute of the show on; index 0 is `chartStart`. */
  perMinute: number[];
  chartStart: string | null;
  peakPerMinute: number;
  /** Moderators' actions per person. */
  actions: { actor: string; count: number }[];
  destinations: DestinationUptime[];
}

export interface ShowDetail {
  show: ShowInfo;
  summary: ArchivedShow;
  counts: Record<CommentStatus, number>;
  questions: { total: number; items: ReportQuestion[] };
  onAir: { commentId: string; text: string; author: string; at: string; actor: string }[];
  actions: { at: string; actor: string; action: string; target: string | null }[];
  carriedOver: number;
}
