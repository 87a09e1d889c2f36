// The archive: ended shows listed, one show read-only (questions by status, what aired when, who
// acted), and its after-show report as JSON, Markdown or CSV. Read from SQLite on demand, paged.
import { z } from 'zod';
import type { IntentRegistry } from '../../core/intent-registry.js';
import { statusFor, type Route } from '../../core/routes.js';
import { COMMENT_STATUSES } from '../../shared/comment.js';
import { UserError } from '../../shared/errors.js';
import { message } from '../../shared/messages/message.js';
import type { ControlIntentName } from '../../shared/protocol.js';
import {
  REPORT_FORMATS,
  type ReportDownload,
  type ShowDetail,
  type ShowReport,
} from '../../shared/report.js';
import type { ShowInfo } from '../../shared/show.js';
import type { ArchiveStore } from '../../store/archive-store.js';
import type { SegmentStartLog } from '../../store/segment-starts.js';
import type { ShowStore } from '../../store/show-store.js';
import { buildReport, emptyCounts } from '../report.js';
import { reportDownload } from '../report-formats.js';

export interface ArchiveDeps {
  shows: ShowStore;
  archive: ArchiveStore;
  starts: SegmentStartLog;
}

/** How many actions the read-only view lists; the report counts them all. */
const ACTIONS_SHOWN = 500;

function showOf(shows: ShowStore, id: number): ShowInfo {
  const show = shows.get(id);
  if (!show) throw new UserError('not_found', message('show.not_found', { id }));
  return show;
}

export function reportOf(deps: ArchiveDeps, id: number): ShowReport {
  const { archive } = deps;
  return buildReport({
    show: showOf(deps.shows, id),
    segments: deps.starts.list(id),
    comments: archive.comments(id),
    votes: archive.votes(id),
    onAir: archive.onAir(id),
    actions: archive.actionsPerActor(id),
    events: archive.streamEvents(id),
    now: new Date().toISOString(),
  });
}

export function registerArchiveIntents(intents: IntentRegistry, deps: ArchiveDeps): void {
  const { shows, archive } = deps;
  intents.handle('shows:list', ({ limit, offset }) => shows.archive(limit, offset));
  intents.handle('shows:get', ({ id, status, limit, offset }): ShowDetail => {
    const show = showOf(shows, id);
    const page = archive.page(id, status, limit, offset);
    const onAir = archive.onAir(id);
    const report = buildReport({
      show,
      segments: [],
      comments: page.comments,
      votes: archive.votes(id),
      onAir,
      actions: [],
      events: [],
      now: new Date().toISOString(),
    });
    const counts = { ...emptyCounts(), ...archive.counts(id) };
    return {
      show,
      summary: {
        id,
        title: show.title,
        state: show.state,
        plannedStart: show.plannedStart,
        liveAt: show.liveAt,
        endedAt: show.endedAt,
        comments: Object.values(counts).reduce((a, b) => a + b, 0) + archive.carriedFrom(id),
        aired: new Set(onAir.map((row) => row.commentId)).size,
      },
      counts,
      questions: { total: page.total, items: report.questions },
      onAir,
      actions: archive.actions(id, ACTIONS_SHOWN),
      carriedOver: archive.carriedFrom(id),
    };
  });
  intents.handle('shows:report', ({ id, format }) => {
    const report = reportOf(deps, id);
    return { report, download: format ? reportDownload(report, format) : null };
  });
}

/** A GET route that sends an intent its path and query parameters. */
function readRoute(
  intents: IntentRegistry,
  path: string,
  intent: ControlIntentName,
  summary: string,
  query: z.ZodObject | null,
): Route {
  return {
    method: 'GET',
    path,
    access: intent,
    summary,
    body: null,
    query,
    handle: async (request) => {
      const payload = { ...Object.fromEntries(request.query), ...request.params };
      const result = await intents.dispatch(intent, payload, {
        actor: request.principal?.name ?? 'REST',
        channel: 'rest',
        role: request.principal?.role ?? 'guest',
      });
      if (!result.ok) {
        return {
          status: statusFor(result.kind),
          body: { error: result.error, message: result.message },
        };
      }
      return { status: 200, body: result.value };
    },
  };
}

const digits = z.string().regex(/^\d+$/).optional();

export function archiveRoutes(intents: IntentRegistry): Route[] {
  const report = readRoute(
    intents,
    '/api/shows/:id/report',
    'shows:report',
    'The after-show report of a show: JSON by default, or format=md or format=csv as a download.',
    z.object({ format: z.enum(REPORT_FORMATS).optional() }),
  );
  return [
    readRoute(
      intents,
      '/api/shows',
      'shows:list',
      'Ended shows, newest first (the archive).',
      z.object({ limit: digits, offset: digits }),
    ),
    readRoute(
      intents,
      '/api/shows/:id',
      'shows:get',
      'One show, read-only: questions of one status (paged), what aired when, who acted.',
      z.object({ status: z.enum(COMMENT_STATUSES).optional(), limit: digits, offset: digits }),
    ),
    {
      ...report,
      handle: async (request) => {
        const answer = await report.handle(request);
        const { download } = answer.body as { download: ReportDownload | null };
        if (answer.status !== 200 || download === null) return answer;
        return { status: 200, body: null, ...download };
      },
    },
  ];
}
