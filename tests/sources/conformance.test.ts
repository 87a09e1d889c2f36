// The same faults against every source: a dropped connection, a stall, a rate limit with its
// reset, a server error, malformed data, double delivery, a restart of the core mid-show and,
// where the platform reports them, deletions. Every post arrives exactly once; every reported
// deletion is retracted.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommentSource } from '../../src/sources/source.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';
import {
  blueskyDriver,
  facebookDriver,
  linkedInDriver,
  twitchEventSubDriver,
  twitchIrcDriver,
  mastodonDriver,
  xDriver,
  youTubeListDriver,
  youTubeStreamDriver,
  type SourceDriver,
} from './conformance-drivers.js';

describe.each([
  ['X', xDriver],
  ['YouTube list', youTubeListDriver],
  ['YouTube streamList', youTubeStreamDriver],
  ['Facebook Live', facebookDriver],
  ['LinkedIn', linkedInDriver],
  ['Twitch EventSub', twitchEventSubDriver],
  ['Twitch IRC', twitchIrcDriver],
  ['Mastodon', mastodonDriver],
  ['Bluesky', blueskyDriver],
])('conformance: %s', (_name, makeDriver: () => SourceDriver) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('takes every post exactly once through every fault, and retracts reported deletions', async () => {
    const driver = makeDriver();
    await driver.start();
    cleanups.push(() => driver.stop());
    const harness = sourceHarness();
    let source: CommentSource = driver.source(harness.context);
    source.start();
    cleanups.push(() => source.stop());
    const expected = new Set<string>();
    const sent = new Map<string, string>();
    const post = (label: string, count = 4): void => {
      for (let i = 0; i < count; i += 1) {
        const id = driver.post(`${label} ${i}?`);
        expected.add(id);
        sent.set(id, `${label} ${i}?`);
      }
    };
    const arrived = (): Promise<void> =>
      eventually(() => expect(new Set(harness.comments.keys())).toEqual(expected), 10_000);
    const connected = (): Promise<void> =>
      eventually(() => expect(harness.last()?.state).toBe('connected'), 5000);

    await connected();
    post('warm-up');
    await arrived();

    for (const [fault, cause] of [
      ['dropped connection', () => driver.drop()],
      ['stall', () => driver.stall()],
      ['rate limit', () => driver.rateLimit()],
      ['server error', () => driver.serverError()],
    ] as const) {
      const before = harness.statuses.length;
      cause();
      // The fault really happened: the source said so before it was back.
      const saidSo = (): Promise<void> =>
        eventually(() =>
          expect(harness.statuses.slice(before).map((s) => s.state)).toEqual(
            expect.arrayContaining([expect.stringMatching(/^(reconnecting|rate_limited)$/)]),
          ),
        );
      if (driver.liveOnly) {
        await saidSo();
        await connected();
      }
      post(fault);
      await arrived();
      await saidSo();
      await connected();
    }

    const malformedBefore = harness.malformed.length;
    driver.malformed();
    post('after garbage');
    await arrived();
    expect(harness.malformed.length).toBeGreaterThan(malformedBefore);

    driver.duplicateNext(3);
    post('delivered twice', 3);
    await arrived();
    await eventually(() => expect(harness.duplicates).toBeGreaterThan(0));

    // The core stops mid-show; posts keep coming; a new core starts from what was saved.
    await source.stop();
    if (!driver.liveOnly) post('while the core was down');
    const restarted = harness.statuses.length;
    source = driver.source(harness.context);
    source.start();
    if (driver.liveOnly) {
      // Connected again (a new status since the restart) before anyone writes.
      await eventually(() => {
        expect(harness.statuses.slice(restarted).map((s) => s.state)).toContain('connected');
        expect(harness.last()?.state).toBe('connected');
      }, 5000);
      post('after the restart');
    }
    await arrived();

    if (driver.reportsDeletions) {
      const [gone] = [...expected];
      if (gone === undefined) throw new Error('nothing posted');
      driver.remove(gone);
      expected.delete(gone);
      await eventually(() => expect(harness.retracted).toEqual([gone]), 5000);
      post('after the deletion', 2);
      await arrived();
    }

    if (driver.checksBeforeAir) {
      // No deletion events: right before air the source looks the post up on the platform.
      const [gone, kept] = [...expected];
      if (gone === undefined || kept === undefined) throw new Error('nothing posted');
      if (!source.stillThere) throw new Error(`${driver.name} cannot look posts up`);
      await expect(source.stillThere(kept)).resolves.toBe(true);
      driver.remove(gone);
      await expect(source.stillThere(gone)).resolves.toBe(false);
    }

    // Characters split across chunks come out whole.
    const texts = [...harness.comments.values()].map((c) => c.text);
    expect(texts.filter((text) => text.includes('\uFFFD'))).toEqual([]);
    // Text survives the wire intact: every driver adds "Grüße 👋" (2- and 4-byte UTF-8) to its
    // posts, so a character split across chunks or frames would show here.
    for (const [id, comment] of harness.comments) {
      expect(comment.text).toContain(sent.get(id));
      expect(comment.text).toContain('Grüße 👋');
    }
    expect([...harness.added.values()].every((times) => times === 1)).toBe(true);
    expect(harness.added.size).toBe(expected.size + harness.retracted.length);
  }, 60_000);
});
