// A destination's stream key goes only to the server it was saved for. With the ingest live,
// pointing the destination at another RTMP server over the API never sends it the saved key:
// a recording proxy in front of a real receiver counts every key that reaches it.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startTestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver } from '../helpers/ffmpeg.js';
import { FAST_BACKOFF, dest, publishTestSource } from '../helpers/relay.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { recordingProxy } from '../fakes/credential-catcher.js';

const SAVED_KEY = 'live_saved_key_for_binding_8c1f';
const TYPED_KEY = 'live_typed_again_key_5a2e';

describe('stream keys bound to their server', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('never pushes the saved key to a server the destination was moved to', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const core = await startTestCore({ relayBackoff: FAST_BACKOFF });
    cleanups.push(() => core.dispose());
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    const receiverA = rtmpReceiver(portA, path.join(temp.dir, 'a.flv'), `live/${SAVED_KEY}`);
    const receiverB = rtmpReceiver(portB, path.join(temp.dir, 'b.flv'), `live/${TYPED_KEY}`);
    cleanups.push(
      () => receiverA.stop(),
      () => receiverB.stop(),
    );
    const saved = await recordingProxy(portA);
    const attacker = await recordingProxy(portB);
    cleanups.push(
      () => saved.close(),
      () => attacker.close(),
    );

    const put = (body: Record<string, unknown>) =>
      api(core, 'PUT', '/api/destinations/main', {
        body: { name: 'Main', platform: 'custom', enabled: true, ...body },
      });
    expect((await put({ serverUrl: `${saved.url}/live`, streamKey: SAVED_KEY })).status).toBe(200);
    const source = await publishTestSource(core);
    cleanups.push(() => {
      source.kill('SIGKILL');
    });
    // The key does reach the server it was saved for: the proxy would see it.
    await eventually(() => expect(dest(core, 'main')?.state).toBe('live'), 15_000);
    expect(saved.seen(SAVED_KEY)).toBeGreaterThan(0);

    const moved = await put({ serverUrl: `${attacker.url}/live` });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ message: { code: 'secrets.reenter' } });
    expect(dest(core, 'main')?.keySaved).toBe(false);
    expect(dest(core, 'main')?.state).not.toBe('live');

    // Typing a key for the new server sends that key there, and never the saved one.
    expect((await put({ serverUrl: `${attacker.url}/live`, streamKey: TYPED_KEY })).status).toBe(
      200,
    );
    await eventually(() => expect(dest(core, 'main')?.state).toBe('live'), 15_000);
    expect(attacker.seen(TYPED_KEY)).toBeGreaterThan(0);
    expect(attacker.seen(SAVED_KEY)).toBe(0);
  });
});
