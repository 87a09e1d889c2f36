// A source turned on and straight off again ends off, also while its client library is still
// loading: X, YouTube and Twitch import theirs when they start (issue 11), and the start that
// waited for it must not win over the newer "off".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/cli.js';
import { startTestCore, type TestCore } from '../helpers/core.js';

const AS = { actor: 'test', channel: 'rest', role: 'producer' } as const;
const PLATFORMS = ['twitch', 'x', 'youtube'];

describe('a source turned on and straight off again', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await startTestCore();
  });
  afterEach(() => core.dispose());

  it('ends off for X, YouTube and Twitch, and runs once turned on for good', async () => {
    // Nothing listens there: a running source retries with backoff and says so.
    const dead = `http://127.0.0.1:${await freePort()}`;
    const x = (enabled: boolean) =>
      core.intents.dispatch(
        'sources:configureX',
        { enabled, hashtags: ['#NextTalk'], mode: 'stream', bearerToken: 'b', apiBaseUrl: dead },
        AS,
      );
    const youtube = (enabled: boolean) =>
      core.intents.dispatch(
        'sources:configureYouTube',
        { enabled, video: 'dQw4w9WgXcQ', apiKey: 'k', rootUrl: dead, grpcUrl: dead },
        AS,
      );
    const twitch = (enabled: boolean) =>
      core.intents.dispatch(
        'sources:configure',
        { source: 'twitch', settings: { enabled, channel: 'nexttalk', apiBaseUrl: dead } },
        AS,
      );
    const running = () =>
      core.hub
        .get('sources')
        .map((s) => s.id)
        .filter((id) => PLATFORMS.includes(id))
        .toSorted();

    const results = await Promise.all([
      ...[x(true), x(false)],
      ...[youtube(true), youtube(false)],
      ...[twitch(true), twitch(false)],
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: true });
    expect(running()).toEqual([]);

    for (const result of await Promise.all([x(true), youtube(true), twitch(true)])) {
      expect(result).toMatchObject({ ok: true });
    }
    expect(running()).toEqual(PLATFORMS);
  });
});
