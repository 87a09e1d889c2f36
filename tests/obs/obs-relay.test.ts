// Once with the real thing: OBS, pointed at the relay by "Configure OBS", streams through
// Panelcast to three local receivers.
import path from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver, videoPacketTimes, type Receiver } from '../helpers/ffmpeg.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('OBS → relay → three platforms', () => {
  let obs: RunningObs;
  let core: TestCore;
  let receivers: Receiver[];
  const temp = makeTempDir();
  const witness = new OBSWebSocket();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore({ relayBackoff: { initialMs: 500, maxMs: 2000, jitter: 0 } });
    await witness.connect(obs.url, obs.password);
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 10_000);
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    receivers = ports.map((port, i) => rtmpReceiver(port, path.join(temp.dir, `obs-r${i}.flv`)));
    for (const [i, port] of ports.entries()) {
      await api(core, 'PUT', `/api/destinations/p${i}`, {
        body: {
          name: `Platform ${i}`,
          platform: 'custom',
          serverUrl: `rtmp://127.0.0.1:${port}/live`,
          streamKey: 'key',
          enabled: true,
        },
      });
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
    temp.remove();
  });

  it('configures OBS to stream to the ingest and relays its stream to every destination', async () => {
    const configured = await api(core, 'POST', '/api/relay/configure-obs');
    expect(configured.status).toBe(200);
    const settings = await witness.call('GetStreamServiceSettings');
    expect(settings.streamServiceType).toBe('rtmp_custom');
    expect(settings.streamServiceSettings.server).toBe(core.hub.get('relay').ingest.serverUrl);
    expect(settings.streamServiceSettings.key).toEqual(
      expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    );

    await api(core, 'POST', '/api/obs/stream', { body: { action: 'start' } });
    await eventually(() => expect(core.hub.get('relay').ingest.state).toBe('live'), 15_000);
    await eventually(() => {
      for (const d of core.hub.get('relay').destinations) expect(d.state, d.id).toBe('live');
    }, 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    // While streaming, OBS's target cannot be changed under it.
    expect((await api(core, 'POST', '/api/relay/configure-obs')).status).toBe(409);
    await api(core, 'POST', '/api/obs/stream', { body: { action: 'stop' } });
    await eventually(() => {
      for (const d of core.hub.get('relay').destinations) expect(d.state, d.id).toBe('idle');
    }, 15_000);
    await Promise.all(receivers.map((r) => r.stop()));
    for (const receiver of receivers)
      expect(videoPacketTimes(receiver.file).length).toBeGreaterThan(30);
  });
});
