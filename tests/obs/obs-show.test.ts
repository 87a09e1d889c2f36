// The rundown against a real OBS: "Next segment" switches scenes and records when each started.
// (Lower thirds: obs-lower-third.test.ts.)
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

describe('rundown and lower thirds in a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  const witness = new OBSWebSocket();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    for (const scene of ['Intro', 'Panel', 'Outro'])
      await witness.call('CreateScene', { sceneName: scene });
    // The user already has a source of their own in "Outro"; it must survive set-up untouched.
    await witness.call('CreateInput', {
      sceneName: 'Outro',
      inputName: 'My Logo',
      inputKind: 'color_source_v3',
      inputSettings: { color: 0xff0000ff },
    });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 10_000);
  }, 60_000);

  afterAll(async () => {
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('"next segment" switches scenes and records when each segment started', async () => {
    const plan = await api(core, 'PUT', '/api/rundown', {
      body: {
        segments: [
          { id: 'intro', title: 'Intro', scene: 'Intro', plannedSec: 60 },
          { id: 'panel', title: 'Panel', scene: 'Panel', plannedSec: 1800, notes: 'Three guests' },
        ],
      },
    });
    expect(plan.status).toBe(200);
    const first = await api(core, 'POST', '/api/rundown/next');
    expect(first.body).toMatchObject({ ok: true, segment: 'Intro', note: null });
    await eventually(async () =>
      expect((await witness.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Intro'),
    );
    await api(core, 'POST', '/api/rundown/next');
    await eventually(async () =>
      expect((await witness.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Panel'),
    );
    const rundown = ((await api(core, 'GET', '/api/state')).body as ShowState).rundown;
    expect(rundown.index).toBe(1);
    expect(rundown.starts.map((s) => s.title)).toEqual(['Intro', 'Panel']);
    expect(rundown.starts.every((s) => s.offsetSec === null)).toBe(true); // not streaming
    const end = await api(core, 'POST', '/api/rundown/next');
    expect(end).toMatchObject({
      status: 409,
      body: { error: 'That was the last segment of the rundown.' },
    });
  });
});
