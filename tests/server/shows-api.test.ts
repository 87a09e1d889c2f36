// The show as the unit of work, over REST: a new show starts with an empty queue, only "Go live"
// makes a show live, ending needs a confirmation, chosen questions carry over, platform ids stay
// de-duplicated across shows, and the archive counts each past show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { message } from '../../src/shared/messages/message.js';
import type { Comment } from '../../src/shared/comment.js';
import type { ShowDetail } from '../../src/shared/report.js';
import type { ArchivedShow, ShowInfo } from '../../src/shared/show.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

let n = 0;
async function add(core: TestCore, text: string, platformId = `p${(n += 1)}`): Promise<Comment> {
  const answer = await api(core, 'POST', '/api/comments', {
    body: {
      platform: 'youtube',
      platformId,
      author: { name: `Viewer ${n}`, handle: `@v${n}`, avatarUrl: null, profileUrl: null },
      text,
      createdAt: new Date().toISOString(),
      url: `https://www.youtube.com/watch?v=x&lc=${platformId}`,
      superchat: null,
    },
  });
  return (answer.body as { comment: Comment }).comment;
}

async function act(core: TestCore, id: string, action: string): Promise<void> {
  const answer = await api(core, 'POST', `/api/comments/${id}/${action}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

const current = (core: TestCore): ShowInfo => core.hub.get('show');

describe('shows over REST', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await startTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  it('goes planned → live → ended only when asked, and refuses to end unconfirmed', async () => {
    expect(current(core).state).toBe('planned');
    expect((await api(core, 'POST', '/api/shows/current/end', { body: {} })).status).toBe(400);
    expect((await api(core, 'POST', '/api/shows', { body: { from: 'last' } })).status).toBe(409);

    const live = await api(core, 'POST', '/api/shows/current/live');
    expect(live.status).toBe(200);
    expect(current(core).state).toBe('live');
    expect(current(core).liveAt).not.toBeNull();
    expect((await api(core, 'POST', '/api/shows/current/live')).status).toBe(409);

    const ended = await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    expect(ended.status).toBe(200);
    expect(current(core).state).toBe('ended');
    expect((await api(core, 'POST', '/api/shows/current/live')).status).toBe(409);
  });

  it('starts a new show with an empty queue, carries chosen questions over, keeps ids unique', async () => {
    await api(core, 'PUT', '/api/shows/current', {
      body: { title: 'NextTalk #1', hashtags: ['#NextTalk'] },
    });
    await api(core, 'PUT', '/api/rundown', {
      body: {
        segments: [
          { title: 'Intro', plannedSec: 60 },
          { title: 'Panel', plannedSec: 600 },
        ],
      },
    });
    await api(core, 'POST', '/api/shows/current/live');
    const aired = await add(core, 'What will be aired?');
    const kept = await add(core, 'Approved but never aired?');
    const carried = await add(core, 'Carry me over to next week?');
    const pending = await add(core, 'Still pending?', 'pending-1');
    await act(core, aired.id, 'approve');
    await act(core, aired.id, 'air');
    await act(core, kept.id, 'approve');
    await act(core, carried.id, 'approve');
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    const first = current(core);

    const made = await api(core, 'POST', '/api/shows', { body: { from: 'last' } });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const second = current(core);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({
      title: 'NextTalk #1',
      hashtags: ['#NextTalk'],
      state: 'planned',
    });
    // The same rundown, not yet started.
    expect(core.hub.get('rundown').segments.map((s) => s.title)).toEqual(['Intro', 'Panel']);
    expect(core.hub.get('rundown').index).toBe(-1);
    // Nothing of show 1 is in show 2's queue or on air.
    expect(core.queue.size).toBe(0);
    expect(core.hub.get('queue').onAir).toBeNull();
    expect(core.hub.get('queue').order).toEqual([]);
    const listed = await api(core, 'GET', '/api/comments');
    expect((listed.body as { total: number }).total).toBe(0);

    // The same platform post delivered again is still a duplicate, in any show.
    const again = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'youtube',
        platformId: 'pending-1',
        author: { name: 'Viewer', handle: null, avatarUrl: null, profileUrl: null },
        text: 'Still pending?',
        createdAt: new Date().toISOString(),
        url: null,
        superchat: null,
      },
    });
    expect((again.body as { duplicate: boolean }).duplicate).toBe(true);

    // Only approved, unaired questions of an ended show can be carried over.
    const refused = await api(core, 'POST', '/api/shows/current/carry-over', {
      body: { ids: [aired.id, pending.id] },
    });
    expect(refused.status).toBe(409);
    const carry = await api(core, 'POST', '/api/shows/current/carry-over', {
      body: { ids: [carried.id] },
    });
    expect(carry.status).toBe(200);
    expect(core.hub.get('queue').order).toEqual([carried.id]);
    expect(core.queue.get(kept.id)).toBeUndefined();

    const archive = await api(core, 'GET', '/api/shows');
    const shows = (archive.body as { shows: ArchivedShow[] }).shows;
    expect(shows).toHaveLength(1);
    expect(shows[0]).toMatchObject({ id: first.id, title: 'NextTalk #1', comments: 4, aired: 1 });

    const detail = await api(core, 'GET', `/api/shows/${first.id}?status=approved`);
    const body = detail.body as ShowDetail;
    expect(body.counts).toMatchObject({ approved: 1, on_air: 1, incoming: 1 });
    expect(body.questions.items.map((q) => q.id)).toEqual([kept.id]);
    expect(body.onAir.map((row) => row.text)).toEqual(['What will be aired?']);
    expect(body.carriedOver).toBe(1);
    expect(body.actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['show:goLive', 'queue:approve', 'queue:air', 'show:end']),
    );
  });

  it('starts from the saved template, and says so when there is none', async () => {
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    const none = await api(core, 'POST', '/api/shows', { body: { from: 'template' } });
    expect(none.status).toBe(409);
    expect((none.body as { message: { code: string } }).message.code).toBe('show.no_template');
    await api(core, 'POST', '/api/shows', { body: { from: 'last', title: 'Weekly' } });
    await api(core, 'PUT', '/api/shows/current', { body: { hashtags: ['#Weekly'] } });
    expect((await api(core, 'POST', '/api/shows/template')).status).toBe(200);
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    const planned = '2026-12-02T18:00:00.000Z';
    await api(core, 'POST', '/api/shows', { body: { from: 'template', plannedStart: planned } });
    expect(current(core)).toMatchObject({
      title: 'Weekly',
      hashtags: ['#Weekly'],
      plannedStart: planned,
      state: 'planned',
    });
  });

  it('downloads the report as Markdown, CSV and JSON, and refuses an unknown format', async () => {
    await api(core, 'PUT', '/api/rundown', {
      body: { segments: ['Intro', 'Panel', 'Q&A'].map((title) => ({ title, plannedSec: 60 })) },
    });
    await api(core, 'POST', '/api/shows/current/live');
    for (let i = 0; i < 3; i += 1) await api(core, 'POST', '/api/rundown/next');
    const one = await add(core, 'First, "quoted", question?');
    await add(core, 'Second question?');
    await act(core, one.id, 'approve');
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    const id = current(core).id;

    const csv = await api(core, 'GET', `/api/shows/${id}/report?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="show-${id}-report.csv"`,
    );
    const rows = (csv.body as string).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 2);
    expect(rows[1]).toContain('"First, ""quoted"", question?"');

    const md = await api(core, 'GET', `/api/shows/${id}/report?format=md`);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    // No stream ran, so the report says there is nothing to time chapters from.
    expect(md.body as string).toContain('Does not qualify for YouTube chapters: no stream start');
    expect(md.body as string).toContain('Second question?');

    const json = await api(core, 'GET', `/api/shows/${id}/report`);
    const report = (json.body as { report: { followUp: { text: string }[]; segments: unknown[] } })
      .report;
    expect(report.segments).toHaveLength(3);
    expect(report.followUp.map((q) => q.text)).toEqual([
      'First, "quoted", question?',
      'Second question?',
    ]);
    expect((await api(core, 'GET', `/api/shows/${id}/report?format=pdf`)).status).toBe(400);
  });

  it('runs only the sources the show chose, refuses unknown ones, and carries the choice on', async () => {
    const running = () =>
      core.hub
        .get('sources')
        .map((s) => s.id)
        .sort();
    let wallStarts = 0;
    await core.sources.register({
      id: 'demo-wall',
      label: { en: 'Demo wall', de: 'Demo-Wand' },
      settings: z.object({ enabled: z.boolean() }),
      fields: { enabled: { en: 'On', de: 'An' } },
      apply: (settings, runner) =>
        settings.enabled
          ? runner.run((context) => ({
              start: () => {
                wallStarts += 1;
                context.status('connected', message('source.connected'));
              },
              stop: () => Promise.resolve(),
            }))
          : runner.stop(),
    });
    await api(core, 'PUT', '/api/sources/demo-wall/settings', { body: { enabled: true } });
    await expect.poll(running).toEqual(['audience', 'demo-wall']);

    const unknown = await api(core, 'PUT', '/api/shows/current', { body: { sources: ['nope'] } });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { message: { code: string } }).message.code).toBe(
      'show.unknown_source',
    );
    const nowhere = await api(core, 'PUT', '/api/shows/current', {
      body: { destinations: ['nowhere'] },
    });
    expect((nowhere.body as { message: { code: string } }).message.code).toBe(
      'show.unknown_destination',
    );
    expect(current(core)).toMatchObject({ sources: null, destinations: null });

    // This show takes questions from the wall only: the audience page's source stops.
    const wallOnly = await api(core, 'PUT', '/api/shows/current', {
      body: { sources: ['demo-wall'], destinations: [] },
    });
    expect(wallOnly.status).toBe(200);
    await expect.poll(running).toEqual(['demo-wall']);

    // The next show, duplicated from this one, uses the same.
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    await api(core, 'POST', '/api/shows', { body: { from: 'last' } });
    expect(current(core)).toMatchObject({ sources: ['demo-wall'], destinations: [] });
    await api(core, 'PUT', '/api/shows/current', { body: { sources: ['audience'] } });
    await expect.poll(running).toEqual(['audience']);
    await api(core, 'PUT', '/api/shows/current', { body: { sources: null } });
    await expect.poll(running).toEqual(['audience', 'demo-wall']);
    // The same sources named one by one: nothing restarts (X would reconnect and backfill).
    const starts = wallStarts;
    await api(core, 'PUT', '/api/shows/current', { body: { sources: ['audience', 'demo-wall'] } });
    // One more round trip gives a (wrong) restart the time to happen.
    await api(core, 'GET', '/api/sources');
    expect(wallStarts).toBe(starts);
  });

  it('answers 404 for a show that does not exist', async () => {
    expect((await api(core, 'GET', '/api/shows/999')).status).toBe(404);
    expect((await api(core, 'GET', '/api/shows/999/report')).status).toBe(404);
  });
});
