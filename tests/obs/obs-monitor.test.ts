// The producer's program monitor against a real OBS: the program thumbnail shows the scene that
// is on program (its colour, not only its name), and the meter follows a tone and falls silent
// when the tone is muted. Screenshots and meters stop when nobody asks any more.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorSnapshot } from '../../src/shared/obs-state.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { connectControl, eventually, type ControlClient } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** The average colour of a data: URL image, decoded by ffmpeg. */
function averageColour(dataUrl: string): [number, number, number] {
  const image = Buffer.from(dataUrl.replace(/^data:[^,]+,/, ''), 'base64');
  const decoded = spawnSync(
    'ffmpeg',
    [
      '-loglevel',
      'error',
      '-f',
      'image2pipe',
      '-i',
      '-',
      '-vf',
      'scale=1:1',
      '-pix_fmt',
      'rgb24',
      '-f',
      'rawvideo',
      '-',
    ],
    { input: image, maxBuffer: 1024 },
  );
  const pixel = decoded.stdout;
  if (decoded.status !== 0 || pixel.length < 3) throw new Error('ffmpeg could not decode it');
  return [pixel[0] ?? 0, pixel[1] ?? 0, pixel[2] ?? 0];
}

describe('program monitor against a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  let client: ControlClient;
  const witness = new OBSWebSocket();
  const temp = makeTempDir('panelcast-monitor-');

  const monitor = async (): Promise<MonitorSnapshot> => {
    const ack = (await client.request('obs:monitor', {})) as { ok: boolean } & MonitorSnapshot;
    expect(ack.ok).toBe(true);
    return ack;
  };
  const tonePeak = (snapshot: MonitorSnapshot): number =>
    Math.max(...(snapshot.meters.find((m) => m.name === 'Tone')?.peakDb ?? [-100]));

  beforeAll(async () => {
    const tone = path.join(temp.dir, 'tone.wav');
    const made = spawnSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=20',
      '-ac',
      '2',
      tone,
    ]);
    expect(made.status).toBe(0);
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    const colours: [string, number][] = [
      ['Red', 0xff0000ff],
      ['Blue', 0xffff0000],
    ];
    for (const [scene, color] of colours) {
      await witness.call('CreateScene', { sceneName: scene });
      await witness.call('CreateInput', {
        sceneName: scene,
        inputName: `${scene} colour`,
        inputKind: 'color_source_v3',
        inputSettings: { color, width: 1920, height: 1080 },
      });
    }
    await witness.call('CreateInput', {
      sceneName: 'Red',
      inputName: 'Tone',
      inputKind: 'ffmpeg_source',
      inputSettings: { local_file: tone, is_local_file: true, looping: true },
    });
    await witness.call('SetCurrentProgramScene', { sceneName: 'Red' });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(
      async () =>
        expect(((await api(core, 'GET', '/api/state')).body as ShowState).obs.status).toBe(
          'connected',
        ),
      10_000,
    );
    client = await connectControl(core.url, { token: core.token });
  }, 60_000);

  afterAll(async () => {
    client.close();
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
    temp.remove();
  });

  it('shows the program scene, and a new picture after a scene switch', async () => {
    let red = '';
    let preview: MonitorSnapshot['preview'] = null;
    await eventually(async () => {
      const shot = await monitor();
      expect(shot.program?.scene).toBe('Red');
      red = shot.program?.image ?? '';
      preview = shot.preview;
      expect(red).toMatch(/^data:image\/jpe?g;base64,/);
    }, 10_000);
    const [r, g, b] = averageColour(red);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(80);

    await client.request('obs:switchScene', { scene: 'Blue' });
    await eventually(async () => {
      const blue = await monitor();
      expect(blue.program?.scene).toBe('Blue');
      const [br, , bb] = averageColour(blue.program?.image ?? '');
      expect(bb).toBeGreaterThan(200);
      expect(br).toBeLessThan(60);
    }, 10_000);
    expect(preview).toBeNull(); // studio mode is off: no preview to show
    await client.request('obs:switchScene', { scene: 'Red' });
  });

  it('moves the meter with a tone, and drops it to silence when the tone is muted', async () => {
    await eventually(async () => expect(tonePeak(await monitor())).toBeGreaterThan(-30), 10_000);
    await witness.call('SetInputMute', { inputName: 'Tone', inputMuted: true });
    await eventually(async () => expect(tonePeak(await monitor())).toBe(-100), 10_000);
    await witness.call('SetInputMute', { inputName: 'Tone', inputMuted: false });
    await eventually(async () => expect(tonePeak(await monitor())).toBeGreaterThan(-30), 10_000);
  });

  it('stops the meters when nobody has asked for a while', async () => {
    await eventually(async () => expect((await monitor()).meters.length).toBeGreaterThan(0), 5000);
    await new Promise((r) => setTimeout(r, 2500)); // the lease (2 s) lapses
    // The first answer after the pause has no meters yet: OBS had stopped sending them.
    expect((await monitor()).meters).toEqual([]);
    await eventually(async () => expect((await monitor()).meters.length).toBeGreaterThan(0), 5000);
  });
});
