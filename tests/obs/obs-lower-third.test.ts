// The lower third against a real OBS: "Set up OBS" builds one lower-third scene and adds it to
// every scene picked (only adding), guests and questions reach each scene's program output in the
// bottom third, OBS's own answer decides "on screen", and a scene without it says so.
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import type { ScreenState } from '../../src/shared/on-screen.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { differingShare, programPicture, saveProgramPng } from '../helpers/screenshot.js';
import { eventually } from '../helpers/sockets.js';

const SCENES = ['Keynote', 'Panel', 'Outro'];
const LT_SCENE = 'Panelcast Lower Third';

interface ItemSnapshot {
  sourceName: string;
  sceneItemId: number;
  sceneItemEnabled: boolean;
  sceneItemTransform: { positionX: number; positionY: number; scaleX: number };
}

describe('the native lower third in a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  const witness = new OBSWebSocket();
  let canvas = { width: 0, height: 0 };
  let questionNo = 0;

  const items = async (scene: string): Promise<ItemSnapshot[]> =>
    (await witness.call('GetSceneItemList', { sceneName: scene })).sceneItems.map((i) => ({
      sourceName: i.sourceName as string,
      sceneItemId: i.sceneItemId as number,
      sceneItemEnabled: i.sceneItemEnabled as boolean,
      sceneItemTransform: i.sceneItemTransform as ItemSnapshot['sceneItemTransform'],
    }));
  const ltItem = async (scene: string) =>
    (await items(scene)).find((i) => i.sourceName === LT_SCENE) ?? null;
  const switchTo = async (scene: string) => {
    await witness.call('SetCurrentProgramScene', { sceneName: scene });
    await eventually(() => expect(core.hub.get('obs').programScene).toBe(scene));
  };
  const airQuestion = async (text: string) => {
    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'x',
        platformId: `lt-${++questionNo}`,
        author: { name: 'Dana Weber', handle: 'dana', avatarUrl: null, profileUrl: null },
        text,
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    const comment = (added.body as { comment: Comment }).comment;
    return api(core, 'POST', `/api/comments/${comment.id}/air`);
  };

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    const video = await witness.call('GetVideoSettings');
    canvas = { width: video.baseWidth, height: video.baseHeight };
    const colors = [0xff503020, 0xff205030, 0xff302050, 0xff404040];
    for (const [i, scene] of [...SCENES, 'Extra'].entries()) {
      await witness.call('CreateScene', { sceneName: scene });
      // The user's own sources: a full-canvas background and a title in the top-left corner.
      await witness.call('CreateInput', {
        sceneName: scene,
        inputName: `${scene} Background`,
        inputKind: 'color_source_v3',
        inputSettings: { color: colors[i] ?? 0, width: canvas.width, height: canvas.height },
      });
      await witness.call('CreateInput', {
        sceneName: scene,
        inputName: `${scene} Title`,
        inputKind: 'text_ft2_source_v2',
        inputSettings: { text: scene, font: { face: 'DejaVu Sans', size: 96, style: 'Bold' } },
      });
    }
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 10_000);
    await api(core, 'PUT', '/api/guests', {
      body: {
        guests: [
          { id: 'anna', name: 'Dr. Anna Schmidt', role: 'Keynote · ACME Labs', handle: 'anna' },
        ],
      },
    });
  }, 90_000);

  afterAll(async () => {
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('adds the lower third to more scenes on each run and leaves every user source untouched', async () => {
    const before = Object.fromEntries(
      await Promise.all(SCENES.map(async (s) => [s, await items(s)] as const)),
    );
    const first = await api(core, 'POST', '/api/obs/setup', { body: { scenes: ['Keynote'] } });
    expect(first).toMatchObject({ status: 200, body: { mode: 'native', scenes: ['Keynote'] } });
    const second = await api(core, 'POST', '/api/obs/setup', {
      body: { scenes: ['Panel', 'Outro'] },
    });
    expect(second).toMatchObject({
      status: 200,
      body: { mode: 'native', scenes: ['Keynote', 'Panel', 'Outro'] },
    });
    // Once more for a scene that has it: nothing new, nothing doubled.
    const again = await api(core, 'POST', '/api/obs/setup', { body: { scenes: ['Keynote'] } });
    expect((again.body as { created: string[] }).created).toEqual([]);

    for (const scene of SCENES) {
      const after = await items(scene);
      expect(after.filter((i) => i.sourceName === LT_SCENE)).toHaveLength(1);
      expect(after.filter((i) => i.sourceName !== LT_SCENE)).toEqual(before[scene]);
    }
    expect(await ltItem('Extra')).toBeNull();
    const parts = (await items(LT_SCENE)).map((i) => i.sourceName);
    expect(parts).toEqual([
      'Panelcast LT Bar',
      'Panelcast LT Accent',
      'Panelcast LT Name',
      'Panelcast LT Text',
    ]);
  });

  it('shows a guest and then a question in the bottom third of each scene, confirmed by OBS', async () => {
    for (const scene of SCENES) {
      await switchTo(scene);
      const bare = await programPicture(witness, scene);
      const shown = await api(core, 'POST', '/api/lower-third', {
        body: { guestId: 'anna', seconds: 60 },
      });
      const screen = (shown.body as { screen: ScreenState }).screen;
      expect(screen).toMatchObject({ wanted: 'guest', onProgram: true, warning: null });
      expect((await ltItem(scene))?.sceneItemEnabled).toBe(true);
      const third = Math.floor(bare.height * (2 / 3));
      await eventually(async () => {
        const withGuest = await programPicture(witness, scene);
        expect(differingShare(bare, withGuest, third, bare.height)).toBeGreaterThan(0.2);
        expect(differingShare(bare, withGuest, 0, third)).toBe(0);
      });
      await saveProgramPng(witness, scene, `obs-lower-third-guest-${scene}`);
      const guestPicture = await programPicture(witness, scene);

      await api(core, 'DELETE', '/api/lower-third');
      const aired = await airQuestion(`Wie bleibt eine Live-Fragerunde in ${scene} fair?`);
      expect((aired.body as { screen: ScreenState }).screen).toMatchObject({
        wanted: 'question',
        onProgram: true,
      });
      await eventually(async () => {
        const withQuestion = await programPicture(witness, scene);
        expect(differingShare(guestPicture, withQuestion, third, bare.height)).toBeGreaterThan(
          0.01,
        );
        expect(differingShare(bare, withQuestion, 0, third)).toBe(0);
      });
      await saveProgramPng(witness, scene, `obs-lower-third-question-${scene}`);
      await api(core, 'POST', '/api/queue/clear-air');
      await eventually(async () => expect((await ltItem(scene))?.sceneItemEnabled).toBe(false));
      await eventually(() =>
        expect(core.hub.get('screen')).toMatchObject({ wanted: 'none', onProgram: false }),
      );
    }
  });

  it('warns, in the state and the REST answer, when the program scene has no lower third', async () => {
    await switchTo('Extra');
    await eventually(() =>
      expect(core.hub.get('screen').warning).toEqual({
        code: 'program_without_lower_third',
        scene: 'Extra',
      }),
    );
    const shown = await api(core, 'POST', '/api/lower-third', { body: { guestId: 'anna' } });
    expect((shown.body as { screen: ScreenState }).screen).toMatchObject({
      onProgram: false,
      programHasLowerThird: false,
      warning: { code: 'program_without_lower_third', scene: 'Extra' },
    });
    await api(core, 'DELETE', '/api/lower-third');
  });

  it('says the item is off when the user hides it in OBS', async () => {
    await switchTo('Panel');
    await api(core, 'POST', '/api/lower-third', { body: { guestId: 'anna', seconds: 60 } });
    await eventually(() => expect(core.hub.get('screen').onProgram).toBe(true));
    const item = await ltItem('Panel');
    await witness.call('SetSceneItemEnabled', {
      sceneName: 'Panel',
      sceneItemId: item?.sceneItemId ?? -1,
      sceneItemEnabled: false,
    });
    await eventually(() => expect(core.hub.get('screen').onProgram).toBe(false));
    await api(core, 'DELETE', '/api/lower-third');
  });

  it('fits a 500-character question into at most three lines inside the bar', async () => {
    await switchTo('Keynote');
    const long =
      'Wenn wir über künstliche Intelligenz in der öffentlichen Verwaltung sprechen, ' +
      'wer trägt eigentlich die Verantwortung, wenn ein automatisiertes System eine falsche ' +
      'Entscheidung trifft, die das Leben eines Menschen betrifft, und wie können Bürgerinnen ' +
      'und Bürger nachvollziehen, auf welcher Grundlage diese Entscheidung getroffen wurde, ' +
      'insbesondere dann, wenn die Modelle von privaten Anbietern stammen und deren Trainingsdaten ' +
      'nicht offengelegt werden, und was bedeutet das für Transparenz und Vertrauen?';
    expect(long.length).toBeGreaterThanOrEqual(500);
    await airQuestion(long);
    await eventually(async () => expect((await ltItem('Keynote'))?.sceneItemEnabled).toBe(true));
    const parts = await items(LT_SCENE);
    const bar = parts.find((p) => p.sourceName === 'Panelcast LT Bar');
    const textItem = parts.find((p) => p.sourceName === 'Panelcast LT Text');
    const { inputSettings } = await witness.call('GetInputSettings', {
      inputName: 'Panelcast LT Text',
    });
    const written = inputSettings.text as string;
    const size = (inputSettings.font as { size: number }).size;
    expect(written.split('\n').length).toBeLessThanOrEqual(3);
    expect(written.endsWith('…')).toBe(true);
    await eventually(async () => {
      const { sceneItemTransform: t } = await witness.call('GetSceneItemTransform', {
        sceneName: LT_SCENE,
        sceneItemId: textItem?.sceneItemId ?? -1,
      });
      const { sceneItemTransform: b } = await witness.call('GetSceneItemTransform', {
        sceneName: LT_SCENE,
        sceneItemId: bar?.sceneItemId ?? -1,
      });
      const text = t as { positionX: number; positionY: number; width: number; height: number };
      const box = b as { positionX: number; positionY: number; width: number; height: number };
      expect(text.height).toBeGreaterThan(size * 2); // rendered, and more than one line
      expect(text.height).toBeLessThan(size * 4.2); // at most three lines
      expect(text.positionY).toBeGreaterThanOrEqual(box.positionY);
      expect(text.positionY + text.height).toBeLessThanOrEqual(box.positionY + box.height);
      expect(text.positionX + text.width).toBeLessThanOrEqual(box.positionX + box.width);
      expect(box.positionY).toBeGreaterThanOrEqual((canvas.height * 2) / 3);
    });
    await saveProgramPng(witness, 'Keynote', 'obs-lower-third-long-question');
    await api(core, 'POST', '/api/queue/clear-air');
  });
});
