// The multistream relay with real ffmpeg: a test source → Panelcast's ingest → three local RTMP
// receivers standing in for platforms; one receiver dies and comes back.
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { DestinationStatus } from '../../src/shared/state.js';
import { IngestServer } from '../../src/relay/ingest.js';
import { silentLogger } from '../../src/shared/logger.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import {
  largestGap,
  rtmpReceiver,
  testSource,
  videoPacketTimes,
  type Receiver,
  type TestSourceOptions,
} from '../helpers/ffmpeg.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const FAST = { initialMs: 500, maxMs: 2000, jitter: 0 };

describe('multistream relay', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const dest = (core: TestCore, id: string): DestinationStatus | undefined =>
    core.hub.get('relay').destinations.find((d) => d.id === id);

  async function publishing(
    core: TestCore,
    options: TestSourceOptions = {},
  ): Promise<ChildProcess> {
    const target = (await core.intents.dispatch(
      'relay:publishTarget',
      {},
      { actor: 'test', channel: 'rest', role: 'producer' },
    )) as {
      ok: true;
      value: { server: string; key: string };
    };
    const source = testSource(`${target.value.server}/${target.value.key}`, options);
    cleanups.push(() => {
      source.kill('SIGKILL');
    });
    await eventually(() => expect(core.hub.get('relay').ingest.state).toBe('live'), 10_000);
    return source;
  }

  it('feeds three platforms; one dies and resumes by itself while the others never miss a frame', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST });
    cleanups.push(() => core.dispose());
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const receivers: Receiver[] = ports.map((port, i) =>
      rtmpReceiver(port, path.join(temp.dir, `r${i + 1}.flv`)),
    );
    cleanups.push(() => Promise.all(receivers.map((r) => r.stop())).then(() => undefined));

    for (const [i, port] of ports.entries()) {
      const res = await api(core, 'PUT', `/api/destinations/d${i + 1}`, {
        body: {
          name: `Platform ${i + 1}`,
          platform: 'custom',
          serverUrl: `rtmp://127.0.0.1:${port}/live`,
          streamKey: 'key',
          enabled: true,
        },
      });
      expect(res.status).toBe(200);
    }
    const listed = (await api(core, 'GET', '/api/destinations')).body as {
      destinations: DestinationStatus[];
    };
    expect(listed.destinations.map((d) => [d.id, d.keySaved, d.state])).toEqual([
      ['d1', true, 'idle'],
      ['d2', true, 'idle'],
      ['d3', true, 'idle'],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/"key"|streamKey/);

    const source = await publishing(core);
    await eventually(() => {
      for (const id of ['d1', 'd2', 'd3']) expect(dest(core, id)?.state, id).toBe('live');
    }, 15_000);
    await eventually(() => expect(dest(core, 'd1')?.bitrateKbps ?? 0).toBeGreaterThan(100), 5000);

    // Platform 2 goes away mid-stream.
    receivers[1]?.process.kill('SIGKILL');
    await eventually(() => expect(dest(core, 'd2')?.state).toBe('retrying'), 10_000);
    expect(dest(core, 'd2')?.message).toMatchObject({ code: 'relay.retrying' });
    expect(dest(core, 'd2')?.message.details).toMatch(/Retrying in \d+ s\.$/);
    expect(dest(core, 'd1')?.state).toBe('live');
    expect(dest(core, 'd3')?.state).toBe('live');
    await new Promise((r) => setTimeout(r, 2500));

    // It comes back: the relay finds it again on its own.
    const back = rtmpReceiver(ports[1], path.join(temp.dir, 'r2-back.flv'));
    cleanups.push(() => back.stop());
    await eventually(() => expect(dest(core, 'd2')?.state).toBe('live'), 15_000);
    await new Promise((r) => setTimeout(r, 2000));

    source.kill('SIGINT');
    await eventually(() => expect(dest(core, 'd1')?.state).toBe('idle'), 15_000);
    await Promise.all([receivers[0]?.stop(), receivers[2]?.stop(), back.stop()]);

    for (const file of ['r1.flv', 'r3.flv']) {
      const times = videoPacketTimes(path.join(temp.dir, file));
      expect(times.length, file).toBeGreaterThan(30 * 6);
      // At 30 fps a frame comes every 33 ms; anything near a second would be a visible freeze.
      expect(largestGap(times), file).toBeLessThan(0.2);
    }
    expect(videoPacketTimes(path.join(temp.dir, 'r2-back.flv')).length).toBeGreaterThan(30);
  }, 90_000);

  it('says what is wrong with a bad address, a refused connection or a wrong key — and the others keep going', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST });
    cleanups.push(() => core.dispose());
    const goodPort = await freePort();
    const good = rtmpReceiver(goodPort, path.join(temp.dir, 'good.flv'));
    cleanups.push(() => good.stop());
    // A "platform" that only accepts its own stream key and closes the connection otherwise.
    const platform = new IngestServer({
      port: 0,
      key: 'the-right-key',
      backoff: FAST,
      logger: silentLogger,
      onStream: () => undefined,
      onLive: () => undefined,
      onStopped: () => undefined,
      onRestarted: () => undefined,
    });
    const platformPort = await platform.start();
    cleanups.push(() => platform.stop());
    const closedPort = await freePort();

    const destinations: [string, string, string][] = [
      ['good', `rtmp://127.0.0.1:${goodPort}/live`, 'key'],
      ['nohost', 'rtmp://no-such-platform.invalid/live', 'key'],
      ['refused', `rtmp://127.0.0.1:${closedPort}/live`, 'key'],
      ['wrongkey', `rtmp://127.0.0.1:${platformPort}/live`, 'not-the-right-key'],
    ];
    for (const [id, serverUrl, streamKey] of destinations) {
      await api(core, 'PUT', `/api/destinations/${id}`, {
        body: { name: id, platform: 'custom', serverUrl, streamKey, enabled: true },
      });
    }
    await publishing(core);
    await eventually(() => {
      expect(dest(core, 'good')?.state).toBe('live');
      expect(dest(core, 'nohost')?.message.details).toMatch(/^The server address does not exist/);
      expect(dest(core, 'refused')?.message.details).toMatch(/^The server refused the connection/);
      expect(dest(core, 'wrongkey')?.message.details).toMatch(
        /check the stream key|rejected the stream key/,
      );
    }, 20_000);
    for (const id of ['nohost', 'refused', 'wrongkey'])
      expect(dest(core, id)?.state).toBe('retrying');
    // Panelcast itself is fine, and no key ever reached a log line.
    expect((await api(core, 'GET', '/api/health', { token: null })).status).toBe(200);
    const logs = JSON.stringify(core.logs);
    expect(logs).not.toContain('not-the-right-key');

    // Turning one off stops its retries; removing it forgets its key.
    await api(core, 'PUT', '/api/destinations/refused', {
      body: {
        name: 'refused',
        platform: 'custom',
        serverUrl: `rtmp://127.0.0.1:${closedPort}/live`,
        enabled: false,
      },
    });
    await eventually(() => expect(dest(core, 'refused')?.state).toBe('disabled'));
    expect((await api(core, 'DELETE', '/api/destinations/nohost')).status).toBe(200);
    expect(dest(core, 'nohost')).toBeUndefined();
    expect(dest(core, 'good')?.state).toBe('live');
  }, 60_000);

  it('checks the stream against the platform before it refuses it, and shows the upload needed', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST });
    cleanups.push(() => core.dispose());
    const port = await freePort();
    const receiver = rtmpReceiver(port, path.join(temp.dir, 'fb.flv'));
    cleanups.push(() => receiver.stop());
    // Facebook wants a keyframe every 2 s; this encoder sends one every 4 s.
    await api(core, 'PUT', '/api/destinations/fb', {
      body: {
        name: 'Facebook',
        platform: 'facebook',
        serverUrl: `rtmp://127.0.0.1:${port}/live`,
        streamKey: 'key',
        enabled: true,
      },
    });
    await publishing(core, { gop: 120, bitrateKbps: 1500 });
    await eventually(() => {
      const fb = dest(core, 'fb');
      expect(fb?.state).toBe('live');
      expect(fb?.warnings).toEqual([
        { code: 'keyframeInterval', actual: expect.closeTo(4000, -2) as number, limit: 2000 },
      ]);
    }, 30_000);
    const relay = core.hub.get('relay');
    expect(relay.stream).toMatchObject({ width: 640, height: 360, fps: 30 });
    expect(relay.upload?.neededKbps).toBe(relay.stream?.kbps);
    expect(relay.upload?.neededKbps).toBeGreaterThan(800);
  }, 60_000);

  it('validates destinations and fills in platform presets', async () => {
    const core = await startTestCore();
    cleanups.push(() => core.dispose());
    const yt = await api(core, 'PUT', '/api/destinations/yt', {
      body: { name: 'YouTube', platform: 'youtube', streamKey: 'abcd-efgh', enabled: true },
    });
    expect(yt.status).toBe(200);
    expect(dest(core, 'yt')?.serverUrl).toBe('rtmps://a.rtmps.youtube.com:443/live2');
    const noUrl = await api(core, 'PUT', '/api/destinations/li', {
      body: { name: 'LinkedIn', platform: 'linkedin', streamKey: 'k', enabled: true },
    });
    expect(noUrl).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('paste the RTMP server URL') },
    });
    const badUrl = await api(core, 'PUT', '/api/destinations/c', {
      body: { name: 'C', platform: 'custom', serverUrl: 'http://example.org', enabled: false },
    });
    expect(badUrl.status).toBe(400);
    const noKey = await api(core, 'PUT', '/api/destinations/t', {
      body: { name: 'Twitch', platform: 'twitch', enabled: true },
    });
    expect(noKey).toMatchObject({
      status: 400,
      body: { error: 'Twitch needs its stream key before it can be turned on.' },
    });
    expect(fs.existsSync(core.dataDir)).toBe(true);
  });
});
