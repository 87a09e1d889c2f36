// The relay under a bad uplink: one destination behind a 1 Mbit/s rate limit (tc tbf on a veth
// into a network namespace), one behind a proxy that stops reading, one that answers with
// garbage. The healthy destination keeps every frame, the slow ones say they drop frames, the
// garbage one is closed with a plain message, and the ingest stays live throughout.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { largestGap, rtmpReceiver, videoPacketTimes } from '../helpers/ffmpeg.js';
import { canMakeNetns, makeNetns, type Netns } from '../helpers/netns.js';
import { FAST_BACKOFF, addDestination, dest, publishTestSource } from '../helpers/relay.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { garbageReceiver, stallingProxy } from '../fakes/rtmp-receivers.js';

const fileSize = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);

describe.runIf(canMakeNetns())('relay under a bad uplink', () => {
  const namespaces: Netns[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(() => {
    for (const ns of namespaces.splice(0)) ns.remove();
  });

  it('keeps the healthy destination gapless while slow, stalled and garbage ones fail alone', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST_BACKOFF });
    cleanups.push(() => core.dispose());

    const steadyPort = await freePort();
    const steady = rtmpReceiver(steadyPort, path.join(temp.dir, 'steady.flv'));
    cleanups.push(() => steady.stop());

    const slowNs = makeNetns();
    namespaces.push(slowNs);
    slowNs.limitRate('1mbit');
    const slow = slowNs.spawn('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-listen',
      '1',
      '-i',
      `rtmp://${slowNs.address}:1935/live/key`,
      '-c',
      'copy',
      '-f',
      'flv',
      '-y',
      path.join(temp.dir, 'slow.flv'),
    ]);
    cleanups.push(() => {
      slow.kill('SIGKILL');
    });

    const stalledPort = await freePort();
    const stalledReceiver = rtmpReceiver(stalledPort, path.join(temp.dir, 'stalled.flv'));
    cleanups.push(() => stalledReceiver.stop());
    const proxy = await stallingProxy(stalledPort, 1500);
    cleanups.push(() => proxy.close());
    const garbage = await garbageReceiver();
    cleanups.push(() => garbage.close());

    await addDestination(core, 'steady', `rtmp://127.0.0.1:${steadyPort}/live`, 'key');
    await addDestination(core, 'slow', `rtmp://${slowNs.address}:1935/live`, 'key');
    await addDestination(core, 'stalled', `rtmp://127.0.0.1:${proxy.port}/live`, 'key');
    await addDestination(core, 'garbage', `rtmp://127.0.0.1:${garbage.port}/live`, 'key');
    const source = await publishTestSource(core, { bitrateKbps: 3000 });
    cleanups.push(() => {
      source.kill('SIGKILL');
    });

    // The warning travels as a code naming the destination, worded by each client.
    const dropping = (name: string): boolean => {
      const coded = dest(core, name)?.message;
      return coded?.code === 'relay.dropping' && coded.params.name === name;
    };
    const seen = { slow: false, stalled: false, garbage: false };
    await eventually(() => {
      seen.slow ||= dropping('slow');
      seen.stalled ||= dropping('stalled');
      seen.garbage ||= /^The server sent something that is not RTMP/.test(
        dest(core, 'garbage')?.message.details ?? '',
      );
      expect(core.hub.get('relay').ingest.state).toBe('live');
      expect(dest(core, 'steady')?.state).toBe('live');
      expect(seen).toEqual({ slow: true, stalled: true, garbage: true });
    }, 60_000);
    expect(dest(core, 'garbage')?.state).toMatch(/retrying|connecting/);
    await eventually(() => expect(fileSize(steady.file)).toBeGreaterThan(3_000_000), 30_000);

    source.kill('SIGINT');
    await eventually(() => expect(dest(core, 'steady')?.state).toBe('idle'), 15_000);
    await steady.stop();
    const times = videoPacketTimes(steady.file);
    expect(times.length).toBeGreaterThan(30 * 8);
    expect(largestGap(times)).toBeLessThan(0.2);
  }, 150_000);
});
