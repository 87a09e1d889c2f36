// The after-show report, computed from what one show stored: chapters per destination, the
// questions by status and platform, the follow-up list, comments per minute and uptime. Pure.
import { COMMENT_STATUSES, type Comment, type CommentStatus } from '../shared/comment.js';
import type {
  ChapterSet,
  DestinationUptime,
  ReportQuestion,
  ShowReport,
} from '../shared/report.js';
import type { ShowInfo } from '../shared/show.js';
import type { SegmentStart } from '../shared/state.js';
import { chaptersOf } from './chapters.js';

export interface StreamMark {
  /** "obs" for OBS's own stream, else a destination id. */
  source: string;
  name: string;
  kind: 'up' | 'down';
  at: string;
}

export interface ReportInput {
  show: ShowInfo;
  segments: SegmentStart[];
  comments: Iterable<Comment>;
  votes: ReadonlyMap<string, number>;
  onAir: readonly { commentId: string; at: string }[];
  actions: { actor: string; count: number }[];
  events: readonly StreamMark[];
  /** Stands in for the end of a show that has not ended. */
  now: string;
}

/** A day of minutes at most: a chart longer than that says nothing more. */
const MAX_MINUTES = 24 * 60;

export const emptyCounts = (): Record<CommentStatus, number> =>
  Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;

function bySource(events: readonly StreamMark[]): Map<string, StreamMark[]> {
  const out = new Map<string, StreamMark[]>();
  for (const event of events) out.set(event.source, [...(out.get(event.source) ?? []), event]);
  return out;
}

/**
 * When the recording the chapters count from began: the push that was up when the first segment
 * started (a reconnect later does not restart a platform's recording of the broadcast), else the
 * first push after it; a rehearsal stream that stopped before the show does not count.
 */
function recordingStart(
  events: readonly StreamMark[],
  firstSegment: string | null,
): StreamMark | null {
  const ups = events.filter((e) => e.kind === 'up');
  if (firstSegment === null) return ups[0] ?? null;
  const first = Date.parse(firstSegment);
  let upNow: StreamMark | null = null;
  for (const event of events) {
    if (Date.parse(event.at) > first) break;
    upNow = event.kind === 'up' ? event : null;
  }
  return upNow ?? ups.find((e) => Date.parse(e.at) > first) ?? null;
}

function recordingEnd(events: readonly StreamMark[], start: StreamMark, fallback: string): string {
  const down = events.find((e) => e.kind === 'down' && Date.parse(e.at) >= Date.parse(start.at));
  return down?.at ?? fallback;
}

function chapterSets(input: ReportInput, end: string): ChapterSet[] {
  const marks = input.segments.map((s) => ({ title: s.title, startedAt: s.startedAt }));
  const first = marks[0]?.startedAt ?? null;
  const sources = bySource(input.events);
  const destinations = [...sources.entries()].filter(([source]) => source !== 'obs');
  // Without the relay, OBS's own stream start is the best guess at where the recording starts.
  const origins = destinations.length > 0 ? destinations : [...sources.entries()];
  if (origins.length === 0) {
    return [{ origin: 'OBS', originAt: null, ...chaptersOf(marks, null, null) }];
  }
  return origins.map(([, events]) => {
    const start = recordingStart(events, first);
    const name = events[0]?.name ?? 'OBS';
    if (!start) return { origin: name, originAt: null, ...chaptersOf(marks, null, null) };
    return {
      origin: name,
      originAt: start.at,
      ...chaptersOf(marks, start.at, recordingEnd(events, start, end)),
    };
  });
}

function uptimes(events: readonly StreamMark[], end: string): DestinationUptime[] {
  return [...bySource(events).entries()]
    .filter(([source]) => source !== 'obs')
    .map(([, list]) => {
      let upSince: number | null = null;
      let uptimeMs = 0;
      let ups = 0;
      for (const event of list) {
        if (event.kind === 'up' && upSince === null) {
          upSince = Date.parse(event.at);
          ups += 1;
        } else if (event.kind === 'down' && upSince !== null) {
          uptimeMs += Date.parse(event.at) - upSince;
          upSince = null;
        }
      }
      if (upSince !== null) uptimeMs += Math.max(0, Date.parse(end) - upSince);
      return {
        name: list[0]?.name ?? '',
        uptimeSec: Math.round(uptimeMs / 1000),
        reconnects: Math.max(0, ups - 1),
      };
    });
}

function questionOf(
  comment: Comment,
  votes: number,
  airedAt: string | null,
  streamStart: string | null,
): ReportQuestion {
  const offset =
    airedAt !== null && streamStart !== null
      ? Math.max(0, Math.floor((Date.parse(airedAt) - Date.parse(streamStart)) / 1000))
      : null;
  return {
    id: comment.id,
    status: comment.status,
    platform: comment.platform,
    author: comment.author.name,
    handle: comment.author.handle,
    text: comment.text,
    url: comment.url,
    receivedAt: comment.receivedAt,
    airedAt,
    airedOffsetSec: offset,
    votes,
  };
}

export function buildReport(input: ReportInput): ShowReport {
  const { show } = input;
  const end = show.endedAt ?? input.now;
  const chapters = chapterSets(input, end);
  const streamStart = chapters.find((c) => c.originAt !== null)?.originAt ?? show.liveAt;
  const airedAt = new Map<string, string>();
  for (const row of input.onAir)
    if (!airedAt.has(row.commentId)) airedAt.set(row.commentId, row.at);

  const counts = emptyCounts();
  const perPlatform: Record<string, Record<CommentStatus, number>> = {};
  const questions: ReportQuestion[] = [];
  const chartFrom = show.liveAt ?? null;
  const chartStart =
    chartFrom === null ? null : Math.floor(Date.parse(chartFrom) / 60_000) * 60_000;
  const minutes =
    chartStart === null
      ? 0
      : Math.min(MAX_MINUTES, Math.ceil((Date.parse(end) - chartStart) / 60_000));
  const perMinute = new Array<number>(Math.max(0, minutes)).fill(0);

  for (const comment of input.comments) {
    counts[comment.status] += 1;
    const platform = (perPlatform[comment.platform] ??= emptyCounts());
    platform[comment.status] += 1;
    questions.push(
      questionOf(
        comment,
        input.votes.get(comment.id) ?? 0,
        airedAt.get(comment.id) ?? null,
        streamStart,
      ),
    );
    if (chartStart !== null) {
      const minute = Math.floor((Date.parse(comment.receivedAt) - chartStart) / 60_000);
      if (minute >= 0 && minute < perMinute.length)
        perMinute[minute] = (perMinute[minute] ?? 0) + 1;
    }
  }
  return {
    show,
    segments: input.segments,
    chapters,
    counts,
    perPlatform,
    questions,
    followUp: questions.filter((q) => q.status === 'approved' || q.status === 'incoming'),
    perMinute,
    chartStart: chartStart === null ? null : new Date(chartStart).toISOString(),
    peakPerMinute: perMinute.reduce((a, b) => Math.max(a, b), 0),
    actions: input.actions,
    destinations: uptimes(input.events, end),
  };
}
