// Keeps OBS's lower third in step with what should be on screen (a guest, else the question on
// air, else nothing) and reports only what OBS confirms: after every write, scene change and
// scene-item event it asks OBS whether the item is enabled in the program scene.
import type { Logger } from '../shared/logger.js';
import {
  LOWER_THIRD_SCENE,
  type LowerThirdSetup,
  type ScreenState,
  type ScreenWarning,
} from '../shared/on-screen.js';
import type { StateHub } from '../shared/state-hub.js';
import { lowerThirdContent, type LowerThirdContent } from '../show/lower-third.js';
import {
  fitLine,
  fitText,
  lowerThirdLayout,
  stackFor,
  type Box,
  type LowerThirdLayout,
  type Stack,
} from '../show/lower-third-layout.js';
import { LOWER_THIRD_PARTS, textSettings } from './lower-third-setup.js';
import type { ObsConnection } from './obs-connection.js';

/** OBS events after which what is on program may have changed. */
const ITEM_EVENTS = [
  'SceneItemEnableStateChanged',
  'SceneItemCreated',
  'SceneItemRemoved',
  'InputNameChanged',
];

interface SceneItem {
  sourceName: string;
  sceneItemId: number;
  sceneItemEnabled: boolean;
}

interface TextTarget {
  kind: string;
  layout: LowerThirdLayout;
}

export class LowerThirdDriver {
  readonly #obs: ObsConnection;
  readonly #hub: StateHub;
  readonly #logger: Logger;
  #setup: LowerThirdSetup | null = null;
  #written: string | null = null;
  #target: TextTarget | null = null;
  #chain: Promise<void> = Promise.resolve();
  #expiry: ReturnType<typeof setTimeout> | null = null;
  #lastObs = '';
  readonly #unsubscribe: () => void;
  readonly #unwatch: () => void;

  constructor(obs: ObsConnection, hub: StateHub, logger: Logger) {
    this.#obs = obs;
    this.#hub = hub;
    this.#logger = logger;
    this.#unsubscribe = hub.subscribe((slice) => {
      if (slice === 'queue' || slice === 'lowerThird') this.update();
      if (slice === 'obs') this.#onObsChange();
    });
    this.#unwatch = obs.onEvent(ITEM_EVENTS, () => this.#confirm());
  }

  setSetup(setup: LowerThirdSetup | null): void {
    this.#setup = setup;
    this.#forget();
    this.update();
    this.#confirm();
  }

  /** OBS (re)connected: nothing written before can be trusted. */
  resync(): void {
    this.#forget();
    this.update();
    this.#confirm();
  }

  /** Waits until every write and check queued so far is done; returns what OBS confirmed. */
  async settled(): Promise<ScreenState> {
    let chain: Promise<void>;
    do {
      chain = this.#chain;
      await chain;
    } while (chain !== this.#chain);
    return this.#hub.get('screen');
  }

  update(): void {
    const guest = this.#hub.get('lowerThird');
    const content = lowerThirdContent(guest, this.#hub.get('queue').onAir, Date.now());
    if (this.#expiry) clearTimeout(this.#expiry);
    this.#expiry = guest
      ? setTimeout(() => this.update(), Math.max(0, Date.parse(guest.until) - Date.now()) + 5)
      : null;
    if (this.#hub.get('screen').wanted !== content.kind) this.#publish({ wanted: content.kind });
    const setup = this.#setup;
    if (!setup || this.#obs.state.status !== 'connected') return;
    const key = JSON.stringify(content);
    if (key === this.#written) return;
    this.#written = key;
    this.#enqueue(async () => {
      if (setup.mode === 'native') await this.#write(setup, content);
      await this.#check();
    }, 'could not update the lower third in OBS');
  }

  dispose(): void {
    this.#unsubscribe();
    this.#unwatch();
    if (this.#expiry) clearTimeout(this.#expiry);
  }

  #forget(): void {
    this.#written = null;
    this.#target = null;
  }

  #enqueue(step: () => Promise<void>, failure: string): void {
    this.#chain = this.#chain.then(step).catch((error: unknown) => {
      this.#written = null;
      this.#logger.warn(failure, { error });
      this.#publishCheck(null, null);
    });
  }

  #confirm(): void {
    this.#enqueue(() => this.#check(), 'could not ask OBS what is on program');
  }

  #onObsChange(): void {
    const { status, programScene, previewScene, studioMode } = this.#obs.state;
    const key = JSON.stringify([status, programScene, previewScene, studioMode]);
    if (key === this.#lastObs) return;
    this.#lastObs = key;
    if (status === 'connected') this.#confirm();
    else this.#publishCheck(null, null);
  }

  async #textTarget(): Promise<TextTarget> {
    if (this.#target) return this.#target;
    const video = await this.#obs.call<{ baseWidth: number; baseHeight: number }>(
      'GetVideoSettings',
    );
    const { inputKind } = await this.#obs.call<{ inputKind: string }>('GetInputSettings', {
      inputName: LOWER_THIRD_PARTS.text,
    });
    this.#target = { kind: inputKind, layout: lowerThirdLayout(video.baseWidth, video.baseHeight) };
    return this.#target;
  }

  async #write(setup: LowerThirdSetup, content: LowerThirdContent): Promise<void> {
    if (content.kind !== 'none') {
      const { kind, layout } = await this.#textTarget();
      const name = fitLine(content.name, {
        width: layout.name.width,
        size: layout.name.size,
        minSize: layout.text.minSize,
      });
      const text = fitText(content.text, layout.text);
      const stack = stackFor(layout, text.lines, text.size);
      await this.#obs.call('SetInputSettings', {
        inputName: LOWER_THIRD_PARTS.name,
        inputSettings: textSettings(kind, name.text, name.size, true, layout.name),
      });
      await this.#obs.call('SetInputSettings', {
        inputName: LOWER_THIRD_PARTS.text,
        inputSettings: textSettings(kind, text.text, text.size, false, layout.text),
      });
      await this.#placeParts(stack);
    }
    // The same item in every scene it was added to, so a scene switch keeps what is shown.
    for (const scene of setup.scenes) {
      try {
        const id = await this.#itemId(scene, setup.source);
        if (id === null) continue;
        await this.#obs.call('SetSceneItemEnabled', {
          sceneName: scene,
          sceneItemId: id,
          sceneItemEnabled: content.kind !== 'none',
        });
      } catch (error) {
        // A scene the user deleted or renamed must not stop the others.
        this.#logger.warn('could not show or hide the lower third in a scene', { scene, error });
      }
    }
  }

  /** Sizes the bar to the lines it holds; these are Panelcast's own sources in its own scene. */
  async #placeParts(stack: Stack): Promise<void> {
    const parts = await this.#items(LOWER_THIRD_SCENE);
    const place: [string, Box, boolean][] = [
      [LOWER_THIRD_PARTS.bar, stack.bar, true],
      [LOWER_THIRD_PARTS.accent, stack.accent, true],
      [LOWER_THIRD_PARTS.name, stack.name, false],
      [LOWER_THIRD_PARTS.text, stack.text, false],
    ];
    for (const [name, box, sized] of place) {
      const item = parts.find((p) => p.sourceName === name);
      if (!item) continue;
      if (sized) {
        await this.#obs.call('SetInputSettings', {
          inputName: name,
          inputSettings: { height: box.height },
        });
      }
      await this.#obs.call('SetSceneItemTransform', {
        sceneName: LOWER_THIRD_SCENE,
        sceneItemId: item.sceneItemId,
        sceneItemTransform: { positionX: box.x, positionY: box.y },
      });
    }
  }

  async #itemId(scene: string, source: string): Promise<number | null> {
    if (!this.#obs.state.scenes.includes(scene)) return null;
    const item = (await this.#items(scene)).find((i) => i.sourceName === source);
    return item?.sceneItemId ?? null;
  }

  async #items(scene: string): Promise<SceneItem[]> {
    const { sceneItems } = await this.#obs.call<{ sceneItems: SceneItem[] }>('GetSceneItemList', {
      sceneName: scene,
    });
    return sceneItems;
  }

  /** Asks OBS what the program (and, in studio mode, the preview) scene holds. */
  async #check(): Promise<void> {
    const setup = this.#setup;
    const { status, programScene, previewScene, studioMode } = this.#obs.state;
    if (!setup || status !== 'connected' || programScene === null) {
      this.#publishCheck(null, null);
      return;
    }
    const find = async (scene: string) =>
      (await this.#items(scene)).find((i) => i.sourceName === setup.source) ?? null;
    const program = await find(programScene);
    const preview = studioMode && previewScene !== null ? await find(previewScene) : undefined;
    this.#publishCheck(program, preview);
  }

  /** null: not known (not set up, OBS away); undefined preview: not in studio mode. */
  #publishCheck(program: SceneItem | null, preview: SceneItem | null | undefined): void {
    const setup = this.#setup;
    const obs = this.#obs.state;
    const known = setup !== null && obs.status === 'connected';
    const programHas = known ? program !== null : null;
    const previewHas = known && preview !== undefined ? preview !== null : null;
    const wanted = this.#hub.get('screen').wanted;
    // Browser mode: the page shows what is wanted; the item is always on.
    const onProgram = known && wanted !== 'none' && program !== null && program.sceneItemEnabled;
    this.#publish({
      onProgram,
      programScene: obs.programScene,
      programHasLowerThird: programHas,
      previewScene: obs.studioMode ? obs.previewScene : null,
      previewHasLowerThird: previewHas,
    });
  }

  #publish(change: Partial<ScreenState>): void {
    const next = { ...this.#hub.get('screen'), ...change };
    next.warning = screenWarning(next, this.#setup, this.#obs.state.status === 'connected');
    this.#hub.set('screen', next);
  }
}

export function screenWarning(
  screen: ScreenState,
  setup: LowerThirdSetup | null,
  connected: boolean,
): ScreenWarning | null {
  if (!setup) return { code: 'lower_third_not_set_up' };
  if (!connected) return { code: 'obs_not_connected' };
  if (screen.programHasLowerThird === false && screen.programScene !== null) {
    return { code: 'program_without_lower_third', scene: screen.programScene };
  }
  if (screen.previewHasLowerThird === false && screen.previewScene !== null) {
    return { code: 'preview_without_lower_third', scene: screen.previewScene };
  }
  if (screen.wanted !== 'none' && !screen.onProgram && screen.programHasLowerThird === true) {
    return { code: 'lower_third_not_confirmed' };
  }
  return null;
}
