// "Set up OBS": adds what Panelcast needs for lower thirds to a scene the producer picks — a text
// source (the kind this OBS has: FreeType 2 on Linux and macOS, GDI+ on Windows) and, where OBS
// has one, a browser source on /overlay. It creates what is missing and never deletes, renames
// or reconfigures the user's own sources.
import { UserError } from '../shared/errors.js';
import type { LowerThirdSetup } from '../shared/state.js';
import type { ObsConnection } from './obs-connection.js';

export const TEXT_INPUT = 'Panelcast Lower Third';
export const BROWSER_INPUT = 'Panelcast Overlay';

/** Text source kinds, best first; GetInputKindList tells which one this OBS has. */
const TEXT_KINDS = ['text_ft2_source_v2', 'text_gdiplus_v3', 'text_gdiplus_v2', 'text_ft2_source'];
const BROWSER_KIND = 'browser_source';

export interface SetupReport {
  setup: LowerThirdSetup;
  created: string[];
  kept: string[];
  /** Things left alone, with why. */
  skipped: string[];
}

function textSettings(kind: string, canvasWidth: number): Record<string, unknown> {
  const size = Math.round(canvasWidth / 40);
  if (kind.startsWith('text_gdiplus')) {
    return {
      text: '',
      font: { face: 'Segoe UI', size, style: 'Bold', flags: 1 },
      color: 0xffffff,
      bk_color: 0x181410,
      bk_opacity: 85,
      extents: true,
      extents_cx: Math.round(canvasWidth * 0.66),
      extents_wrap: true,
    };
  }
  return {
    text: '',
    font: { face: 'DejaVu Sans', size, style: 'Bold', flags: 1 },
    color1: 0xffffffff,
    color2: 0xffffffff,
    outline: true,
    drop_shadow: true,
    word_wrap: true,
    custom_width: Math.round(canvasWidth * 0.66),
  };
}

export async function setUpLowerThird(
  obs: ObsConnection,
  scene: string,
  overlayUrl: string,
): Promise<SetupReport> {
  if (!obs.state.scenes.includes(scene)) {
    throw new UserError('not_found', `OBS has no scene "${scene}".`);
  }
  const { inputKinds } = await obs.call<{ inputKinds: string[] }>('GetInputKindList', {
    unversioned: false,
  });
  const textKind = TEXT_KINDS.find((k) => inputKinds.includes(k)) ?? null;
  const hasBrowser = inputKinds.includes(BROWSER_KIND);
  if (!textKind && !hasBrowser) {
    throw new UserError(
      'unavailable',
      'This OBS has neither a text source nor a browser source to show lower thirds.',
    );
  }
  const video = await obs.call<{ baseWidth: number; baseHeight: number }>('GetVideoSettings');
  const { inputs } = await obs.call<{ inputs: { inputName: string; inputKind: string }[] }>(
    'GetInputList',
  );
  const { sceneItems } = await obs.call<{ sceneItems: { sourceName: string }[] }>(
    'GetSceneItemList',
    {
      sceneName: scene,
    },
  );
  const inScene = new Set(sceneItems.map((i) => i.sourceName));
  const report: SetupReport = {
    setup: { scene, textInput: null, browserInput: null, mode: hasBrowser ? 'browser' : 'text' },
    created: [],
    kept: [],
    skipped: [],
  };

  const ensure = async (
    name: string,
    kind: string,
    settings: Record<string, unknown>,
    enabled: boolean,
  ): Promise<boolean> => {
    const existing = inputs.find((i) => i.inputName === name);
    if (existing && existing.inputKind !== kind) {
      report.skipped.push(`"${name}" exists as a ${existing.inputKind}; it was left as it is.`);
      return false;
    }
    if (!existing) {
      await obs.call('CreateInput', {
        sceneName: scene,
        inputName: name,
        inputKind: kind,
        inputSettings: settings,
        sceneItemEnabled: enabled,
      });
      report.created.push(name);
      return true;
    }
    if (!inScene.has(name)) {
      await obs.call('CreateSceneItem', {
        sceneName: scene,
        sourceName: name,
        sceneItemEnabled: enabled,
      });
      report.created.push(`${name} (added to ${scene})`);
    } else {
      report.kept.push(name);
    }
    return true;
  };

  if (hasBrowser) {
    const ok = await ensure(
      BROWSER_INPUT,
      BROWSER_KIND,
      {
        url: overlayUrl,
        width: video.baseWidth,
        height: video.baseHeight,
        fps: 30,
        shutdown: false,
      },
      true,
    );
    if (ok) report.setup.browserInput = BROWSER_INPUT;
  }
  if (textKind) {
    const created = !inputs.some((i) => i.inputName === TEXT_INPUT);
    const ok = await ensure(TEXT_INPUT, textKind, textSettings(textKind, video.baseWidth), false);
    if (ok) {
      report.setup.textInput = TEXT_INPUT;
      if (created) {
        // Only a source we created gets placed; the user's own stays where they put it.
        const { sceneItemId } = await obs.call<{ sceneItemId: number }>('GetSceneItemId', {
          sceneName: scene,
          sourceName: TEXT_INPUT,
        });
        await obs.call('SetSceneItemTransform', {
          sceneName: scene,
          sceneItemId,
          sceneItemTransform: {
            positionX: Math.round(video.baseWidth * 0.05),
            positionY: Math.round(video.baseHeight * 0.74),
          },
        });
      }
    }
  }
  if (report.setup.browserInput === null) report.setup.mode = 'text';
  if (report.setup.textInput === null && report.setup.browserInput === null) {
    throw new UserError('conflict', `Nothing could be set up: ${report.skipped.join(' ')}`);
  }
  return report;
}
