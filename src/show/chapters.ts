// Chapters in YouTube's description form, one per segment, timed from when a recording started
// (the relay's push to a destination, else OBS's stream), with the reasons YouTube would refuse
// them: the first not at 00:00, fewer than three, or one shorter than ten seconds.
import type { Chapter, ChapterProblem } from '../shared/report.js';

export const MIN_CHAPTERS = 3;
export const MIN_CHAPTER_SEC = 10;

export interface SegmentMark {
  title: string;
  startedAt: string;
}

/** "04:05" under an hour, "1:02:03" from an hour on (both are what YouTube reads). */
export function timestamp(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec));
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Chapter titles are one line: a line break would start a line YouTube reads as text. */
const oneLine = (title: string): string => title.replace(/\s+/g, ' ').trim();

export function chaptersOf(
  marks: readonly SegmentMark[],
  originAt: string | null,
  endAt: string | null,
): { chapters: Chapter[]; problems: ChapterProblem[] } {
  if (originAt === null) return { chapters: [], problems: [{ code: 'no_stream' }] };
  const origin = Date.parse(originAt);
  // A segment that began before the recording starts with it; of several, the last one counts.
  const byOffset = new Map<number, string>();
  for (const mark of marks) {
    const offsetSec = Math.max(0, Math.floor((Date.parse(mark.startedAt) - origin) / 1000));
    byOffset.set(offsetSec, oneLine(mark.title));
  }
  const chapters = [...byOffset.entries()]
    .sort(([a], [b]) => a - b)
    .map(([offsetSec, title]) => ({ offsetSec, title, line: `${timestamp(offsetSec)} ${title}` }));

  const problems: ChapterProblem[] = [];
  const first = chapters[0];
  if (first && first.offsetSec !== 0) {
    problems.push({ code: 'first_not_zero', offsetSec: first.offsetSec });
  }
  if (chapters.length < MIN_CHAPTERS) problems.push({ code: 'too_few', count: chapters.length });
  const endSec = endAt === null ? null : Math.floor((Date.parse(endAt) - origin) / 1000);
  chapters.forEach((chapter, i) => {
    const next = chapters[i + 1]?.offsetSec ?? endSec;
    if (next !== null && next - chapter.offsetSec < MIN_CHAPTER_SEC) {
      problems.push({ code: 'too_short', title: chapter.title, seconds: next - chapter.offsetSec });
    }
  });
  return { chapters, problems };
}
