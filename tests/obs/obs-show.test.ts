// The rundown and lower thirds against a real OBS: "Set up OBS" adds a text source (Debian's OBS
// has no browser source), questions and guests appear in it, "Next segment" switches scenes.
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

describe('rundown and lower thirds in a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  const witness = new OBSWebSocket();

  const textSource = async (): Promise<{ text: string; visible: boolean }> => {
    const settings = await witness.call('GetInputSettings', { inputName: 'Panelcast Lower Third' });
    const { sceneItemId } = await witness.call('GetSceneItemId', {
      sceneName: 'Panel',
      sourceName: 'Panelcast Lower Third',
    });
    const { sceneItemEnabled } = await witness.call('GetSceneItemEnabled', {
      sceneName: 'Panel',
      sceneItemId,
    });
    const text = settings.inputSettings.text;
    return { text: typeof text === 'string' ? text : '', visible: sceneItemEnabled };
  };

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

  it('sets up a text source in the chosen scene, and is safe to run again', async () => {
    const first = await api(core, 'POST', '/api/obs/setup', { body: { scene: 'Panel' } });
    expect(first).toMatchObject({
      status: 200,
      body: { created: ['Panelcast Lower Third'], kept: [], mode: 'text' },
    });
    const { inputKind } = (await witness.call('GetInputList')).inputs.find(
      (i) => i.inputName === 'Panelcast Lower Third',
    ) as { inputKind: string };
    expect(inputKind).toBe('text_ft2_source_v2');
    expect((await textSource()).visible).toBe(false);

    const again = await api(core, 'POST', '/api/obs/setup', { body: { scene: 'Panel' } });
    expect(again.body).toMatchObject({ created: [], kept: ['Panelcast Lower Third'] });
    const inputs = (await witness.call('GetInputList')).inputs.map((i) => i.inputName);
    expect(inputs.filter((n) => n === 'Panelcast Lower Third')).toHaveLength(1);
    expect(inputs).toContain('My Logo');
    const logo = await witness.call('GetInputSettings', { inputName: 'My Logo' });
    expect(logo.inputSettings.color).toBe(0xff0000ff);

    expect((await api(core, 'POST', '/api/obs/setup', { body: { scene: 'Nowhere' } })).status).toBe(
      404,
    );
  });

  it('puts the question on air into the text source, and hides it off air', async () => {
    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'x',
        platformId: 'lt-1',
        author: { name: 'Dana', handle: 'dana', avatarUrl: null, profileUrl: null },
        text: 'How do you keep a live Q&A civil?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const comment = (added.body as { comment: Comment }).comment;
    await api(core, 'POST', `/api/comments/${comment.id}/air`);
    await eventually(async () =>
      expect(await textSource()).toEqual({
        visible: true,
        text: '@dana\nHow do you keep a live Q&A civil?',
      }),
    );
    await api(core, 'POST', '/api/queue/clear-air');
    await eventually(async () => expect((await textSource()).visible).toBe(false));
  });

  it('shows a guest lower third for a few seconds', async () => {
    await api(core, 'PUT', '/api/guests', {
      body: {
        guests: [{ id: 'anna', name: 'Anna Schmidt', role: 'Keynote · ACME Labs', handle: 'anna' }],
      },
    });
    const shown = await api(core, 'POST', '/api/lower-third', {
      body: { guestId: 'anna', seconds: 2 },
    });
    expect(shown.status).toBe(200);
    await eventually(async () =>
      expect(await textSource()).toEqual({
        visible: true,
        text: 'Anna Schmidt\nKeynote · ACME Labs · @anna',
      }),
    );
    await eventually(async () => expect((await textSource()).visible).toBe(false), 5000);
    expect(core.hub.get('lowerThird')).toBeNull();
    expect(
      (await api(core, 'POST', '/api/lower-third', { body: { guestId: 'nobody' } })).status,
    ).toBe(404);
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
