// "Set up OBS": builds Panelcast's lower third once (a scene holding a bar, an accent strip, a
// name line and a text line; or the /overlay browser source where OBS has one and the producer
// wants it) and adds it as one item to every scene picked. It only ever adds: it never moves,
// renames, reconfigures or deletes anything of the user's, and re-running it for other scenes
// adds those scenes too.
import { UserError } from '../shared/errors.js';
import { message, type Message } from '../shared/messages/message.js';
import {
  LOWER_THIRD_SCENE,
  OVERLAY_BROWSER_INPUT,
  type LowerThirdSetup,
} from '../shared/on-screen.js';
import { lowerThirdLayout, type Box } from '../show/lower-third-layout.js';
import type { ObsConnection } from './obs-connection.js';

/** The sources inside the lower-third scene, bottom to top. */
export const LOWER_THIRD_PARTS = {
  bar: 'Panelcast LT Bar',
  accent: 'Panelcast LT Accent',
  name: 'Panelcast LT Name',
  text: 'Panelcast LT Text',
} as const;

/** Text source kinds, best first; GetInputKindList tells which one this OBS has. */
const TEXT_KINDS = ['text_ft2_source_v2', 'text_gdiplus_v3', 'text_gdiplus_v2', 'text_ft2_source'];
const COLOR_KINDS = ['color_source_v3', 'color_source_v2', 'color_source'];
const BROWSER_KIND = 'browser_source';
export const DEFAULT_ACCENT = '#e5484d';

export interface SetupRequest {
  scenes: string[];
  mode: 'native' | 'browser' | 'auto';
  accent: string;
  overlayUrl: string;
  previous: LowerThirdSetup | null;
}

export interface SetupReport {
  setup: LowerThirdSetup;
  created: string[];
  kept: string[];
  /** Things left alone, with why. */
  skipped: Message[];
}

/** OBS colours are 0xAABBGGRR. */
export function obsColor(hex: string, alpha = 0xff): number {
  const rgb = Number.parseInt(hex.slice(1), 16);
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Settings of a text source in the kind this OBS has; our line breaks do the wrapping. */
export function textSettings(
  kind: string,
  text: string,
  size: number,
  bold: boolean,
  box: Box,
): Record<string, unknown> {
  if (kind.startsWith('text_gdiplus')) {
    return {
      text,
      font: { face: 'Segoe UI', size, style: bold ? 'Bold' : 'Regular', flags: bold ? 1 : 0 },
      color: 0xffffff,
      opacity: 100,
      extents: true,
      extents_cx: box.width,
      extents_cy: box.height,
      extents_wrap: true,
    };
  }
  return {
    text,
    font: { face: 'DejaVu Sans', size, style: bold ? 'Bold' : 'Book', flags: bold ? 1 : 0 },
    color1: bold ? 0xffffffff : 0xffeeeeee,
    color2: bold ? 0xffffffff : 0xffeeeeee,
    outline: false,
    drop_shadow: false,
    word_wrap: true,
    custom_width: box.width,
  };
}

interface ObsInput {
  inputName: string;
  inputKind: string;
}

class SetupRun {
  readonly report: SetupReport;
  constructor(
    readonly obs: ObsConnection,
    readonly inputs: ObsInput[],
    setup: LowerThirdSetup,
  ) {
    this.report = { setup, created: [], kept: [], skipped: [] };
  }

  /** Creates a source in `scene` unless one of that name exists; true when it is usable. */
  async ensureInput(
    scene: string,
    name: string,
    kind: string,
    settings: Record<string, unknown>,
    place: Box | null,
  ): Promise<boolean> {
    const existing = this.inputs.find((i) => i.inputName === name);
    if (existing && existing.inputKind !== kind) {
      this.report.skipped.push(
        message('obs.lower_third_skipped', { name, kind: existing.inputKind }),
      );
      return false;
    }
    if (existing) {
      await this.ensureItem(scene, name, true);
      return true;
    }
    const { sceneItemId } = await this.obs.call<{ sceneItemId: number }>('CreateInput', {
      sceneName: scene,
      inputName: name,
      inputKind: kind,
      inputSettings: settings,
      sceneItemEnabled: true,
    });
    this.report.created.push(name);
    // Only a source we created gets placed; one of the user's stays where they put it.
    if (place) {
      await this.obs.call('SetSceneItemTransform', {
        sceneName: scene,
        sceneItemId,
        sceneItemTransform: { positionX: place.x, positionY: place.y },
      });
    }
    return true;
  }

  /** Adds `source` to `scene` unless it is in it already. */
  async ensureItem(scene: string, source: string, enabled: boolean): Promise<void> {
    const { sceneItems } = await this.obs.call<{ sceneItems: { sourceName: string }[] }>(
      'GetSceneItemList',
      { sceneName: scene },
    );
    if (sceneItems.some((i) => i.sourceName === source)) {
      this.report.kept.push(`${source} (${scene})`);
      return;
    }
    await this.obs.call('CreateSceneItem', {
      sceneName: scene,
      sourceName: source,
      sceneItemEnabled: enabled,
    });
    this.report.created.push(`${source} (${scene})`);
  }
}

async function buildNativeScene(run: SetupRun, kinds: string[], accent: string): Promise<void> {
  const textKind = TEXT_KINDS.find((k) => kinds.includes(k));
  const colorKind = COLOR_KINDS.find((k) => kinds.includes(k));
  if (!textKind || !colorKind) {
    throw new UserError('unavailable', message('obs.lower_third_no_sources'));
  }
  const video = await run.obs.call<{ baseWidth: number; baseHeight: number }>('GetVideoSettings');
  const layout = lowerThirdLayout(video.baseWidth, video.baseHeight);
  const { scenes } = await run.obs.call<{ scenes: { sceneName: string }[] }>('GetSceneList');
  if (!scenes.some((s) => s.sceneName === LOWER_THIRD_SCENE)) {
    if (run.inputs.some((i) => i.inputName === LOWER_THIRD_SCENE)) {
      throw new UserError(
        'conflict',
        message('obs.lower_third_name_taken', { name: LOWER_THIRD_SCENE }),
      );
    }
    await run.obs.call('CreateScene', { sceneName: LOWER_THIRD_SCENE });
    run.report.created.push(LOWER_THIRD_SCENE);
  }
  const color = (box: Box, value: number) => ({
    color: value,
    width: box.width,
    height: box.height,
  });
  const parts: [string, string, Record<string, unknown>, Box][] = [
    [LOWER_THIRD_PARTS.bar, colorKind, color(layout.bar, obsColor('#101418', 0xe6)), layout.bar],
    [LOWER_THIRD_PARTS.accent, colorKind, color(layout.accent, obsColor(accent)), layout.accent],
    [
      LOWER_THIRD_PARTS.name,
      textKind,
      textSettings(textKind, '', layout.name.size, true, layout.name),
      layout.name,
    ],
    [
      LOWER_THIRD_PARTS.text,
      textKind,
      textSettings(textKind, '', layout.text.maxSize, false, layout.text),
      layout.text,
    ],
  ];
  for (const [name, kind, settings, box] of parts) {
    await run.ensureInput(LOWER_THIRD_SCENE, name, kind, settings, box);
  }
}

export async function setUpLowerThird(
  obs: ObsConnection,
  request: SetupRequest,
): Promise<SetupReport> {
  const unknown = request.scenes.filter((s) => !obs.state.scenes.includes(s));
  if (unknown.length > 0) {
    throw new UserError(
      'not_found',
      message('obs.no_scene', { scene: unknown.join(', '), scenes: obs.state.scenes.join(', ') }),
    );
  }
  const { inputKinds } = await obs.call<{ inputKinds: string[] }>('GetInputKindList', {
    unversioned: false,
  });
  const hasBrowser = inputKinds.includes(BROWSER_KIND);
  if (request.mode === 'browser' && !hasBrowser) {
    throw new UserError('unavailable', message('obs.lower_third_no_browser'));
  }
  const mode = request.mode === 'auto' ? (request.previous?.mode ?? 'native') : request.mode;
  const source = mode === 'native' ? LOWER_THIRD_SCENE : OVERLAY_BROWSER_INPUT;
  const kept = request.previous?.mode === mode ? request.previous.scenes : [];
  const scenes = [...new Set([...kept, ...request.scenes])].filter((s) => s !== LOWER_THIRD_SCENE);
  const { inputs } = await obs.call<{ inputs: ObsInput[] }>('GetInputList');
  const run = new SetupRun(obs, inputs, { mode, source, scenes, accent: request.accent });

  if (mode === 'native') {
    await buildNativeScene(run, inputKinds, request.accent);
    // Hidden until there is something to show; shown and hidden as one item in every scene.
    for (const scene of request.scenes) await run.ensureItem(scene, source, false);
  } else {
    const video = await obs.call<{ baseWidth: number; baseHeight: number }>('GetVideoSettings');
    const [first, ...rest] = request.scenes;
    const settings = {
      url: request.overlayUrl,
      width: video.baseWidth,
      height: video.baseHeight,
      fps: 30,
      shutdown: false,
    };
    if (first && (await run.ensureInput(first, source, BROWSER_KIND, settings, null))) {
      for (const scene of rest) await run.ensureItem(scene, source, true);
    } else {
      throw new UserError(
        'conflict',
        message('obs.lower_third_nothing', { skipped: run.report.skipped[0] ?? '' }),
      );
    }
  }
  return run.report;
}
