// The producer's program and preview monitor: small screenshots of the scenes OBS shows, a few a
// second, and its audio meters, fetched only while a screen keeps asking (a lease that lapses).
import type { Logger } from '../shared/logger.js';
import type { MonitorMeter, MonitorSnapshot, MonitorView } from '../shared/obs-state.js';
import type { MeterInput, ObsConnection } from './obs-connection.js';

export interface ProgramMonitorOptions {
  /** Without a request for this long, screenshots and meters stop. */
  leaseMs: number;
  /** Screenshots are reused for this long, however many screens ask. */
  frameMs: number;
  /** Width of the thumbnails in pixels (the height follows the canvas). */
  width: number;
}

export const MONITOR_DEFAULTS: ProgramMonitorOptions = { leaseMs: 2000, frameMs: 250, width: 320 };

/** The floor of the meters: OBS's silence (-inf dB) as a number JSON can carry. */
export const SILENCE_DB = -100;

/** dBFS of a linear level, rounded to 0.1 dB, floored at SILENCE_DB. */
export function toDb(level: number): number {
  if (!(level > 0)) return SILENCE_DB;
  return Math.max(SILENCE_DB, Math.round(200 * Math.log10(level)) / 10);
}

export function metersFrom(inputs: MeterInput[]): MonitorMeter[] {
  return inputs.map((input) => ({
    name: input.inputName,
    // Index 1 is the peak after the fader and mute: what goes out.
    peakDb: input.inputLevelsMul.map((channel) => toDb(channel[1] ?? 0)),
  }));
}

export class ProgramMonitor {
  readonly #obs: ObsConnection;
  readonly #logger: Logger;
  readonly #options: ProgramMonitorOptions;
  #lease: ReturnType<typeof setTimeout> | null = null;
  #meters: MonitorMeter[] = [];
  #frames: { at: number; program: MonitorView | null; preview: MonitorView | null } = {
    at: 0,
    program: null,
    preview: null,
  };
  #fetching: Promise<void> | null = null;

  constructor(obs: ObsConnection, logger: Logger, options: ProgramMonitorOptions) {
    this.#obs = obs;
    this.#logger = logger;
    this.#options = options;
  }

  /** What program and preview show now; starts (or prolongs) the screenshots and meters. */
  async snapshot(): Promise<MonitorSnapshot> {
    this.#renewLease();
    if (Date.now() - this.#frames.at >= this.#options.frameMs) {
      this.#fetching ??= this.#fetchFrames().finally(() => {
        this.#fetching = null;
      });
      await this.#fetching;
    }
    return {
      program: this.#frames.program,
      preview: this.#frames.preview,
      meters: this.#meters,
      at: new Date().toISOString(),
    };
  }

  dispose(): void {
    this.#stop();
  }

  #renewLease(): void {
    if (this.#lease === null) this.#obs.setMeters((inputs) => (this.#meters = metersFrom(inputs)));
    else clearTimeout(this.#lease);
    this.#lease = setTimeout(() => this.#stop(), this.#options.leaseMs);
  }

  #stop(): void {
    if (this.#lease !== null) clearTimeout(this.#lease);
    this.#lease = null;
    this.#obs.setMeters(null);
    this.#meters = [];
  }

  async #fetchFrames(): Promise<void> {
    const state = this.#obs.state;
    const connected = state.status === 'connected';
    const [program, preview] = await Promise.all([
      connected ? this.#shoot(state.programScene) : null,
      connected && state.studioMode ? this.#shoot(state.previewScene) : null,
    ]);
    this.#frames = { at: Date.now(), program, preview };
  }

  async #shoot(scene: string | null): Promise<MonitorView | null> {
    if (scene === null) return null;
    try {
      const { imageData } = await this.#obs.call<{ imageData: string }>('GetSourceScreenshot', {
        sourceName: scene,
        imageFormat: 'jpg',
        imageWidth: this.#options.width,
        imageCompressionQuality: 70,
      });
      return { scene, image: imageData };
    } catch (error) {
      this.#logger.debug('no screenshot of a scene', { scene, error });
      return { scene, image: null };
    }
  }
}
