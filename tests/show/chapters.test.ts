// Chapters in YouTube's description form, timed from the recording's start, and the reasons a
// show does not qualify; the report's downloads (Markdown chapter lines, CSV one row per question).
import { describe, expect, it } from 'vitest';
import { chaptersOf, timestamp } from '../../src/show/chapters.js';
import { buildReport, type ReportInput } from '../../src/show/report.js';
import { reportCsv, reportMarkdown } from '../../src/show/report-formats.js';
import type { Comment, CommentStatus } from '../../src/shared/comment.js';

const T0 = Date.parse('2026-11-25T18:00:00.000Z');
const at = (sec: number): string => new Date(T0 + sec * 1000).toISOString();
/** YouTube's chapter line: mm:ss or h:mm:ss, a space, a title. */
const YOUTUBE_LINE = /^(\d+:)?\d{2}:\d{2} \S.*$/;

describe('chapters', () => {
  it('writes mm:ss under an hour and h:mm:ss from an hour on', () => {
    expect(timestamp(0)).toBe('00:00');
    expect(timestamp(65.9)).toBe('01:05');
    expect(timestamp(3599)).toBe('59:59');
    expect(timestamp(3723)).toBe('1:02:03');
  });

  it('times each segment from the push start and qualifies a proper show', () => {
    const marks = [
      { title: 'Intro', startedAt: at(0.4) },
      { title: 'Panel', startedAt: at(75) },
      { title: 'Q & A', startedAt: at(3700) },
    ];
    const { chapters, problems } = chaptersOf(marks, at(0), at(4000));
    expect(chapters.map((c) => c.line)).toEqual(['00:00 Intro', '01:15 Panel', '1:01:40 Q & A']);
    expect(problems).toEqual([]);
    for (const c of chapters) expect(c.line).toMatch(YOUTUBE_LINE);
  });

  it('says why YouTube would refuse: first not at 00:00, too few, too short', () => {
    const late = chaptersOf(
      [
        { title: 'Intro', startedAt: at(5) },
        { title: 'Short', startedAt: at(20) },
      ],
      at(0),
      at(25),
    );
    expect(late.problems).toEqual([
      { code: 'first_not_zero', offsetSec: 5 },
      { code: 'too_few', count: 2 },
      { code: 'too_short', title: 'Short', seconds: 5 },
    ]);
    expect(chaptersOf([], null, null).problems).toEqual([{ code: 'no_stream' }]);
  });

  it('starts a segment that began before the recording at 00:00, keeping the last of several', () => {
    const { chapters } = chaptersOf(
      [
        { title: 'Soundcheck', startedAt: at(-60) },
        { title: 'Intro', startedAt: at(-2) },
        { title: 'Panel', startedAt: at(30) },
      ],
      at(0),
      null,
    );
    expect(chapters.map((c) => c.line)).toEqual(['00:00 Intro', '00:30 Panel']);
  });
});

function comment(i: number, status: CommentStatus, text: string): Comment {
  return {
    id: `c${i}`,
    platform: i % 2 === 0 ? 'youtube' : 'x',
    platformId: `p${i}`,
    author: { name: `Viewer ${i}`, handle: `@v${i}`, avatarUrl: null, profileUrl: null },
    text,
    createdAt: at(60 * i),
    receivedAt: at(60 * i + 1),
    url: `https://example.test/post/${i}`,
    flags: { question: true, link: false, superchat: null },
    status,
    pinned: false,
    groupId: null,
    moderatedBy: null,
    moderatedAt: null,
    filterReason: null,
    votes: 0,
  };
}

function input(): ReportInput {
  return {
    show: {
      id: 3,
      title: 'NextTalk #3',
      hashtags: [],
      plannedStart: null,
      preShowMin: 30,
      sources: null,
      destinations: null,
      state: 'ended',
      createdAt: at(-3600),
      liveAt: at(0),
      endedAt: at(600),
    },
    segments: ['Intro', 'Panel', 'Q&A', 'Outro'].map((title, i) => ({
      segmentId: `s${i}`,
      title,
      startedAt: at(2 + i * 120),
      offsetSec: null,
    })),
    comments: [
      comment(0, 'done', 'Aired, "with quotes", and a comma?'),
      comment(1, 'approved', '=cmd|evil approved but not aired'),
      comment(2, 'incoming', 'Never handled,\nwith a line break'),
      comment(3, 'rejected', 'Rejected'),
      comment(4, 'filtered', 'Filtered'),
    ],
    votes: new Map([['c1', 4]]),
    onAir: [{ commentId: 'c0', at: at(200) }],
    actions: [{ actor: 'Anna', count: 7 }],
    events: [
      { source: 'obs', name: 'OBS', kind: 'up', at: at(-5) },
      { source: 'd1', name: 'YouTube', kind: 'up', at: at(2) },
      { source: 'd1', name: 'YouTube', kind: 'down', at: at(100) },
      { source: 'd1', name: 'YouTube', kind: 'up', at: at(104) },
    ],
    now: at(700),
  };
}

describe('after-show report', () => {
  it('counts by status and platform, lists the follow-up, charts per minute, measures uptime', () => {
    const report = buildReport(input());
    expect(report.counts).toEqual({
      incoming: 1,
      approved: 1,
      on_air: 0,
      done: 1,
      rejected: 1,
      filtered: 1,
    });
    expect(report.perPlatform.youtube).toMatchObject({ done: 1, incoming: 1, filtered: 1 });
    expect(report.perPlatform.x).toMatchObject({ approved: 1, rejected: 1 });
    expect(report.followUp.map((q) => q.id)).toEqual(['c1', 'c2']);
    expect(report.followUp[0]).toMatchObject({ author: 'Viewer 1', platform: 'x', votes: 4 });
    expect(report.followUp[0]?.url).toBe('https://example.test/post/1');
    // Aired 198 s after the push to YouTube started.
    expect(report.questions[0]).toMatchObject({ airedAt: at(200), airedOffsetSec: 198 });
    expect(report.perMinute).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(report.peakPerMinute).toBe(1);
    // Up from 2 to 100, then from 104 to the end at 600: 594 s, one reconnect.
    expect(report.destinations).toEqual([{ name: 'YouTube', uptimeSec: 594, reconnects: 1 }]);
    // Chapters count from the push start before the first segment, not the reconnect.
    expect(report.chapters).toHaveLength(1);
    expect(report.chapters[0]?.origin).toBe('YouTube');
    expect(report.chapters[0]?.chapters.map((c) => c.line)).toEqual([
      '00:00 Intro',
      '02:00 Panel',
      '04:00 Q&A',
      '06:00 Outro',
    ]);
  });

  it('falls back to OBS stream start without the relay', () => {
    const withoutRelay = { ...input(), events: input().events.filter((e) => e.source === 'obs') };
    const report = buildReport(withoutRelay);
    expect(report.chapters[0]?.origin).toBe('OBS');
    expect(report.chapters[0]?.chapters[0]?.line).toBe('00:07 Intro');
    expect(report.chapters[0]?.problems).toContainEqual({ code: 'first_not_zero', offsetSec: 7 });
  });

  it('does not time chapters from a rehearsal stream that stopped before the show', () => {
    const rehearsal = [
      { source: 'obs', name: 'OBS', kind: 'up' as const, at: at(-300) },
      { source: 'obs', name: 'OBS', kind: 'down' as const, at: at(-200) },
    ];
    const none = buildReport({ ...input(), events: rehearsal });
    expect(none.chapters[0]?.problems).toEqual([{ code: 'no_stream' }]);
    const later = buildReport({
      ...input(),
      events: [...rehearsal, { source: 'obs', name: 'OBS', kind: 'up', at: at(60) }],
    });
    // The stream came up during Intro: Intro starts the recording at 00:00.
    expect(later.chapters[0]?.originAt).toBe(at(60));
    expect(later.chapters[0]?.chapters.map((c) => c.line)).toEqual([
      '00:00 Intro',
      '01:02 Panel',
      '03:02 Q&A',
      '05:02 Outro',
    ]);
  });

  it('writes Markdown whose chapter lines YouTube reads, and a CSV with one row per question', () => {
    const report = buildReport(input());
    const md = reportMarkdown(report);
    const lines = md.split('\n');
    const chapterLines = lines.filter((l) => /^\d/.test(l));
    expect(chapterLines).toEqual(['00:00 Intro', '02:00 Panel', '04:00 Q&A', '06:00 Outro']);
    for (const l of chapterLines) expect(l).toMatch(YOUTUBE_LINE);
    expect(md).toContain('## Follow-up');
    expect(md).toContain('<https://example.test/post/1>');

    const rows = parseCsv(reportCsv(report));
    expect(rows[0]).toEqual([
      'id',
      'status',
      'platform',
      'author',
      'handle',
      'text',
      'url',
      'received_at',
      'aired_at',
      'aired_in_stream',
      'votes',
    ]);
    expect(rows).toHaveLength(1 + 5);
    expect(rows[1]?.[5]).toBe('Aired, "with quotes", and a comma?');
    expect(rows[1]?.[9]).toBe('03:18');
    expect(rows[3]?.[5]).toBe('Never handled,\nwith a line break');
    // A formula is defused for spreadsheets.
    expect(rows[2]?.[5]).toBe("'=cmd|evil approved but not aired");
  });
});

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quote');
  return rows;
}
