// Privacy over REST: after the retention period no viewer name, handle, avatar or post link
// remains in an ended show's rows (the questions do), a recent show keeps them; one person's
// comments are deleted in every show on request; both land in the audit log without the name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

async function add(core: TestCore, id: string, name: string, handle: string): Promise<void> {
  const answer = await api(core, 'POST', '/api/comments', {
    body: {
      platform: 'youtube',
      platformId: id,
      author: {
        name,
        handle,
        avatarUrl: `https://yt3.example.test/${handle}.jpg`,
        profileUrl: `https://www.youtube.com/${handle}`,
      },
      text: `Question ${id}?`,
      createdAt: new Date().toISOString(),
      url: `https://www.youtube.com/watch?v=v&lc=${id}`,
      superchat: null,
    },
  });
  expect(answer.status).toBe(201);
}

async function endAndStartNext(core: TestCore): Promise<number> {
  const ended = core.hub.get('show').id;
  await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
  await api(core, 'POST', '/api/shows', { body: { from: 'last' } });
  return ended;
}

interface Row {
  author_name: string;
  author_handle: string | null;
  author_avatar: string | null;
  author_profile: string | null;
  url: string | null;
  text: string;
}

describe('privacy', () => {
  let core: TestCore;
  const rows = (showId: number): Row[] =>
    core.db
      .prepare(
        'SELECT author_name, author_handle, author_avatar, author_profile, url, text FROM comments WHERE show_id = ?',
      )
      .all(showId) as Row[];
  const actions = (name: string): { detail: string }[] =>
    core.db.prepare('SELECT detail FROM actions WHERE action = ?').all(name) as {
      detail: string;
    }[];

  beforeEach(async () => {
    core = await startTestCore();
  });
  afterEach(async () => {
    await core.dispose();
  });

  it('removes viewer names from shows that ended before the retention period', async () => {
    await add(core, 'a1', 'Lena Berg', '@lena');
    await add(core, 'a2', 'Omar Aziz', '@omar');
    const old = await endAndStartNext(core);
    await add(core, 'b1', 'Ines Roth', '@ines');
    const recent = await endAndStartNext(core);
    // Show 1 ended 40 days ago; show 2 just now.
    core.db
      .prepare('UPDATE shows SET ended_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 40 * 86_400_000).toISOString(), old);

    const set = await api(core, 'PUT', '/api/privacy/retention', { body: { days: 30 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ anonymized: 2 });
    for (const row of rows(old)) {
      expect(row).toMatchObject({
        author_name: '',
        author_handle: null,
        author_avatar: null,
        author_profile: null,
        url: null,
      });
    }
    expect(
      rows(old)
        .map((r) => r.text)
        .sort(),
    ).toEqual(['Question a1?', 'Question a2?']);
    const all = JSON.stringify(
      core.db.prepare('SELECT * FROM comments WHERE show_id = ?').all(old),
    );
    expect(all).not.toMatch(/Lena Berg|Omar Aziz|@lena|@omar/);
    expect(rows(recent)[0]).toMatchObject({ author_name: 'Ines Roth', author_handle: '@ines' });
    const logged = actions('privacy:retention');
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]?.detail ?? '{}')).toEqual({ days: 30, shows: [old], comments: 2 });
    // Nothing is left to do a second time.
    const again = await api(core, 'PUT', '/api/privacy/retention', { body: { days: 30 } });
    expect(again.body).toMatchObject({ anonymized: 0 });
  });

  it('deletes one person in every show, including the current queue, and logs no name', async () => {
    await add(core, 'c1', 'Lena Berg', '@lena');
    await add(core, 'c2', 'Omar Aziz', '@omar');
    await endAndStartNext(core);
    await add(core, 'c3', 'Lena Berg', '@Lena');
    expect(core.queue.size).toBe(1);

    const forget = await api(core, 'POST', '/api/privacy/forget', {
      body: { platform: 'youtube', by: 'handle', author: 'lena' },
    });
    expect(forget.status).toBe(200);
    expect(forget.body).toMatchObject({ deleted: 2 });
    const left = core.db.prepare('SELECT author_name FROM comments').all();
    expect(left).toEqual([{ author_name: 'Omar Aziz' }]);
    expect(core.queue.size).toBe(0);
    const logged = actions('privacy:forget');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.detail).not.toMatch(/lena/i);
    const bad = await api(core, 'POST', '/api/privacy/forget', {
      body: { platform: 'youtube', by: 'email', author: 'x' },
    });
    expect(bad.status).toBe(400);
  });
});
