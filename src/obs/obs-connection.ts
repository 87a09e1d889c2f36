// One supervised connection to OBS over obs-websocket v5: connects, reconnects with backoff
// (never two loops at once), resyncs everything after each reconnect, mirrors scenes, studio
// mode and outputs from OBS's events, polls health once a second while live, and gives every
// request a timeout. Wrong password and too-old OBS stop the retrying with a clear message.
import { EventSubscription, OBSWebSocket, OBSWebSocketError } from 'obs-websocket-js';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import { UserError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { inEnglish, message, type Message } from '../shared/messages/message.js';
import { OBS_NOT_CONFIGURED, emptyObsState, type ObsState } from '../shared/obs-state.js';
import { HealthTracker } from './health.js';

/** One input's levels as OBS sends them: per channel [magnitude, peak, input peak], linear. */
export interface MeterInput {
  inputName: string;
  inputLevelsMul: number[][];
}

export interface ObsTarget {
  url: string;
  password: string;
}

export interface ObsConnectionOptions {
  logger: Logger;
  onState: (state: ObsState) => void;
  /** Called after each (re)connection, once the state is resynced. */
  onConnected?: () => void;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  backoff?: BackoffPolicy;
  healthIntervalMs?: number;
}

/** 0.5 s doubling; capped at 2 s (±20 %) so OBS is found again within 3 s of coming back. */
export const OBS_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 2000, jitter: 0.2 };

/** Events we mirror. Volume meters only while someone watches them (setMeters): 20 a second. */
const SUBSCRIPTIONS =
  EventSubscription.General |
  EventSubscription.Scenes |
  EventSubscription.Transitions |
  EventSubscription.Outputs |
  EventSubscription.SceneItems |
  EventSubscription.Ui;

const CLOSE_AUTH_FAILED = 4009;
const CLOSE_UNSUPPORTED_RPC = 4010;
const MIN_OBS_MAJOR = 28;

type Attempt =
  | { outcome: 'closed'; reason: Message }
  | { outcome: 'retry'; reason: Message }
  | { outcome: 'fatal'; reason: Message };

/** Stops the retrying: OBS answered, but in a way waiting will not change. */
class Fatal extends Error {
  constructor(readonly reason: Message) {
    super(reason.code);
  }
}

/** A request OBS did not answer in time. */
class Timeout extends Error {}

function sleep(ms: number, signal: { cancelled: boolean; wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** obs-websocket-js types its requests exhaustively; we call them by name. */
function request<T>(client: OBSWebSocket, type: string, data?: object): Promise<T> {
  return (client as unknown as { call(t: string, d?: object): Promise<T> }).call(type, data);
}

function unreachable(url: string, details: string | null = null): Message {
  return message('obs.unreachable', { url }, details);
}

/** Why a request cannot go to OBS now, with OBS's own state nested as the reason. */
export function notConnected(state: ObsState): Message {
  return message('obs.not_connected', { reason: state.message });
}

export class ObsConnection {
  readonly #logger: Logger;
  readonly #onState: (state: ObsState) => void;
  readonly #onConnected: () => void;
  readonly #requestTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #backoff: BackoffPolicy;
  readonly #healthIntervalMs: number;
  #state: ObsState = emptyObsState('not_configured', OBS_NOT_CONFIGURED, null);
  #client: OBSWebSocket | null = null;
  #target: ObsTarget | null = null;
  /** Bumped on every configure/stop: a loop that sees a newer generation ends itself. */
  #generation = 0;
  #loop: Promise<void> = Promise.resolve();
  #sleeper: { cancelled: boolean; wake?: () => void } = { cancelled: false };
  #available = new Set<string>();
  #health: HealthTracker | null = null;
  #healthTimer: ReturnType<typeof setInterval> | null = null;
  #polling = false;
  readonly #eventListeners = new Set<{ types: string[]; listener: (type: string) => void }>();
  #meters: ((inputs: MeterInput[]) => void) | null = null;

  constructor(options: ObsConnectionOptions) {
    this.#logger = options.logger;
    this.#onState = options.onState;
    this.#onConnected = options.onConnected ?? (() => undefined);
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 3000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.#backoff = options.backoff ?? OBS_BACKOFF;
    this.#healthIntervalMs = options.healthIntervalMs ?? 1000;
  }

  get state(): ObsState {
    return this.#state;
  }

  /** Requests this OBS offers (from GetVersion), for feature detection. */
  supports(request: string): boolean {
    return this.#available.has(request);
  }

  /** Calls `listener` for each of these OBS events, on every connection; returns the unsubscribe. */
  onEvent(types: string[], listener: (type: string) => void): () => void {
    const entry = { types, listener };
    this.#eventListeners.add(entry);
    return () => this.#eventListeners.delete(entry);
  }

  /**
   * Receives OBS's volume meters while a listener is set (null stops them): OBS sends them only
   * to a client subscribed to them, so they cost nothing while nobody watches.
   */
  setMeters(listener: ((inputs: MeterInput[]) => void) | null): void {
    const changed = (listener === null) !== (this.#meters === null);
    this.#meters = listener;
    const client = this.#client;
    if (!changed || !client || this.#state.status !== 'connected') return;
    client.reidentify({ eventSubscriptions: this.#subscriptions() }).catch((error: unknown) => {
      this.#logger.warn('could not change the meter subscription', { error });
    });
  }

  #subscriptions(): number {
    return SUBSCRIPTIONS | (this.#meters ? EventSubscription.InputVolumeMeters : 0);
  }

  /** Connects to `target` (or disconnects for null), replacing any running connection. */
  configure(target: ObsTarget | null): void {
    this.#target = target;
    const generation = ++this.#generation;
    this.#sleeper.cancelled = true;
    this.#sleeper.wake?.();
    const previous = this.#loop;
    this.#loop = previous.then(async () => {
      await this.#closeClient();
      if (generation !== this.#generation) return;
      if (target === null) {
        this.#publish(emptyObsState('not_configured', OBS_NOT_CONFIGURED, null));
        return;
      }
      await this.#run(target, generation);
    });
  }

  async stop(): Promise<void> {
    this.#generation += 1;
    this.#sleeper.cancelled = true;
    this.#sleeper.wake?.();
    this.#stopHealth();
    await this.#closeClient();
    await this.#loop;
  }

  /** Sends a request to OBS; refuses clearly when not connected or when OBS does not answer. */
  async call<T = unknown>(requestType: string, requestData?: object): Promise<T> {
    const client = this.#client;
    if (!client || this.#state.status !== 'connected') {
      throw new UserError('unavailable', notConnected(this.#state));
    }
    try {
      return await withTimeout(
        request<T>(client, requestType, requestData),
        this.#requestTimeoutMs,
        `OBS did not answer ${requestType} within ${this.#requestTimeoutMs / 1000} s.`,
      );
    } catch (error) {
      if (error instanceof OBSWebSocketError) {
        throw new UserError(
          'conflict',
          message(
            'obs.request_refused',
            { request: requestType, status: error.code },
            error.message,
          ),
        );
      }
      if (error instanceof Timeout) {
        throw new UserError(
          'unavailable',
          message('obs.request_timeout', {
            request: requestType,
            seconds: this.#requestTimeoutMs / 1000,
          }),
        );
      }
      const details = error instanceof Error ? error.message : String(error);
      throw new UserError(
        'unavailable',
        message('obs.request_failed', { request: requestType }, details),
      );
    }
  }

  // ── the connection loop ─────────────────────────────────────────────────────────────────

  async #run(target: ObsTarget, generation: number): Promise<void> {
    let retries = 0;
    while (generation === this.#generation) {
      this.#publish({
        ...this.#state,
        status: retries === 0 ? 'connecting' : this.#state.status,
        url: target.url,
        message:
          retries === 0 ? message('obs.connecting', { url: target.url }) : this.#state.message,
        retryAt: null,
      });
      const attempt = await this.#attempt(target, generation);
      if (generation !== this.#generation) return;
      if (attempt.outcome === 'fatal') {
        this.#publish({ ...emptyObsState('failed', attempt.reason, target.url) });
        this.#logger.warn('OBS connection stopped', { reason: inEnglish(attempt.reason) });
        return;
      }
      // A connection that was up starts the backoff afresh.
      retries = attempt.outcome === 'closed' ? 1 : retries + 1;
      const delay = backoffDelay(retries, this.#backoff);
      this.#publish({
        ...emptyObsState(
          'reconnecting',
          message(
            'obs.retry_in',
            { reason: attempt.reason, seconds: (delay / 1000).toFixed(1) },
            attempt.reason.details,
          ),
          target.url,
        ),
        retryAt: new Date(Date.now() + delay).toISOString(),
      });
      this.#sleeper = { cancelled: false };
      await sleep(delay, this.#sleeper);
    }
  }

  async #attempt(target: ObsTarget, generation: number): Promise<Attempt> {
    const client = new OBSWebSocket();
    this.#client = client;
    const closed = new Promise<string>((resolve) => {
      client.on('ConnectionClosed', (error) => {
        resolve(`The connection to OBS closed (${error.message || `code ${error.code}`}).`);
      });
    });
    try {
      this.#logger.info('connecting to OBS', { url: target.url });
      const identified = await withTimeout(
        client.connect(target.url, target.password || undefined, {
          rpcVersion: 1,
          eventSubscriptions: this.#subscriptions(),
        }),
        this.#connectTimeoutMs,
        `OBS at ${target.url} did not answer within ${this.#connectTimeoutMs / 1000} s.`,
      );
      if (generation !== this.#generation) {
        await client.disconnect();
        return { outcome: 'closed', reason: message('obs.connection_lost') };
      }
      this.#watchEvents(client);
      await this.#resync(client, identified.negotiatedRpcVersion);
      this.#logger.info('connected to OBS', {
        obsVersion: this.#state.obsVersion,
        websocketVersion: this.#state.websocketVersion,
      });
      this.#onConnected();
      const reason = await closed;
      this.#stopHealth();
      this.#logger.warn('OBS connection lost', { reason });
      return { outcome: 'closed', reason: message('obs.connection_lost') };
    } catch (error) {
      this.#stopHealth();
      await client.disconnect().catch(() => undefined);
      return this.#classify(error, target);
    } finally {
      if (this.#client === client) this.#client = null;
    }
  }

  #classify(error: unknown, target: ObsTarget): Attempt {
    if (error instanceof Fatal) return { outcome: 'fatal', reason: error.reason };
    if (error instanceof OBSWebSocketError) {
      if (error.code === CLOSE_AUTH_FAILED) {
        return {
          outcome: 'fatal',
          reason: target.password ? message('obs.wrong_password') : message('obs.password_needed'),
        };
      }
      if (error.code === CLOSE_UNSUPPORTED_RPC) {
        return {
          outcome: 'fatal',
          reason: message('obs.protocol_too_old'),
        };
      }
    }
    const text = error instanceof Error ? error.message : String(error);
    if (
      error instanceof Timeout ||
      /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|1006/.test(text) ||
      text === ''
    ) {
      return { outcome: 'retry', reason: unreachable(target.url) };
    }
    return { outcome: 'retry', reason: unreachable(target.url, text) };
  }

  /** Reads everything afresh: after a reconnect nothing from before is trusted. */
  async #resync(client: OBSWebSocket, rpcVersion: number): Promise<void> {
    const call = <T>(type: string, data?: object): Promise<T> =>
      withTimeout(
        request<T>(client, type, data),
        this.#requestTimeoutMs,
        `OBS did not answer ${type}.`,
      );
    const version = await call<{
      obsVersion: string;
      obsWebSocketVersion: string;
      availableRequests: string[];
    }>('GetVersion');
    const major = Number(version.obsVersion.split('.')[0]);
    if (rpcVersion < 1 || (Number.isFinite(major) && major < MIN_OBS_MAJOR)) {
      throw new Fatal(
        message('obs.too_old', {
          obsVersion: version.obsVersion,
          websocketVersion: version.obsWebSocketVersion,
          min: MIN_OBS_MAJOR,
        }),
      );
    }
    this.#available = new Set(version.availableRequests);
    const [scenes, studio, transition, stream, record] = await Promise.all([
      call<{
        currentProgramSceneName: string;
        currentPreviewSceneName: string | null;
        scenes: { sceneName: string; sceneIndex: number }[];
      }>('GetSceneList'),
      call<{ studioModeEnabled: boolean }>('GetStudioModeEnabled'),
      call<{ transitionName: string; transitionDuration: number | null }>(
        'GetCurrentSceneTransition',
      ).catch(() => null),
      call<StreamStatus>('GetStreamStatus'),
      call<RecordStatus>('GetRecordStatus'),
    ]);
    const now = Date.now();
    this.#publish({
      ...emptyObsState(
        'connected',
        message('obs.connected', {
          obsVersion: version.obsVersion,
          websocketVersion: version.obsWebSocketVersion,
        }),
        this.#target?.url ?? null,
      ),
      obsVersion: version.obsVersion,
      websocketVersion: version.obsWebSocketVersion,
      scenes: sceneNames(scenes.scenes),
      programScene: scenes.currentProgramSceneName,
      previewScene: studio.studioModeEnabled ? scenes.currentPreviewSceneName : null,
      studioMode: studio.studioModeEnabled,
      transition: transition
        ? { name: transition.transitionName, durationMs: transition.transitionDuration }
        : null,
      streaming: stream.outputActive,
      recording: record.outputActive,
      stream: {
        active: stream.outputActive,
        startedAt: stream.outputActive ? new Date(now - stream.outputDuration).toISOString() : null,
        timecode: stream.outputActive ? stream.outputTimecode : null,
        reconnecting: stream.outputReconnecting,
      },
      record: {
        active: record.outputActive,
        startedAt: record.outputActive ? new Date(now - record.outputDuration).toISOString() : null,
        timecode: record.outputActive ? record.outputTimecode : null,
        paused: record.outputPaused,
      },
    });
    this.#updateHealthPolling();
  }

  #watchEvents(client: OBSWebSocket): void {
    client.on('InputVolumeMeters', (event) => {
      this.#meters?.(event.inputs as unknown as MeterInput[]);
    });
    const anyClient = client as unknown as { on(type: string, handler: () => void): void };
    const types = new Set([...this.#eventListeners].flatMap((e) => e.types));
    for (const type of types) {
      anyClient.on(type, () => {
        for (const entry of this.#eventListeners)
          if (entry.types.includes(type)) entry.listener(type);
      });
    }
    const refreshScenes = (): void => {
      void this.call<{ scenes: { sceneName: string; sceneIndex: number }[] }>('GetSceneList')
        .then((list) => this.#patch({ scenes: sceneNames(list.scenes) }))
        .catch((error: unknown) => this.#logger.warn('could not refresh scenes', { error }));
    };
    client.on('SceneCreated', refreshScenes);
    client.on('SceneRemoved', refreshScenes);
    client.on('SceneNameChanged', (event) => {
      const rename = (name: string | null): string | null =>
        name === event.oldSceneName ? event.sceneName : name;
      this.#patch({
        programScene: rename(this.#state.programScene),
        previewScene: rename(this.#state.previewScene),
      });
      refreshScenes();
    });
    client.on('SceneListChanged', (event) =>
      this.#patch({ scenes: sceneNames(event.scenes as unknown as SceneEntry[]) }),
    );
    client.on('CurrentProgramSceneChanged', (event) =>
      this.#patch({ programScene: event.sceneName }),
    );
    client.on('CurrentPreviewSceneChanged', (event) =>
      this.#patch({ previewScene: event.sceneName }),
    );
    client.on('StudioModeStateChanged', (event) => {
      this.#patch({ studioMode: event.studioModeEnabled });
      if (event.studioModeEnabled) {
        void this.call<{ currentPreviewSceneName: string }>('GetCurrentPreviewScene')
          .then((r) => this.#patch({ previewScene: r.currentPreviewSceneName }))
          .catch(() => undefined);
      } else {
        this.#patch({ previewScene: null });
      }
    });
    client.on('CurrentSceneTransitionChanged', (event) =>
      this.#patch({
        transition: {
          name: event.transitionName,
          durationMs: this.#state.transition?.durationMs ?? null,
        },
      }),
    );
    client.on('CurrentSceneTransitionDurationChanged', (event) =>
      this.#patch({
        transition: {
          name: this.#state.transition?.name ?? '',
          durationMs: event.transitionDuration,
        },
      }),
    );
    client.on('StreamStateChanged', (event) => {
      const active = event.outputActive;
      this.#patch({
        streaming: active,
        stream: {
          active,
          startedAt: active ? (this.#state.stream.startedAt ?? new Date().toISOString()) : null,
          timecode: active ? this.#state.stream.timecode : null,
          reconnecting: event.outputState === 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
        },
      });
      this.#updateHealthPolling();
    });
    client.on('RecordStateChanged', (event) => {
      const active = event.outputActive;
      this.#patch({
        recording: active,
        record: {
          active,
          startedAt: active ? (this.#state.record.startedAt ?? new Date().toISOString()) : null,
          timecode: active ? this.#state.record.timecode : null,
          paused: event.outputState === 'OBS_WEBSOCKET_OUTPUT_PAUSED',
        },
      });
      this.#updateHealthPolling();
    });
    client.on('ExitStarted', () => this.#patch({ message: message('obs.closing') }));
  }

  // ── health while live ───────────────────────────────────────────────────────────────────

  #updateHealthPolling(): void {
    const live = this.#state.streaming || this.#state.recording;
    if (live && this.#healthTimer === null) {
      this.#health = new HealthTracker();
      this.#healthTimer = setInterval(() => void this.#pollHealth(), this.#healthIntervalMs);
      void this.#pollHealth();
    } else if (!live) {
      this.#stopHealth();
      if (this.#state.health !== null) this.#patch({ health: null });
    }
  }

  #stopHealth(): void {
    if (this.#healthTimer !== null) clearInterval(this.#healthTimer);
    this.#healthTimer = null;
  }

  async #pollHealth(): Promise<void> {
    if (this.#polling || this.#state.status !== 'connected') return;
    this.#polling = true;
    try {
      const [stats, stream, record] = await Promise.all([
        this.call<Stats>('GetStats'),
        this.#state.streaming ? this.call<StreamStatus>('GetStreamStatus') : Promise.resolve(null),
        this.#state.recording ? this.call<RecordStatus>('GetRecordStatus') : Promise.resolve(null),
      ]);
      const health = this.#health?.sample(Date.now(), stats, stream) ?? null;
      this.#patch({
        health,
        stream: stream
          ? {
              ...this.#state.stream,
              timecode: stream.outputTimecode,
              reconnecting: stream.outputReconnecting,
            }
          : this.#state.stream,
        record: record
          ? { ...this.#state.record, timecode: record.outputTimecode, paused: record.outputPaused }
          : this.#state.record,
      });
    } catch (error) {
      this.#logger.debug('health poll failed', { error });
    } finally {
      this.#polling = false;
    }
  }

  // ── state ───────────────────────────────────────────────────────────────────────────────

  #patch(change: Partial<ObsState>): void {
    if (this.#state.status !== 'connected') return;
    this.#publish({ ...this.#state, ...change });
  }

  #publish(state: ObsState): void {
    this.#state = state;
    this.#onState(state);
  }

  async #closeClient(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (client) await client.disconnect().catch(() => undefined);
  }
}

export interface StreamStatus {
  outputActive: boolean;
  outputReconnecting: boolean;
  outputTimecode: string;
  outputDuration: number;
  outputCongestion: number;
  outputBytes: number;
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

export interface RecordStatus {
  outputActive: boolean;
  outputPaused: boolean;
  outputTimecode: string;
  outputDuration: number;
  outputBytes: number;
}

export interface Stats {
  cpuUsage: number;
  memoryUsage: number;
  activeFps: number;
  renderSkippedFrames: number;
  renderTotalFrames: number;
  outputSkippedFrames: number;
  outputTotalFrames: number;
}

interface SceneEntry {
  sceneName: string;
  sceneIndex: number;
}

/** OBS lists scenes bottom-up by index; people read them top-down as OBS shows them. */
function sceneNames(scenes: readonly SceneEntry[]): string[] {
  return [...scenes].sort((a, b) => b.sceneIndex - a.sceneIndex).map((s) => s.sceneName);
}
