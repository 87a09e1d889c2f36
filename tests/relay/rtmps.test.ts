// RTMPS: the push verifies the receiver's certificate. A receiver whose certificate comes from
// a CA the system trusts (here a test CA added with NODE_EXTRA_CA_CERTS) gets the stream; one
// with a self-signed certificate is refused with a status that says so. The key shows in no
// command line or environment.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver, videoPacketTimes } from '../helpers/ffmpeg.js';
import {
  FAST_BACKOFF,
  addDestination,
  dest,
  childrenOf,
  makeTestCertificates,
  processText,
  publishTestSource,
} from '../helpers/relay.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { tlsFront } from '../fakes/rtmp-receivers.js';

const fileSize = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);

const KEY = 'rtmps-test-key-7f3a9c';

describe('RTMPS push', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('streams to a receiver with a trusted certificate and refuses a forged one', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const certs = makeTestCertificates(temp.dir);
    // The relay process reads this when it starts, as Node does for the system's CAs.
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = certs.caFile;
    cleanups.push(() => {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    });
    const core = await startTestCore({ relayBackoff: FAST_BACKOFF });
    cleanups.push(() => core.dispose());

    const plainPort = await freePort();
    const receiver = rtmpReceiver(plainPort, path.join(temp.dir, 'secure.flv'), `live/${KEY}`);
    cleanups.push(() => receiver.stop());
    const good = await tlsFront(plainPort, certs.good);
    cleanups.push(() => good.close());
    const forged = await tlsFront(await freePort(), certs.forged);
    cleanups.push(() => forged.close());

    await addDestination(core, 'secure', `rtmps://127.0.0.1:${good.port}/live`, KEY);
    await addDestination(core, 'forged', `rtmps://127.0.0.1:${forged.port}/live`, KEY);
    const source = await publishTestSource(core);
    cleanups.push(() => {
      source.kill('SIGKILL');
    });

    await eventually(() => {
      expect(dest(core, 'secure')?.state).toBe('live');
      expect(dest(core, 'forged')?.state).toBe('retrying');
      expect(dest(core, 'forged')?.message.details).toMatch(
        /^The secure \(RTMPS\) connection was refused: the server's certificate is not trusted/,
      );
    }, 20_000);
    // The key reaches the relay process over IPC only, and nothing runs under it.
    const relayPid = core.relay.pid();
    expect(relayPid).not.toBeNull();
    expect(processText(relayPid ?? 0)).not.toContain(KEY);
    expect(childrenOf(relayPid ?? 0)).toEqual([]);
    await eventually(
      () => expect(dest(core, 'secure')?.bitrateKbps ?? 0).toBeGreaterThan(100),
      5000,
    );

    // The receiver writes once it has probed the stream; let it record a few seconds.
    await eventually(() => expect(fileSize(receiver.file)).toBeGreaterThan(300_000), 15_000);
    source.kill('SIGINT');
    await eventually(() => expect(dest(core, 'secure')?.state).toBe('idle'), 10_000);
    await receiver.stop();
    expect(videoPacketTimes(receiver.file).length).toBeGreaterThan(30);
  }, 60_000);
});
