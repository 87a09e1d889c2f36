// The multistream relay as the producer runs it: destinations (stream keys encrypted), the local
// ingest (started only once a destination exists), one supervised ffmpeg per enabled destination
// while OBS streams to Panelcast, "Configure OBS", and the relay state every screen sees.
import crypto from 'node:crypto';
import path from 'node:path';
import type { ObsConnection } from '../obs/obs-connection.js';
import { DestinationRunner, type RunnerStatus } from './destination-runner.js';
import { FFMPEG_MISSING, findFfmpeg } from './ffmpeg.js';
import { IngestServer } from './ingest.js';
import type { BackoffPolicy } from '../shared/backoff.js';
import { UserError } from '../shared/errors.js';
import { message, type Message } from '../shared/messages/message.js';
import type { Logger } from '../shared/logger.js';
import { PRESET_SERVERS, pushUrl } from '../shared/relay-presets.js';
import { INITIAL_RELAY } from '../shared/initial-state.js';
import type { StateHub } from '../shared/state-hub.js';
import type { DestinationPlatform, DestinationStatus, RelayState } from '../shared/state.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import { intentRoute, type Route } from '../core/routes.js';
import type { IntentRegistry } from '../core/intent-registry.js';

export interface RelayDeps {
  hub: StateHub;
  obs: ObsConnection;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
  logger: Logger;
  dataDir: string;
  /** Faster retries for tests. */
  backoff?: BackoffPolicy;
}

interface DestinationConfig {
  id: string;
  name: string;
  platform: DestinationPlatform;
  serverUrl: string;
  enabled: boolean;
}

interface Entry {
  config: DestinationConfig;
  runner: DestinationRunner | null;
  status: RunnerStatus | null;
}

const PUBLISH_KEY = 'relay.publishKey';
const keyName = (id: string): string => `relay.key.${id}`;

const PLAIN_CONNECTING = 'Connecting to the platform…';

/** A destination's status as a code; the runner's own wording of a failure rides as details. */
function destinationMessage(enabled: boolean, status: RunnerStatus | null, live: boolean): Message {
  if (!enabled) return message('relay.turned_off');
  if (status === null) return message(live ? 'relay.starting' : 'relay.waiting_for_obs');
  if (status.message === FFMPEG_MISSING) return message('relay.ffmpeg_missing');
  switch (status.state) {
    case 'live':
      return message('relay.live');
    case 'connecting':
      return message(
        'relay.connecting',
        {},
        status.message === PLAIN_CONNECTING ? null : status.message,
      );
    case 'retrying':
      return message('relay.retrying', {}, status.message);
    case 'error':
      return message('relay.failed', {}, status.message);
    case 'idle':
    case 'disabled':
      return message('relay.waiting_for_obs');
  }
}

export class RelayService {
  readonly #deps: RelayDeps;
  readonly #entries = new Map<string, Entry>();
  #ingest: IngestServer | null = null;
  #ingestState: RelayState['ingest'] = INITIAL_RELAY.ingest;
  readonly #ffmpeg: string | null;

  constructor(deps: RelayDeps) {
    this.#deps = deps;
    this.#ffmpeg = findFfmpeg();
    for (const config of deps.settings.get('relay.destinations')) {
      this.#entries.set(config.id, { config, runner: null, status: null });
    }
  }

  /** Starts the ingest if destinations are set up. */
  async start(): Promise<void> {
    if (this.#entries.size > 0) await this.#ensureIngest();
    this.#publish();
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.#entries.values()].map((e) => e.runner?.stop() ?? Promise.resolve()),
    );
    await this.#ingest?.stop();
  }

  /** PIDs of the running ffmpeg pushes, by destination (for measurements). */
  pids(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, entry] of this.#entries) if (entry.status?.pid) out[id] = entry.status.pid;
    return out;
  }

  async setDestination(
    input: {
      id: string;
      name: string;
      platform: DestinationPlatform;
      serverUrl?: string | undefined;
      streamKey?: string | undefined;
      enabled: boolean;
    },
    actor: string,
  ): Promise<void> {
    const { secrets, settings, audit } = this.#deps;
    const serverUrl =
      input.serverUrl ??
      PRESET_SERVERS[input.platform] ??
      this.#entries.get(input.id)?.config.serverUrl;
    if (!serverUrl) {
      throw new UserError(
        'invalid',
        message('relay.server_url_needed', { platform: input.platform }),
      );
    }
    if (input.streamKey !== undefined) secrets.set(keyName(input.id), input.streamKey);
    if (input.enabled && !secrets.has(keyName(input.id))) {
      throw new UserError('invalid', message('relay.key_needed', { name: input.name }));
    }
    const config: DestinationConfig = {
      id: input.id,
      name: input.name,
      platform: input.platform,
      serverUrl,
      enabled: input.enabled,
    };
    const previous = this.#entries.get(input.id);
    await previous?.runner?.stop();
    this.#entries.set(input.id, { config, runner: null, status: null });
    settings.set(
      'relay.destinations',
      [...this.#entries.values()].map((e) => e.config),
    );
    audit.append({
      actor,
      action: 'relay:setDestination',
      target: input.id,
      detail: { ...config, keyChanged: input.streamKey !== undefined },
    });
    await this.#ensureIngest();
    if (this.#ingest?.live) this.#startRunner(input.id);
    this.#publish();
  }

  async removeDestination(id: string, actor: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) throw new UserError('not_found', message('relay.no_destination', { id }));
    await entry.runner?.stop();
    this.#entries.delete(id);
    this.#deps.secrets.delete(keyName(id));
    this.#deps.settings.set(
      'relay.destinations',
      [...this.#entries.values()].map((e) => e.config),
    );
    this.#deps.audit.append({
      actor,
      action: 'relay:removeDestination',
      target: id,
      detail: undefined,
    });
    this.#publish();
  }

  /** Where to stream by hand (for software other than OBS): server and secret key. */
  async publishTarget(): Promise<{ server: string; key: string }> {
    const ingest = await this.#ensureIngest();
    return { server: ingest.serverUrl, key: this.#publishKey() };
  }

  async configureObs(actor: string): Promise<{ server: string }> {
    const { obs } = this.#deps;
    const ingest = await this.#ensureIngest();
    if (obs.state.status !== 'connected')
      throw new UserError('unavailable', message('relay.obs_not_connected', {}, obs.state.message));
    if (obs.state.streaming) throw new UserError('conflict', message('relay.obs_streaming'));
    await obs.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: ingest.serverUrl, key: this.#publishKey(), use_auth: false },
    });
    this.#deps.audit.append({
      actor,
      action: 'relay:configureObs',
      target: ingest.serverUrl,
      detail: undefined,
    });
    return { server: ingest.serverUrl };
  }

  #publishKey(): string {
    const { secrets } = this.#deps;
    let key = secrets.get(PUBLISH_KEY);
    if (key === null) {
      key = crypto.randomBytes(12).toString('base64url');
      secrets.set(PUBLISH_KEY, key);
    }
    return key;
  }

  async #ensureIngest(): Promise<IngestServer> {
    if (this.#ingest) return this.#ingest;
    const { settings, logger, dataDir } = this.#deps;
    const ingest = new IngestServer({
      port: settings.get('relay.port') ?? 0,
      key: this.#publishKey(),
      storePath: path.join(dataDir, 'ingest'),
      logger: logger.child('ingest'),
      onLive: () => {
        this.#ingestState = {
          ...this.#ingestState,
          state: 'live',
          message: message('relay.ingest_live'),
        };
        for (const id of this.#entries.keys()) this.#startRunner(id);
        this.#publish();
      },
      onStopped: () => {
        this.#ingestState = {
          ...this.#ingestState,
          state: 'ready',
          message: message('relay.waiting_for_obs'),
        };
        for (const entry of this.#entries.values()) void entry.runner?.stop();
        this.#publish();
      },
      onRestarted: (port, reason) => {
        this.#ingestState = {
          ...this.#ingestState,
          state: 'ready',
          message: message('relay.ingest_restarted', { port }, reason),
        };
        this.#publish();
      },
    });
    this.#ingest = ingest;
    try {
      const port = await ingest.start();
      const saved = settings.get('relay.port');
      settings.set('relay.port', port);
      this.#ingestState = {
        state: 'ready',
        serverUrl: ingest.serverUrl,
        message:
          saved !== null && saved !== port
            ? message('relay.ingest_port_moved', { saved, port })
            : message('relay.waiting_for_obs'),
      };
    } catch (error) {
      this.#ingest = null;
      this.#ingestState = {
        state: 'error',
        serverUrl: null,
        message: message(
          'relay.ingest_failed',
          {},
          error instanceof Error ? error.message : String(error),
        ),
      };
      this.#publish();
      throw new UserError('unavailable', this.#ingestState.message);
    }
    this.#publish();
    return ingest;
  }

  #startRunner(id: string): void {
    const entry = this.#entries.get(id);
    const ingest = this.#ingest;
    if (!entry || !ingest || !entry.config.enabled) return;
    const key = this.#deps.secrets.get(keyName(id));
    if (key === null) return;
    if (this.#ffmpeg === null) {
      entry.status = {
        state: 'error',
        message: FFMPEG_MISSING,
        bitrateKbps: null,
        bitrateHistory: [],
        liveSince: null,
        retryAt: null,
        pid: null,
      };
      this.#publish();
      return;
    }
    entry.runner ??= new DestinationRunner({
      ffmpeg: this.#ffmpeg,
      input: ingest.publishUrl,
      output: pushUrl(entry.config.serverUrl, key),
      logger: this.#deps.logger.child(`destination:${id}`),
      onStatus: (status) => {
        entry.status = status;
        this.#publish();
      },
      ...(this.#deps.backoff ? { backoff: this.#deps.backoff } : {}),
    });
    entry.runner.start();
  }

  #publish(): void {
    const destinations: DestinationStatus[] = [...this.#entries.values()].map(
      ({ config, status }) => ({
        ...config,
        keySaved: this.#deps.secrets.has(keyName(config.id)),
        state: !config.enabled ? 'disabled' : (status?.state ?? 'idle'),
        message: destinationMessage(config.enabled, status, this.#ingest?.live ?? false),
        bitrateKbps: config.enabled ? (status?.bitrateKbps ?? null) : null,
        bitrateHistory: config.enabled ? (status?.bitrateHistory ?? []) : [],
        liveSince: config.enabled ? (status?.liveSince ?? null) : null,
        retryAt: config.enabled ? (status?.retryAt ?? null) : null,
      }),
    );
    this.#deps.hub.set('relay', { ingest: this.#ingestState, destinations });
  }
}

export function registerRelayIntents(intents: IntentRegistry, relay: RelayService): void {
  intents.handle('relay:setDestination', async (input, { actor }) => {
    await relay.setDestination(input, actor);
    return {};
  });
  intents.handle('relay:removeDestination', async ({ id }, { actor }) => {
    await relay.removeDestination(id, actor);
    return {};
  });
  intents.handle('relay:configureObs', (_input, { actor }) => relay.configureObs(actor));
  intents.handle('relay:publishTarget', () => relay.publishTarget());
}

export function relayRoutes(intents: IntentRegistry, hub: StateHub): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/destinations',
      access: 'state:get',
      summary: 'The relay ingest and every destination with its status.',
      body: null,
      query: null,
      handle: () => ({
        status: 200,
        body: { ingest: hub.get('relay').ingest, destinations: hub.get('relay').destinations },
      }),
    },
    intentRoute(intents, 'PUT', '/api/destinations/:id', 'relay:setDestination', 'params+body'),
    intentRoute(intents, 'DELETE', '/api/destinations/:id', 'relay:removeDestination', 'params'),
    intentRoute(intents, 'POST', '/api/relay/configure-obs', 'relay:configureObs', 'none'),
  ];
}
