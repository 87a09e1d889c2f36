// The multistream relay as the producer runs it: destinations (stream keys encrypted), the local
// relay process (ingest plus one push per enabled destination, started once a destination
// exists) while OBS streams to Panelcast, "Configure OBS", and the relay state every screen sees.
import crypto from 'node:crypto';
import { notConnected, type ObsConnection } from '../obs/obs-connection.js';
import { UploadMonitor, encoderWarnings } from './encoder-check.js';
import { DestinationRunner, RELAY_BACKOFF, type RunnerStatus } from './destination-runner.js';
import { IngestServer } from './ingest.js';
import type { BackoffPolicy } from '../shared/backoff.js';
import { UserError } from '../shared/errors.js';
import { INITIAL_RELAY } from '../shared/initial-state.js';
import { inEnglish, message, type Message } from '../shared/messages/message.js';
import type { DestinationConfig } from '../shared/shapes.js';
import type { Logger } from '../shared/logger.js';
import { PLATFORM_LIMITS, PRESET_SERVERS } from '../shared/relay-presets.js';
import { streamKeyHosts } from '../shared/secret-hosts.js';
import type { StateHub } from '../shared/state-hub.js';
import type {
  DestinationPlatform,
  DestinationStatus,
  IncomingStream,
  RelayState,
  RelayUpload,
} from '../shared/state.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { IntentRegistry } from '../core/intent-registry.js';
import { intentRoute, type Route } from '../core/routes.js';

export interface RelayDeps {
  hub: StateHub;
  obs: ObsConnection;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
  logger: Logger;
  dataDir: string;
  /** A storage fault for `error` (counted, banner raised), or null for anything else. */
  storageFault?: (error: unknown) => unknown;
  /** Faster retries for tests. */
  backoff?: BackoffPolicy;
  /** Whether the current show is pushed to this destination; others are not started. */
  chosen?: (id: string) => boolean;
}

interface Entry {
  config: DestinationConfig;
  runner: DestinationRunner | null;
  status: RunnerStatus | null;
}

const PUBLISH_KEY = 'relay.publishKey';
const keyName = (id: string): string => `relay.key.${id}`;

/** A destination's status as a code; the relay's own wording rides along as details. */
function destinationMessage(
  config: DestinationConfig,
  status: RunnerStatus | null,
  live: boolean,
  inShow: boolean,
): Message {
  if (!config.enabled) return message('relay.turned_off');
  if (!inShow) return message('relay.not_in_show');
  if (status === null) return message(live ? 'relay.starting' : 'relay.waiting_for_obs');
  if (status.state === 'live' && status.dropping) {
    return message('relay.dropping', { name: config.name });
  }
  const coded = message(
    status.state === 'live'
      ? 'relay.live'
      : status.state === 'connecting'
        ? 'relay.connecting'
        : status.state === 'retrying'
          ? 'relay.retrying'
          : status.state === 'error'
            ? 'relay.failed'
            : 'relay.waiting_for_obs',
  );
  return status.message === inEnglish(coded) ? coded : { ...coded, details: status.message };
}

export class RelayService {
  readonly #deps: RelayDeps;
  readonly #entries = new Map<string, Entry>();
  #ingest: IngestServer | null = null;
  #starting: Promise<IngestServer> | null = null;
  #ingestState: RelayState['ingest'] = INITIAL_RELAY.ingest;
  #stream: IncomingStream | null = null;
  #upload: RelayUpload | null = null;
  readonly #uploadMonitor = new UploadMonitor();

  constructor(deps: RelayDeps) {
    this.#deps = deps;
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

  /**
   * The current show's destinations changed: stops pushes to the ones it does not use and, while
   * OBS streams, starts the ones it now does. Pushes that stay in use are left running.
   */
  async applyShowChoice(): Promise<void> {
    for (const [id, entry] of this.#entries) {
      if (!this.#inShow(id) && entry.runner) {
        await entry.runner.stop();
        entry.runner = null;
        entry.status = null;
      } else if (this.#inShow(id) && !entry.runner && this.#ingest?.live) {
        this.#startRunner(id);
      }
    }
    this.#publish();
  }

  #inShow(id: string): boolean {
    return this.#deps.chosen?.(id) ?? true;
  }

  /** The relay process, which ingests and pushes (for measurements). */
  pid(): number | null {
    return this.#ingest?.pid ?? null;
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
    const before = this.#entries.get(input.id)?.config;
    try {
      secrets.saveFor({
        name: keyName(input.id),
        typed: input.streamKey,
        hosts: streamKeyHosts(input.platform, serverUrl),
        previous: before ? streamKeyHosts(before.platform, before.serverUrl) : [],
        what: 'stream_key',
      });
    } finally {
      // A cleared key stops the push that used it and shows as missing at once.
      const entry = this.#entries.get(input.id);
      if (entry?.runner && !secrets.has(keyName(input.id))) {
        await entry.runner.stop();
        entry.runner = null;
        entry.status = null;
      }
      this.#publish();
    }
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
    // Saved first: when the disk is full, the destinations stay as they were.
    const saved = new Map([...this.#entries].map(([id, e]) => [id, e.config]));
    settings.set('relay.destinations', [...saved.set(input.id, config).values()]);
    const previous = this.#entries.get(input.id);
    await previous?.runner?.stop();
    this.#entries.set(input.id, { config, runner: null, status: null });
    audit.append({
      actor,
      action: 'relay:setDestination',
      target: input.id,
      detail: { ...config, keyChanged: input.streamKey !== undefined },
    });
    // Show the destination at once; starting the relay process can take a moment.
    this.#publish();
    await this.#ensureIngest();
    if (this.#ingest?.live) this.#startRunner(input.id);
    this.#publish();
  }

  async removeDestination(id: string, actor: string): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) throw new UserError('not_found', message('relay.no_destination', { id }));
    this.#deps.settings.set(
      'relay.destinations',
      [...this.#entries.values()].filter((e) => e.config.id !== id).map((e) => e.config),
    );
    await entry.runner?.stop();
    this.#entries.delete(id);
    this.#deps.secrets.delete(keyName(id));
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
      throw new UserError('unavailable', notConnected(obs.state));
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

  /** The started ingest; callers that come while it starts wait for the same start. */
  #ensureIngest(): Promise<IngestServer> {
    this.#starting ??= this.#startIngest().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  /**
   * Remembers the ingest's port for the next start. A full disk or locked database must not
   * take down an ingest that is already listening: the port is only a preference.
   */
  #savePort(port: number): void {
    try {
      this.#deps.settings.set('relay.port', port);
    } catch (error) {
      if (!this.#deps.storageFault?.(error)) throw error;
      this.#deps.logger.warn('the relay port could not be saved; the ingest runs on', { port });
    }
  }

  async #startIngest(): Promise<IngestServer> {
    if (this.#ingest) return this.#ingest;
    const { settings, logger } = this.#deps;
    const ingest = new IngestServer({
      port: settings.get('relay.port') ?? 0,
      key: this.#publishKey(),
      backoff: this.#deps.backoff ?? RELAY_BACKOFF,
      logger: logger.child('ingest'),
      onStream: (info) => {
        this.#stream = {
          width: info.width,
          height: info.height,
          fps: info.fps,
          kbps: info.measuredKbps,
          keyframeIntervalMs: info.keyframeIntervalMs,
        };
        const enabled = [...this.#entries.values()].filter(
          (e) => e.config.enabled && this.#inShow(e.config.id),
        );
        const sent = enabled.reduce((sum, e) => sum + (e.status?.bitrateKbps ?? 0), 0);
        this.#upload = this.#uploadMonitor.sample(info.measuredKbps, enabled.length, sent);
        this.#publish();
      },
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
        this.#stream = null;
        this.#upload = null;
        this.#uploadMonitor.reset();
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
      this.#savePort(port);
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
    if (!entry || !ingest || !entry.config.enabled || !this.#inShow(id)) return;
    const { platform, serverUrl } = entry.config;
    const key = this.#deps.secrets.getFor(keyName(id), streamKeyHosts(platform, serverUrl));
    if (key === null) return;
    entry.runner ??= new DestinationRunner({
      id,
      name: entry.config.name,
      ingest,
      serverUrl: entry.config.serverUrl,
      streamKey: key,
      onStatus: (status) => {
        entry.status = status;
        this.#publish();
      },
    });
    entry.runner.start();
  }

  #publish(): void {
    const destinations: DestinationStatus[] = [...this.#entries.values()].map(
      ({ config, status }) => ({
        ...config,
        keySaved: this.#deps.secrets.has(keyName(config.id)),
        state: !config.enabled || !this.#inShow(config.id) ? 'disabled' : (status?.state ?? 'idle'),
        message: destinationMessage(
          config,
          status,
          this.#ingest?.live ?? false,
          this.#inShow(config.id),
        ),
        bitrateKbps: config.enabled ? (status?.bitrateKbps ?? null) : null,
        bitrateHistory: config.enabled ? (status?.bitrateHistory ?? []) : [],
        liveSince: config.enabled ? (status?.liveSince ?? null) : null,
        retryAt: config.enabled ? (status?.retryAt ?? null) : null,
        warnings: config.enabled
          ? encoderWarnings(this.#stream, PLATFORM_LIMITS[config.platform])
          : [],
      }),
    );
    this.#deps.hub.set('relay', {
      ingest: this.#ingestState,
      destinations,
      stream: this.#stream,
      upload: this.#upload,
    });
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
