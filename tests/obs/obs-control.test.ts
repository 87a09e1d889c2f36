// Panelcast driving a real OBS Studio (Debian obs-studio under xvfb-run), checked with an
// independent obs-websocket client.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/shared/messages/message.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

async function obsState(core: TestCore): Promise<ShowState['obs']> {
  return ((await api(core, 'GET', '/api/state')).body as ShowState).obs;
}

describe('OBS production control against a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  const witness = new OBSWebSocket();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    for (const scene of ['Intro', 'Panel', 'Q&A'])
      await witness.call('CreateScene', { sceneName: scene });
    const res = await api(core, 'PUT', '/api/settings/obs', {
      body: { url: obs.url, password: obs.password },
    });
    expect(res.status).toBe(200);
    await eventually(async () => expect((await obsState(core)).status).toBe('connected'), 10_000);
  }, 60_000);

  afterAll(async () => {
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('lists the scenes and versions, and keeps the password out of the state', async () => {
    const state = await obsState(core);
    expect(state.scenes).toEqual(expect.arrayContaining(['Scene', 'Intro', 'Panel', 'Q&A']));
    expect(formatMessage('en', state.message)).toMatch(
      /^Connected to OBS 2\d\.\d+\.\d+ \(WebSocket 5\.\d+\.\d+\)\.$/,
    );
    expect(formatMessage('de', state.message)).toMatch(/^Mit OBS 2\d\.\d+\.\d+ verbunden/);
    const full = JSON.stringify((await api(core, 'GET', '/api/state')).body);
    expect(full).not.toContain(obs.password);
    expect((await api(core, 'GET', '/api/state')).body).toMatchObject({
      config: { obsUrl: obs.url, obsPasswordSaved: true },
    });
  });

  it('switches the program scene, and says clearly when a scene does not exist', async () => {
    const res = await api(core, 'POST', '/api/obs/scene', { body: { scene: 'Panel' } });
    expect(res).toMatchObject({ status: 200, body: { ok: true, scene: 'Panel', to: 'program' } });
    const program = await witness.call('GetCurrentProgramScene');
    expect(program.currentProgramSceneName).toBe('Panel');
    await eventually(async () => expect((await obsState(core)).programScene).toBe('Panel'));

    const missing = await api(core, 'POST', '/api/obs/scene', { body: { scene: 'Backstage' } });
    expect(missing.status).toBe(404);
    expect((missing.body as { error: string }).error).toContain('OBS has no scene "Backstage"');

    // A change made in OBS itself shows up too.
    await witness.call('SetCurrentProgramScene', { sceneName: 'Intro' });
    await eventually(async () => expect((await obsState(core)).programScene).toBe('Intro'));
  });

  it('sets the preview in studio mode and transitions it to program', async () => {
    expect((await api(core, 'POST', '/api/obs/transition')).status).toBe(409);
    await api(core, 'POST', '/api/obs/studio-mode', { body: { enabled: true } });
    // OBS sets the preview to the program scene as studio mode comes up; wait for that.
    await eventually(async () => expect((await obsState(core)).previewScene).toBe('Intro'));
    // OBS may still apply its own preview just after it reported studio mode on; choosing the
    // preview again until it holds is what a producer would do, too.
    await eventually(async () => {
      const res = await api(core, 'POST', '/api/obs/scene', { body: { scene: 'Q&A' } });
      expect(res.body).toMatchObject({ to: 'preview' });
      expect((await witness.call('GetCurrentPreviewScene')).currentPreviewSceneName).toBe('Q&A');
    });
    await eventually(async () => expect((await obsState(core)).previewScene).toBe('Q&A'));

    expect((await api(core, 'POST', '/api/obs/transition')).status).toBe(200);
    await eventually(async () => {
      expect((await witness.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Q&A');
      expect((await obsState(core)).programScene).toBe('Q&A');
    }, 5000);
    await api(core, 'POST', '/api/obs/studio-mode', { body: { enabled: false } });
    await eventually(async () => expect((await obsState(core)).previewScene).toBeNull());
  });

  it('streams to a local RTMP receiver, reports health while live, and stops', async () => {
    const rtmpPort = await freePort();
    const out = makeTempDir();
    const received = path.join(out.dir, 'received.flv');
    const ffmpeg: ChildProcess = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-listen',
        '1',
        '-i',
        `rtmp://127.0.0.1:${rtmpPort}/live/test`,
        '-c',
        'copy',
        '-f',
        'flv',
        received,
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 500));
      await witness.call('SetStreamServiceSettings', {
        streamServiceType: 'rtmp_custom',
        streamServiceSettings: { server: `rtmp://127.0.0.1:${rtmpPort}/live`, key: 'test' },
      });
      expect(
        (await api(core, 'POST', '/api/obs/stream', { body: { action: 'start' } })).status,
      ).toBe(200);
      await eventually(
        async () => expect((await witness.call('GetStreamStatus')).outputActive).toBe(true),
        10_000,
      );
      await eventually(async () => {
        const state = await obsState(core);
        expect(state.streaming).toBe(true);
        expect(state.stream.startedAt).not.toBeNull();
        expect(state.health?.bitrateKbps ?? 0).toBeGreaterThan(0);
      }, 10_000);
      await eventually(() => expect(fs.statSync(received).size).toBeGreaterThan(20_000), 10_000);
      const again = await api(core, 'POST', '/api/obs/stream', { body: { action: 'start' } });
      expect(again).toMatchObject({ status: 409, body: { error: 'The stream is already live.' } });

      expect(
        (await api(core, 'POST', '/api/obs/stream', { body: { action: 'stop' } })).status,
      ).toBe(200);
      await eventually(
        async () => expect((await witness.call('GetStreamStatus')).outputActive).toBe(false),
        10_000,
      );
      await eventually(async () => {
        const state = await obsState(core);
        expect(state.streaming).toBe(false);
        expect(state.health).toBeNull();
      });
    } finally {
      ffmpeg.kill('SIGKILL');
      out.remove();
    }
  });

  it('starts and stops a recording', async () => {
    const dir = (await witness.call('GetRecordDirectory')).recordDirectory;
    const before = new Set(fs.readdirSync(dir));
    expect((await api(core, 'POST', '/api/obs/record', { body: { action: 'start' } })).status).toBe(
      200,
    );
    await eventually(
      async () => expect((await witness.call('GetRecordStatus')).outputActive).toBe(true),
      10_000,
    );
    await eventually(async () => expect((await obsState(core)).recording).toBe(true));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await api(core, 'POST', '/api/obs/record', { body: { action: 'stop' } })).status).toBe(
      200,
    );
    await eventually(
      async () => expect((await witness.call('GetRecordStatus')).outputActive).toBe(false),
      10_000,
    );
    const files = fs.readdirSync(dir).filter((f) => !before.has(f));
    expect(files.length).toBe(1);
    expect(fs.statSync(path.join(dir, files[0] ?? '')).size).toBeGreaterThan(1000);
  });

  it('answers 409 with the reason when OBS is not connected', async () => {
    const other = await startTestCore();
    try {
      const res = await api(other, 'POST', '/api/obs/scene', { body: { scene: 'Panel' } });
      expect(res.status).toBe(409);
      expect((res.body as { error: string }).error).toContain('OBS is not connected');
    } finally {
      await other.dispose();
    }
  });
});
