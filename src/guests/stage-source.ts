// "Set up OBS" for the room: the /stage page as a browser source in the scene the producer picks,
// its sound controlled by OBS. Where OBS has no browser source (Debian's build), it says so and
// gives the address to open in a browser window and capture instead. Only adds, never removes.
import type { ObsConnection } from '../obs/obs-connection.js';
import { UserError } from '../shared/errors.js';
import { message, type Message } from '../shared/messages/message.js';

export const STAGE_INPUT = 'Panelcast Stage';
const BROWSER_KIND = 'browser_source';

export interface StageSetup {
  mode: 'browser' | 'window';
  url: string;
  note: Message;
}

async function ensureInScene(obs: ObsConnection, scene: string): Promise<void> {
  const { sceneItems } = await obs.call<{ sceneItems: { sourceName: string }[] }>(
    'GetSceneItemList',
    { sceneName: scene },
  );
  if (sceneItems.some((item) => item.sourceName === STAGE_INPUT)) return;
  await obs.call('CreateSceneItem', { sceneName: scene, sourceName: STAGE_INPUT });
}

export async function setUpStageSource(
  obs: ObsConnection,
  scene: string,
  url: string,
): Promise<StageSetup> {
  if (!obs.state.scenes.includes(scene)) {
    throw new UserError(
      'not_found',
      message('obs.no_scene', { scene, scenes: obs.state.scenes.join(', ') }),
    );
  }
  const { inputKinds } = await obs.call<{ inputKinds: string[] }>('GetInputKindList', {
    unversioned: false,
  });
  if (!inputKinds.includes(BROWSER_KIND)) {
    return { mode: 'window', url, note: message('room.obs_no_browser', { url }) };
  }
  const video = await obs.call<{ baseWidth: number; baseHeight: number }>('GetVideoSettings');
  // The guests' sound goes through OBS's mixer (reroute_audio), not the speakers.
  const settings = {
    url,
    width: video.baseWidth,
    height: video.baseHeight,
    fps: 30,
    reroute_audio: true,
    shutdown: false,
  };
  const { inputs } = await obs.call<{ inputs: { inputName: string }[] }>('GetInputList');
  if (inputs.some((input) => input.inputName === STAGE_INPUT)) {
    await obs.call('SetInputSettings', { inputName: STAGE_INPUT, inputSettings: settings });
    await ensureInScene(obs, scene);
  } else {
    await obs.call('CreateInput', {
      sceneName: scene,
      inputName: STAGE_INPUT,
      inputKind: BROWSER_KIND,
      inputSettings: settings,
      sceneItemEnabled: true,
    });
  }
  return { mode: 'browser', url, note: message('room.obs_added', { scene, source: STAGE_INPUT }) };
}
