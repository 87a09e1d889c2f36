// A full disk and a database locked by another program, against a running core: every write
// path answers with a code, the producer sees it, health keeps answering, the process lives,
// and nothing that was acknowledged (or posted on a platform meanwhile) is lost.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { AudienceAck } from '../../src/shared/protocol.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl, connectPublic, eventually, nextEvent } from '../helpers/sockets.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { canMountTmpfs, mountSmallDisk } from '../helpers/small-disk.js';
import { holdWriteLock, release } from '../helpers/write-lock.js';

const FAST_X = {
  keepAliveMs: 700,
  tcpStepMs: 50,
  tcpMaxMs: 400,
  httpInitialMs: 150,
  httpMaxMs: 600,
  pollIntervalMs: 250,
};

type ApiAnswer = Awaited<ReturnType<typeof api>>;

const FAST_YOUTUBE = {
  minPollMs: 50,
  waitForChatMs: 150,
  retry: { initialMs: 100, maxMs: 300, jitter: 0 },
  dailyUnits: 100_000_000,
};

function ask(socket: Socket, text: string): Promise<AudienceAck> {
  return socket.timeout(3000).emitWithAck('audience:ask', { text }) as Promise<AudienceAck>;
}

/** Enough blocked words that saving them needs fresh pages in the database. */
const BIG_BLOCKLIST = {
  words: Array.from({ length: 200 }, (_, i) => `blockedword${i}-${'x'.repeat(40)}`),
  authors: [],
};

describe('storage faults', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(): Promise<{ core: TestCore; audience: Socket }> {
    const core = await startTestCore({
      audienceLimits: { perDeviceGapSec: 0, perDeviceMax: 10_000 },
    });
    cleanups.push(() => core.dispose());
    expect(
      (await api(core, 'PUT', '/api/sources/audience', { body: { enabled: true } })).status,
    ).toBe(200);
    const audience = connectPublic(core.url, '/audience');
    cleanups.push(() => {
      audience.close();
    });
    await nextEvent(audience, 'audience:state');
    return { core, audience };
  }

  const storedTexts = (core: TestCore): string[] =>
    (
      core.db.prepare("SELECT text FROM comments WHERE platform = 'audience'").all() as {
        text: string;
      }[]
    ).map((r) => r.text);

  it('answers every write while another program holds the lock, and recovers when it lets go', async () => {
    const { core, audience } = await setup();
    const control = await connectControl(core.url, { token: core.token });
    cleanups.push(() => control.close());
    expect(await ask(audience, 'Before the lock, what happens?')).toEqual({ ok: true });

    const holder = await holdWriteLock(path.join(core.dataDir, 'panelcast.db'));
    cleanups.push(() => release(holder));

    const refused = await ask(audience, 'During the lock, is this kept?');
    expect(refused).toMatchObject({ ok: false, message: { code: 'audience.retry' } });
    const rest = await api(core, 'PUT', '/api/queue/blocklist', { body: BIG_BLOCKLIST });
    expect(rest.status).toBe(503);
    expect(rest.body).toMatchObject({
      message: { code: 'storage.busy', params: { dir: core.dataDir } },
    });
    const viaSocket = await control.request('queue:setBlocklist', BIG_BLOCKLIST);
    expect(viaSocket).toMatchObject({ ok: false, message: { code: 'storage.busy' } });
    // The producer sees it, and it is counted.
    const storage = core.hub.get('diagnostics').storage;
    expect(storage.fault?.code).toBe('storage.busy');
    expect(storage.faults.busy).toBeGreaterThanOrEqual(3);
    // The refused blocklist is not in force either: memory follows what is stored.
    expect(core.hub.get('queue').blocklist.words).toEqual([]);
    // Reads and health go on.
    expect((await api(core, 'GET', '/api/health')).status).toBe(200);
    expect((await api(core, 'GET', '/api/comments')).status).toBe(200);

    await release(holder);
    await eventually(() => expect(core.hub.get('diagnostics').storage.fault).toBeNull(), 5000);
    expect(await ask(audience, 'After the lock, does it work?')).toEqual({ ok: true });
    expect((await api(core, 'PUT', '/api/queue/blocklist', { body: BIG_BLOCKLIST })).status).toBe(
      200,
    );
    expect(storedTexts(core).sort()).toEqual(
      ['After the lock, does it work?', 'Before the lock, what happens?'].sort(),
    );
  });

  it('refuses with "please try again" when the disk is full, and keeps every acknowledged question', async () => {
    const { core, audience } = await setup();
    const control = await connectControl(core.url, { token: core.token });
    cleanups.push(() => control.close());
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`);

    const acknowledged: string[] = [];
    let refusal: AudienceAck | null = null;
    for (let i = 0; i < 400 && refusal === null; i += 1) {
      const text = `Question ${i}: ${'why is the sky so full of words? '.repeat(8)}`.slice(0, 280);
      const answer = await ask(audience, text);
      if (answer.ok) acknowledged.push(text.trim());
      else refusal = answer;
    }
    expect(refusal).toMatchObject({
      ok: false,
      message: { code: 'audience.retry' },
      retryAfterSec: 5,
    });
    const rest = await api(core, 'PUT', '/api/queue/blocklist', { body: BIG_BLOCKLIST });
    expect(rest.status).toBe(503);
    expect(rest.body).toMatchObject({ message: { code: 'storage.full' } });
    expect(await control.request('queue:setBlocklist', BIG_BLOCKLIST)).toMatchObject({
      ok: false,
      message: { code: 'storage.full' },
    });
    await eventually(() =>
      expect(
        control.patches.some((p) => p.diagnostics?.storage.fault?.code === 'storage.full'),
      ).toBe(true),
    );
    expect((await api(core, 'GET', '/api/health')).status).toBe(200);
    // What the moderators see is what is stored: no question that was refused.
    expect(
      core.queue
        .list(null)
        .map((c) => c.text)
        .sort(),
    ).toEqual([...acknowledged].sort());

    core.db.pragma('max_page_count = 1073741823');
    await eventually(() => expect(core.hub.get('diagnostics').storage.fault).toBeNull(), 5000);
    expect(await ask(audience, 'Space again, so does this work?')).toEqual({ ok: true });
    expect(storedTexts(core).sort()).toEqual(
      [...acknowledged, 'Space again, so does this work?'].sort(),
    );
  });

  it('fetches the X posts from the fault window again: none lost, none twice', async () => {
    const fake = new FakeXApi();
    fake.heartbeatMs = 100;
    await fake.start();
    cleanups.push(() => fake.stop());
    const core = await startTestCore({ xTimings: FAST_X });
    cleanups.push(() => core.dispose());
    const configured = await api(core, 'PUT', '/api/sources/x', {
      body: {
        enabled: true,
        hashtags: ['#NextTalk'],
        bearerToken: fake.bearer,
        apiBaseUrl: fake.url,
      },
    });
    expect(configured.status).toBe(200);
    const xIds = (): string[] =>
      core.queue
        .list(null)
        .filter((c) => c.platform === 'x')
        .map((c) => c.platformId);
    await eventually(() =>
      expect(core.hub.get('sources').find((s) => s.id === 'x')?.state).toBe('connected'),
    );
    const before = Array.from(
      { length: 5 },
      (_, i) => fake.post(`Before ${i}? #NextTalk`, `u${i}`).id,
    );
    await eventually(() => expect(xIds().sort()).toEqual([...before].sort()));

    const holder = await holdWriteLock(path.join(core.dataDir, 'panelcast.db'));
    cleanups.push(() => release(holder));
    const during = Array.from(
      { length: 12 },
      (_, i) => fake.post(`During ${i}? #NextTalk`, `v${i}`).id,
    );
    await eventually(() =>
      expect(core.hub.get('diagnostics').storage.faults.busy).toBeGreaterThan(0),
    );
    expect(xIds().sort()).toEqual([...before].sort());

    await release(holder);
    const after = Array.from(
      { length: 3 },
      (_, i) => fake.post(`After ${i}? #NextTalk`, `w${i}`).id,
    );
    const all = [...before, ...during, ...after];
    await eventually(() => expect(xIds().sort()).toEqual([...all].sort()), 15_000);
    expect(xIds()).toHaveLength(20);
  });
  /** A core reading X and YouTube (both fakes) and the audience page. */
  async function platformSetup(dataDir?: string): Promise<{
    core: TestCore;
    audience: Socket;
    x: FakeXApi;
    youtube: FakeYouTubeApi;
  }> {
    const x = new FakeXApi();
    x.heartbeatMs = 100;
    await x.start();
    cleanups.push(() => x.stop());
    const youtube = new FakeYouTubeApi();
    youtube.pollingIntervalMillis = 50;
    await youtube.start();
    cleanups.push(() => youtube.stop());
    const core = await startTestCore({
      ...(dataDir ? { dataDir } : {}),
      xTimings: FAST_X,
      youtubeTimings: FAST_YOUTUBE,
      audienceLimits: { perDeviceGapSec: 0, perDeviceMax: 10_000 },
    });
    cleanups.push(() => core.dispose());
    const configure = async (id: string, body: object): Promise<void> => {
      expect((await api(core, 'PUT', `/api/sources/${id}`, { body })).status).toBe(200);
    };
    await configure('audience', { enabled: true });
    await configure('x', {
      enabled: true,
      hashtags: ['#NextTalk'],
      bearerToken: x.bearer,
      apiBaseUrl: x.url,
    });
    await configure('youtube', {
      enabled: true,
      video: youtube.videoId,
      apiKey: youtube.apiKey,
      rootUrl: youtube.url,
    });
    const audience = connectPublic(core.url, '/audience');
    cleanups.push(() => {
      audience.close();
    });
    await nextEvent(audience, 'audience:state');
    for (const id of ['x', 'youtube'])
      await eventually(() => expect(sourceState(core, id)?.state).toBe('connected'), 5000);
    return { core, audience, x, youtube };
  }

  const sourceState = (core: TestCore, id: string) =>
    core.hub.get('sources').find((s) => s.id === id);

  /** How often each post of `platform` is stored, by its platform id. */
  const storedCounts = (core: TestCore, platform: string): Map<string, number> =>
    new Map(
      (
        core.db
          .prepare(
            'SELECT platform_id AS id, COUNT(*) AS n FROM comments WHERE platform = ? GROUP BY platform_id',
          )
          .all(platform) as { id: string; n: number }[]
      ).map((r) => [r.id, r.n]),
    );

  const long = (label: string): string =>
    `${label}: ${'what happens to the words nobody could save? '.repeat(6)}`.slice(0, 270).trim();

  /** Audience questions and REST additions until the database refuses both; what was taken. */
  async function fillTheDisk(core: TestCore, audience: Socket, fill: () => void) {
    fill();
    const acked = { audience: [] as string[], rest: [] as string[] };
    const refused = { audience: null as AudienceAck | null, rest: null as ApiAnswer | null };
    for (let i = 0; i < 400 && (refused.audience === null || refused.rest === null); i += 1) {
      const question = long(`Question ${i}`);
      const answer = await ask(audience, question);
      if (answer.ok) acked.audience.push(question);
      else refused.audience ??= answer;
      const typed = long(`Typed ${i}`);
      const rest = await api(core, 'POST', '/api/queue/by-hand', {
        body: { platform: 'elsewhere', text: typed },
      });
      if (rest.status === 200) acked.rest.push(typed);
      else refused.rest ??= rest;
    }
    return { acked, refused };
  }

  interface FullDisk {
    dataDir?: string;
    fill(core: TestCore): void;
    free(core: TestCore): void;
  }
  const pageLimit = (): FullDisk => ({
    fill: (core) => {
      const pages = core.db.pragma('page_count', { simple: true }) as number;
      core.db.pragma(`max_page_count = ${pages}`);
    },
    free: (core) => core.db.pragma('max_page_count = 1073741823'),
  });
  const smallDisk = (): FullDisk => {
    const disk = mountSmallDisk(32);
    cleanups.push(() => disk.unmount());
    return { dataDir: disk.dir, fill: () => disk.fill(), free: () => disk.free() };
  };

  /** Fills the disk while X and YouTube post; counts what arrives once it is freed. */
  async function backfillAfterFullDisk(disk: FullDisk): Promise<void> {
    const { core, audience, x, youtube } = await platformSetup(disk.dataDir);
    const control = await connectControl(core.url, { token: core.token });
    cleanups.push(() => control.close());
    const before = {
      x: [0, 1, 2].map((i) => x.post(`Before ${i}? #NextTalk`, `u${i}`).id),
      youtube: [0, 1, 2].map((i) => youtube.say(`Before ${i}?`).id),
    };
    await eventually(() => {
      expect([...storedCounts(core, 'x').keys()].sort()).toEqual([...before.x].sort());
      expect([...storedCounts(core, 'youtube').keys()].sort()).toEqual([...before.youtube].sort());
    });

    const { acked, refused } = await fillTheDisk(core, audience, () => disk.fill(core));
    expect(refused.audience).toMatchObject({ ok: false, message: { code: 'audience.retry' } });
    expect(refused.rest).toMatchObject({
      status: 503,
      body: { message: { code: 'storage.full' } },
    });
    expect(
      await control.request('queue:addByHand', { platform: 'elsewhere', text: long('Control') }),
    ).toMatchObject({ ok: false, message: { code: 'storage.full' } });

    const during = {
      x: Array.from(
        { length: 8 },
        (_, i) => x.post(`${long(`During ${i}`)} #NextTalk`, `v${i}`).id,
      ),
      youtube: Array.from({ length: 8 }, (_, i) => youtube.say(long(`During ${i}`)).id),
    };
    // Both sources hit the full disk and say so; nothing from the window was taken and dropped.
    await eventually(() => {
      for (const id of ['x', 'youtube'])
        expect(sourceState(core, id)?.message.code).toBe('sources.not_stored');
    }, 5000);
    expect((await api(core, 'GET', '/api/health')).status).toBe(200);

    disk.free(core);
    await eventually(() => expect(core.hub.get('diagnostics').storage.fault).toBeNull(), 5000);
    const after = {
      x: [0, 1].map((i) => x.post(`After ${i}? #NextTalk`, `w${i}`).id),
      youtube: [0, 1].map((i) => youtube.say(`After ${i}?`).id),
    };
    for (const platform of ['x', 'youtube'] as const) {
      const all = [...before[platform], ...during[platform], ...after[platform]];
      await eventually(
        () => expect([...storedCounts(core, platform).keys()].sort()).toEqual([...all].sort()),
        15_000,
      );
      // Counted: each of the 13 posts exactly once, the 8 from the window included.
      expect([...storedCounts(core, platform).values()]).toEqual(all.map(() => 1));
      await eventually(() => expect(sourceState(core, platform)?.state).toBe('connected'));
    }
    // Every acknowledged question and REST addition is there; nothing refused slipped in.
    const stored = (platform: string): string[] =>
      (
        core.db.prepare('SELECT text FROM comments WHERE platform = ?').all(platform) as {
          text: string;
        }[]
      ).map((r) => r.text);
    expect(stored('audience').sort()).toEqual([...acked.audience].sort());
    expect(stored('elsewhere').sort()).toEqual([...acked.rest].sort());
  }

  it('fetches the YouTube chat from a locked window again, and says why it waits', async () => {
    const { core, youtube } = await platformSetup();
    const holder = await holdWriteLock(path.join(core.dataDir, 'panelcast.db'));
    cleanups.push(() => release(holder));
    const during = [0, 1, 2, 3, 4, 5, 6].map((i) => youtube.say(`Locked ${i}?`).id);
    // Saving the quota count fails too; the chat page is still read and its messages wait.
    await eventually(
      () => expect(sourceState(core, 'youtube')?.message.code).toBe('sources.not_stored'),
      5000,
    );
    expect(storedCounts(core, 'youtube').size).toBe(0);

    await release(holder);
    await eventually(
      () => expect([...storedCounts(core, 'youtube').keys()].sort()).toEqual([...during].sort()),
      10_000,
    );
    expect([...storedCounts(core, 'youtube').values()]).toEqual(during.map(() => 1));
  });

  it('fetches the X posts and YouTube chat from a full disk (SQLite page limit) again: none lost, none twice', () =>
    backfillAfterFullDisk(pageLimit()));

  it.skipIf(!canMountTmpfs())(
    'fetches the X posts and YouTube chat from a full disk (a small tmpfs filled up) again: none lost, none twice',
    () => backfillAfterFullDisk(smallDisk()),
  );

  it('takes back a YouTube message deleted while the database was locked, once it is free', async () => {
    const { core, youtube } = await platformSetup();
    const kept = youtube.say('Kept?').id;
    const deleted = youtube.say('Deleted soon?').id;
    const status = (id: string): string | undefined =>
      core.queue.list(null).find((c) => c.platformId === id)?.status;
    await eventually(() => expect(status(deleted)).toBe('incoming'));
    const holder = await holdWriteLock(path.join(core.dataDir, 'panelcast.db'));
    cleanups.push(() => release(holder));
    youtube.deleteMessage(deleted);
    await eventually(
      () => expect(sourceState(core, 'youtube')?.message.code).toBe('sources.not_stored'),
      5000,
    );
    expect(status(deleted)).toBe('incoming');

    await release(holder);
    await eventually(() => expect(status(deleted)).toBe('rejected'), 10_000);
    expect(status(kept)).toBe('incoming');
    await eventually(() => expect(sourceState(core, 'youtube')?.state).toBe('connected'));
  });

  it('keeps the note that OBS went live while the database was locked, and saves it after', async () => {
    const core = await startTestCore();
    cleanups.push(() => core.dispose());
    const events = (): { source: string; kind: string; at: string }[] =>
      core.db.prepare('SELECT source, kind, at FROM stream_events').all() as {
        source: string;
        kind: string;
        at: string;
      }[];
    const holder = await holdWriteLock(path.join(core.dataDir, 'panelcast.db'));
    cleanups.push(() => release(holder));
    const startedAt = new Date().toISOString();
    // OBS reports its stream started: the state change itself must not fail.
    core.hub.update('obs', (obs) => ({ ...obs, stream: { ...obs.stream, startedAt } }));
    expect(core.hub.get('diagnostics').storage.fault?.code).toBe('storage.busy');
    expect(events()).toEqual([]);

    await release(holder);
    await eventually(() => expect(core.hub.get('diagnostics').storage.fault).toBeNull(), 5000);
    expect(events()).toEqual([{ source: 'obs', kind: 'up', at: startedAt }]);
  });
});
