// The composition root: opens the store, builds each module with what it needs from the others,
// puts their routes on the server and starts them. Modules wire themselves; nothing else here.
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { createAccessModule } from './access/access-module.js';
import { loadOrCreateToken } from './access/control-token.js';
import type { ServeConfig } from './config.js';
import { rejectionCounter } from './core/diagnostics.js';
import { IntentRegistry } from './core/intent-registry.js';
import type { CoreModule, ModuleContext } from './core/module.js';
import type { Route } from './core/routes.js';
import { createGuestsModule } from './guests/guests-module.js';
import { createObsModule } from './obs/obs-module.js';
import type { ObsConnection } from './obs/obs-connection.js';
import { defaultRendererDir, version } from './package-info.js';
import { createQueueModule } from './queue/service/queue-module.js';
import type { QueueController } from './queue/service/queue-controller.js';
import { createRelayModule } from './relay/relay-module.js';
import type { RelayService } from './relay/relay-service.js';
import { coreRoutes } from './server/api-routes.js';
import type { DeviceIssuing } from './server/audience-devices.js';
import { serve } from './server/serve.js';
import type { SocketServer } from './server/socket-server.js';
import type { BackoffPolicy } from './shared/backoff.js';
import { initialState } from './shared/initial-state.js';
import type { Logger, SecretRedactor } from './shared/logger.js';
import { StateHub } from './shared/state-hub.js';
import { createShowModule } from './show/service/show-module.js';
import type { SourceRegistry } from './sources/source-registry.js';
import { createSourcesModule, type SourceTuning } from './sources/sources-module.js';
import { createConnectModule } from './sources/connect/connect-module.js';
import { prepareDataDir } from './startup-errors.js';
import { BackupSchedule } from './store/backups.js';
import { adoptLegacyDataDir } from './store/legacy-data-dir.js';
import { openStore } from './store/open-store.js';
import type { SecretStore } from './store/secret-store.js';
import type { StorageFault } from './store/storage-fault.js';
import { StorageMonitor } from './store/storage-monitor.js';

export interface StartOptions extends SourceTuning {
  config: ServeConfig;
  logger: Logger;
  redactor: SecretRedactor;
  /** Built UI to serve; defaults to dist/renderer of this package. */
  rendererDir?: string;
  /** Merge window for bursts of state changes sent to clients. */
  batchIntervalMs?: number;
  /** Faster relay retries (tests). */
  relayBackoff?: BackoffPolicy;
  /** How often the database is backed up while the core runs (default 10 minutes). */
  backupIntervalMs?: number;
  /** Looser issuing of audience device identities (tests, benchmarks). */
  deviceIssuing?: Partial<DeviceIssuing>;
}

/** The key that signs audience devices: kept with the secrets, so phones keep theirs. */
function audienceDeviceKey(secrets: SecretStore): Buffer {
  const saved = secrets.get('audience.deviceKey');
  if (saved !== null && /^[0-9a-f]{64}$/.test(saved)) return Buffer.from(saved, 'hex');
  const key = crypto.randomBytes(32);
  secrets.set('audience.deviceKey', key.toString('hex'));
  return key;
}

export interface RunningCore {
  /** Base URL, e.g. http://127.0.0.1:7878/ */
  url: string;
  /** The control UI with its token, as printed on start. */
  controlUrl: string;
  port: number;
  token: string;
  dataDir: string;
  version: string;
  hub: StateHub;
  intents: IntentRegistry;
  queue: QueueController;
  obs: ObsConnection;
  relay: RelayService;
  /** Comment sources by id; a new platform registers here (tests add throwaway ones). */
  sources: SourceRegistry;
  sockets: SocketServer;
  /** Every REST route served (what /api/openapi.json describes). */
  routes: readonly Route[];
  db: Database;
  stop(): Promise<void>;
}

/** Stops what was built, last first; the database closes after every module. */
async function stopAll(
  modules: readonly CoreModule[],
  db: Database,
  storage: StorageMonitor,
  backups: BackupSchedule,
): Promise<void> {
  for (const module of [...modules].reverse()) await module.stop();
  await backups.stop();
  storage.stop();
  db.close();
}

/** The data folder, the owner's token, the state hub and the store, before any module. */
function openData(options: StartOptions) {
  const { config, logger, redactor } = options;
  prepareDataDir(config.dataDir);
  adoptLegacyDataDir(config.legacyDataDir, config.dataDir, logger);
  const token = loadOrCreateToken(config.dataDir, config.token, (problem) => logger.warn(problem));
  redactor.add(token);
  const hub = new StateHub(initialState(version, null, config.lan, config.publicUrl), (text) =>
    redactor.redact(text),
  );
  const onRejected = rejectionCounter(hub, logger);
  const store = openStore({ ...config, redactor, logger, onRejected });
  const reenter = (names: string[]): void =>
    hub.update('config', (c) => ({ ...c, secretsToReenter: names }));
  reenter(store.secrets.unreadable());
  store.secrets.onUnreadableChange(reenter);
  return { token, hub, onRejected, store };
}

/**
 * Test hook only: every platform's OAuth endpoints on a local fake authorization server, and the
 * platforms' fake APIs (comma-separated) that connected tokens may then be sent to.
 */
function connectTestHooks(testHooks: boolean) {
  const env = process.env;
  const apis = testHooks ? (env.PANELCAST_TEST_CONNECT_API_URLS ?? '') : '';
  return {
    testHooks,
    fakeOrigin: testHooks ? (env.PANELCAST_TEST_CONNECT_AUTH_URL ?? null) : null,
    fakeApiOrigins: apis.split(',').filter((url) => url.trim() !== ''),
  };
}

export async function startCore(options: StartOptions): Promise<RunningCore> {
  const { config, logger, redactor } = options;
  const { token, hub, onRejected, store } = openData(options);
  const storage = new StorageMonitor({ db: store.db, hub, logger, dir: config.dataDir });
  const backups = new BackupSchedule({
    db: store.db,
    dataDir: config.dataDir,
    logger: logger.child('backup'),
    ...(options.backupIntervalMs === undefined ? {} : { intervalMs: options.backupIntervalMs }),
  });
  const storageFault = (error: unknown): StorageFault | null => storage.fault(error);
  const intents = new IntentRegistry({
    logger: logger.child('intents'),
    onRejected,
    redact: (text) => redactor.redact(text),
    storageFault,
  });
  const ctx: ModuleContext = {
    ...store,
    hub,
    intents,
    logger,
    dataDir: config.dataDir,
    onRejected,
    storage,
  };

  const modules: CoreModule[] = [];
  const add = <M extends CoreModule>(module: M): M => {
    modules.push(module);
    return module;
  };
  try {
    const access = add(createAccessModule(ctx, token));
    const queue = add(createQueueModule(ctx));
    const obs = add(createObsModule(ctx));
    const guests = add(createGuestsModule(ctx, access.access, config.publicUrl, obs.obs));
    add(createShowModule(ctx, obs, queue.controller));
    // Before the sources: they take their user tokens from the connected accounts.
    const connect = add(createConnectModule(ctx, connectTestHooks(config.testHooks)));
    const sources = add(
      createSourcesModule(ctx, queue.controller, connect.connector, {
        ...options,
        testHooks: config.testHooks,
      }),
    );
    const relay = add(createRelayModule(ctx, obs.obs, options.relayBackoff));

    const server = await serve({
      ...config,
      auth: access.access,
      version,
      routes: [...coreRoutes({ hub, version }), ...modules.flatMap((m) => m.routes)],
      hub,
      intents,
      comments: queue.controller,
      audience: sources.audience,
      guests: guests.room,
      rendererDir: options.rendererDir ?? defaultRendererDir,
      logger,
      onRejected,
      storageFault,
      batchIntervalMs: options.batchIntervalMs ?? 20,
      deviceKey: audienceDeviceKey(store.secrets),
      ...(options.deviceIssuing ? { deviceIssuing: options.deviceIssuing } : {}),
    });
    // Last in, so it closes first: no request reaches a module that is stopping.
    add({ name: 'server', routes: [], start: () => Promise.resolve(), stop: () => server.close() });
    const linkUrl = config.publicUrl && config.publicControl ? config.publicUrl : server.url;
    for (const module of modules) await module.start({ url: server.url, linkUrl });
    backups.start();
    logger.info('core started', { url: server.url, dataDir: config.dataDir, lan: config.lan });

    let stopped: Promise<void> | null = null;
    return {
      url: server.url,
      port: server.port,
      sockets: server.sockets,
      routes: server.routes,
      controlUrl: `${server.url}?token=${encodeURIComponent(token)}`,
      token,
      dataDir: config.dataDir,
      version,
      hub,
      intents,
      queue: queue.controller,
      obs: obs.obs,
      relay: relay.relay,
      sources: sources.registry,
      db: store.db,
      stop: () => {
        stopped ??= stopAll(modules, store.db, storage, backups).then(() =>
          logger.info('core stopped'),
        );
        return stopped;
      },
    };
  } catch (error) {
    await stopAll(modules, store.db, storage, backups);
    throw error;
  }
}
