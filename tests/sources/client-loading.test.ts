// The platforms' client libraries load only when a source that needs them runs (issue 11: the
// core's memory): the built `panelcast serve` is started with a preload that records every
// module it loads, once with no source on and once with X, YouTube and Twitch on.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { api } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const PRELOAD = path.join(repoRoot, 'tests', 'helpers', 'record-loaded-modules.mjs');

/** What each platform brings in: npm packages and the source modules that import them. */
const HEAVY = [
  'node_modules/@googleapis/youtube/',
  'node_modules/@grpc/grpc-js/',
  'node_modules/protobufjs/',
  'node_modules/twitter-api-v2/',
  'dist/src/sources/youtube-source.js',
  'dist/src/sources/x-source.js',
  'dist/src/sources/twitch-irc.js',
  'dist/src/sources/twitch-eventsub.js',
];

/** A local address where nothing listens: the sources start, then retry with backoff. */
async function deadAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('platform client libraries', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  /** Runs the core until `work` is done and returns which of HEAVY it had loaded by then. */
  async function heavyLoaded(work: (core: { url: string; token: string }) => Promise<void>) {
    const list = path.join(temp.dir, `loaded-${Date.now()}.txt`);
    const run = runCli(
      ['serve', '--port', '0', '--data-dir', path.join(temp.dir, 'data')],
      { PANELCAST_TEST_HOOKS: '1', PANELCAST_TEST_LOADED_FILE: list },
      ['--import', PRELOAD],
    );
    try {
      const core = await run.ready;
      await work(core);
      // An answer means start-up has run to its end, signal handlers included.
      expect((await api(core, 'GET', '/api/health')).status).toBe(200);
    } finally {
      // Stopped by SIGTERM, it exits normally and the preload writes what was loaded.
      expect(await run.stop(), run.stderr()).toBe(0);
    }
    const files = fs
      .readFileSync(list, 'utf8')
      .split('\n')
      .map((f) => f.replaceAll('\\', '/'));
    // The recording itself works: what every start needs is in it.
    expect(files.some((f) => f.includes('node_modules/better-sqlite3/'))).toBe(true);
    expect(files.some((f) => f.endsWith('dist/src/sources/sources-service.js'))).toBe(true);
    return HEAVY.filter((heavy) => files.some((f) => f.includes(heavy)));
  }

  it('are not loaded at start while no source needs them, and are once X, YouTube and Twitch run', async () => {
    expect(await heavyLoaded(() => Promise.resolve())).toEqual([]);

    const dead = await deadAddress();
    const settings = {
      '/api/sources/x': {
        ...{ enabled: true, hashtags: ['#NextTalk'], mode: 'stream', apiBaseUrl: dead },
        bearerToken: 'test-bearer',
      },
      '/api/sources/youtube': {
        ...{ enabled: true, video: 'dQw4w9WgXcQ', rootUrl: dead, grpcUrl: dead },
        apiKey: 'test-key',
      },
      '/api/sources/twitch/settings': { enabled: true, channel: 'nexttalk', apiBaseUrl: dead },
    };
    const turnedOn = await heavyLoaded(async (core) => {
      for (const [route, body] of Object.entries(settings)) {
        expect((await api(core, 'PUT', route, { body })).status, route).toBe(200);
      }
    });
    expect(turnedOn.toSorted()).toEqual(HEAVY.toSorted());

    // Saved and on: the next start loads them at once.
    expect((await heavyLoaded(() => Promise.resolve())).toSorted()).toEqual(HEAVY.toSorted());
  });
});
