// The after-show report as downloads: Markdown (chapter lines ready for a YouTube description),
// CSV with one row per question, and JSON. Pure.
import type {
  ChapterProblem,
  ReportDownload,
  ReportFormat,
  ReportQuestion,
  ShowReport,
} from '../shared/report.js';
import { timestamp } from './chapters.js';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const CSV_COLUMNS = [
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
] as const;

/** RFC 4180: quote every field, double the quotes; a leading = + - @ is defused for spreadsheets. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function reportCsv(report: ShowReport): string {
  const rows = report.questions.map((q) =>
    [
      q.id,
      q.status,
      q.platform,
      q.author,
      q.handle,
      q.text,
      q.url,
      q.receivedAt,
      q.airedAt,
      q.airedOffsetSec === null ? null : timestamp(q.airedOffsetSec),
      q.votes,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function problemText(problem: ChapterProblem): string {
  switch (problem.code) {
    case 'first_not_zero':
      return `the first chapter starts at ${timestamp(problem.offsetSec)}, YouTube wants 00:00`;
    case 'too_few':
      return `${problem.count} chapter(s), YouTube wants at least 3`;
    case 'too_short':
      return `"${problem.title}" lasts ${problem.seconds} s, YouTube wants at least 10 s`;
    case 'no_stream':
      return 'no stream start was recorded, so there is nothing to time the chapters from';
  }
}

/** Markdown text stays text: characters that would format or link are escaped. */
const md = (text: string): string => text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');

function questionLine(q: ReportQuestion): string {
  const who = `${md(q.author)}${q.handle ? ` (${md(q.handle)})` : ''}, ${q.platform}`;
  const link = q.url ? ` — <${q.url.replaceAll('>', '%3E')}>` : '';
  return `- ${md(q.text)} — ${who}${link}`;
}

export function reportMarkdown(report: ShowReport): string {
  const { show } = report;
  const out: string[] = [`# ${md(show.title)}`, ''];
  out.push(`Live: ${show.liveAt ?? '—'} · Ended: ${show.endedAt ?? '—'}`, '');
  for (const set of report.chapters) {
    out.push(`## Chapters (${md(set.origin)})`, '');
    if (set.problems.length > 0) {
      out.push(
        `Does not qualify for YouTube chapters: ${set.problems.map(problemText).join('; ')}.`,
        '',
      );
    }
    // Chapter lines stay bare so they can be pasted into a description as they are.
    out.push(...set.chapters.map((c) => c.line), '');
  }
  out.push('## Questions', '');
  out.push('| Status | Count |', '| --- | --- |');
  for (const [status, count] of Object.entries(report.counts)) out.push(`| ${status} | ${count} |`);
  out.push('');
  out.push('## Aired', '');
  for (const q of report.questions.filter((x) => x.airedOffsetSec !== null)) {
    out.push(
      `- ${timestamp(q.airedOffsetSec ?? 0)} ${md(q.text)} — ${md(q.author)}, ${q.platform}`,
    );
  }
  out.push('', '## Follow-up', '');
  out.push(...report.followUp.map(questionLine), '');
  out.push(`Peak: ${report.peakPerMinute} comments per minute.`, '');
  return out.join('\n');
}

export function renderReport(report: ShowReport, format: ReportFormat): string {
  if (format === 'csv') return reportCsv(report);
  if (format === 'md') return reportMarkdown(report);
  return JSON.stringify(report, null, 2);
}

export function reportDownload(report: ShowReport, format: ReportFormat): ReportDownload {
  return {
    filename: `show-${report.show.id}-report.${format}`,
    contentType: CONTENT_TYPES[format],
    text: renderReport(report, format),
  };
}
