// Keeps the OBS text source in step with what should be on screen (guest lower third, else the
// question on air, else nothing) when OBS has no browser source for /overlay. Writes only when
// the wanted text changes, in order, and again after every reconnect.
import type { Logger } from '../shared/logger.js';
import type { StateHub } from '../shared/state-hub.js';
import type { LowerThirdSetup } from '../shared/state.js';
import { lowerThirdText, type LowerThirdText } from '../show/lower-third.js';
import type { ObsConnection } from './obs-connection.js';

export class LowerThirdDriver {
  readonly #obs: ObsConnection;
  readonly #hub: StateHub;
  readonly #logger: Logger;
  #setup: LowerThirdSetup | null = null;
  #written: string | null = null;
  #sceneItemId: number | null = null;
  #chain: Promise<void> = Promise.resolve();
  #expiry: ReturnType<typeof setTimeout> | null = null;
  readonly #unsubscribe: () => void;

  constructor(obs: ObsConnection, hub: StateHub, logger: Logger) {
    this.#obs = obs;
    this.#hub = hub;
    this.#logger = logger;
    this.#unsubscribe = hub.subscribe((slice) => {
      if (slice === 'queue' || slice === 'lowerThird') this.update();
    });
  }

  setSetup(setup: LowerThirdSetup | null): void {
    this.#setup = setup;
    this.#forget();
    this.update();
  }

  /** OBS (re)connected: nothing written before can be trusted. */
  resync(): void {
    this.#forget();
    this.update();
  }

  update(): void {
    const setup = this.#setup;
    if (setup?.mode !== 'text' || setup.textInput === null) return;
    const guest = this.#hub.get('lowerThird');
    const wanted = lowerThirdText(guest, this.#hub.get('queue').onAir, Date.now());
    if (this.#expiry) clearTimeout(this.#expiry);
    this.#expiry = guest
      ? setTimeout(() => this.update(), Math.max(0, Date.parse(guest.until) - Date.now()) + 5)
      : null;
    const key = JSON.stringify(wanted);
    if (key === this.#written || this.#obs.state.status !== 'connected') return;
    this.#written = key;
    const input = setup.textInput;
    this.#chain = this.#chain
      .then(() => this.#write(setup.scene, input, wanted))
      .catch((error: unknown) => {
        this.#written = null;
        this.#logger.warn('could not update the OBS text source', { error });
      });
  }

  async flush(): Promise<void> {
    await this.#chain;
  }

  dispose(): void {
    this.#unsubscribe();
    if (this.#expiry) clearTimeout(this.#expiry);
  }

  #forget(): void {
    this.#written = null;
    this.#sceneItemId = null;
  }

  async #write(scene: string, input: string, wanted: LowerThirdText): Promise<void> {
    if (wanted.visible) {
      await this.#obs.call('SetInputSettings', {
        inputName: input,
        inputSettings: { text: wanted.text },
      });
    }
    this.#sceneItemId ??= (
      await this.#obs.call<{ sceneItemId: number }>('GetSceneItemId', {
        sceneName: scene,
        sourceName: input,
      })
    ).sceneItemId;
    await this.#obs.call('SetSceneItemEnabled', {
      sceneName: scene,
      sceneItemId: this.#sceneItemId,
      sceneItemEnabled: wanted.visible,
    });
  }
}
