// Each show is pushed only to the destinations it chose: with real ffmpeg, a test source goes
// into the ingest, the chosen receiver gets the stream, the other is not started until the show
// adds it mid-stream.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startTestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver } from '../helpers/ffmpeg.js';
import { FAST_BACKOFF, addDestination, dest, publishTestSource } from '../helpers/relay.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const size = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);

describe("a show's destinations", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('pushes only to the destinations the show uses, and follows a change mid-stream', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST_BACKOFF });
    cleanups.push(() => core.dispose());
    const ports = await Promise.all([freePort(), freePort()]);
    const receivers = ports.map((port, i) => rtmpReceiver(port, path.join(temp.dir, `r${i}.flv`)));
    cleanups.push(() => Promise.all(receivers.map((r) => r.stop())).then(() => undefined));
    await addDestination(core, 'youtube-main', `rtmp://127.0.0.1:${ports[0]}/live`, 'key');
    await addDestination(core, 'twitch-alt', `rtmp://127.0.0.1:${ports[1]}/live`, 'key');

    const chosen = await api(core, 'PUT', '/api/shows/current', {
      body: { destinations: ['youtube-main'] },
    });
    expect(chosen.status).toBe(200);
    expect(dest(core, 'twitch-alt')).toMatchObject({
      state: 'disabled',
      message: { code: 'relay.not_in_show' },
    });

    const source = await publishTestSource(core);
    cleanups.push(() => {
      source.kill('SIGKILL');
    });
    await eventually(() => expect(dest(core, 'youtube-main')?.state).toBe('live'), 15_000);
    await eventually(() => expect(size(receivers[0]?.file ?? '')).toBeGreaterThan(50_000), 15_000);
    // Not started at all: its receiver never got a connection, so it wrote nothing.
    expect(dest(core, 'twitch-alt')?.state).toBe('disabled');
    expect(size(receivers[1]?.file ?? '')).toBe(0);

    // The producer adds it while streaming: its push starts without touching the other.
    const since = dest(core, 'youtube-main')?.liveSince;
    await api(core, 'PUT', '/api/shows/current', {
      body: { destinations: ['youtube-main', 'twitch-alt'] },
    });
    await eventually(() => expect(dest(core, 'twitch-alt')?.state).toBe('live'), 15_000);
    await eventually(() => expect(size(receivers[1]?.file ?? '')).toBeGreaterThan(50_000), 15_000);
    expect(dest(core, 'youtube-main')?.liveSince).toBe(since);
  });
});
