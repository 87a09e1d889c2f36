// The composition root: builds every part of the core by hand and wires them together. Nothing
// else creates long-lived objects; tests start the same core through startCore().
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ServeConfig } from './config.js';
import { defaultRendererDir, version as packageVersion } from './package-info.js';
import { coreRoutes } from './server/api-routes.js';
import { loadOrCreateToken } from './server/control-token.js';
import { QueueController } from './server/queue-controller.js';
import { queueRoutes, registerQueueIntents } from './server/queue-api.js';
import { createHttpServer } from './server/http-server.js';
import { IntentRegistry } from './server/intent-registry.js';
import { RestRouter } from './server/rest-router.js';
import { attachSocketServer, type SocketServer } from './server/socket-server.js';
import { COMMENT_STATUSES, type CommentStatus } from './shared/comment.js';
import type { Logger, SecretRedactor } from './shared/logger.js';
import { OBS_NOT_CONFIGURED, emptyObsState } from './shared/obs-state.js';
import { INITIAL_SCREEN } from './shared/on-screen.js';
import { StateHub } from './shared/state-hub.js';
import type { ShowState } from './shared/state.js';
import { StartupError, listenError, prepareDataDir } from './startup-errors.js';
import { ObsConnection } from './obs/obs-connection.js';
import {
  connectStoredObs,
  obsConfigSummary,
  obsRoutes,
  registerObsIntents,
} from './server/obs-api.js';
import { LowerThirdDriver } from './obs/lower-third-driver.js';
import { initialShow, registerShowIntents, showRoutes } from './server/show-api.js';
import { AudienceService } from './server/audience-service.js';
import {
  INITIAL_RELAY,
  RelayService,
  registerRelayIntents,
  relayRoutes,
} from './server/relay-api.js';
import type { BackoffPolicy } from './shared/backoff.js';
import {
  SourcesService,
  registerSourceIntents,
  sourceRoutes,
  sourcesSummary,
} from './server/sources-api.js';
import type { AudienceLimits } from './sources/audience-source.js';
import type { YouTubeTimings } from './sources/youtube-source.js';
import { SourceManager } from './sources/source-manager.js';
import type { XTimings } from './sources/x-source.js';
import { AuditLog } from './store/audit-log.js';
import { SecretKeyError, SecretStore, loadSecretKey } from './store/secret-store.js';
import { CommentStore } from './store/comment-store.js';
import { DatabaseTooNewError, openDatabase } from './store/database.js';
import { SettingsStore } from './store/settings-store.js';

export interface StartOptions {
  config: ServeConfig;
  logger: Logger;
  redactor: SecretRedactor;
  /** Built UI to serve; defaults to dist/renderer of this package. */
  rendererDir?: string;
  /** Merge window for bursts of state changes sent to clients. */
  batchIntervalMs?: number;
  /** Shorter reconnect and poll timings, looser limits (tests). */
  xTimings?: Partial<XTimings>;
  youtubeTimings?: Partial<YouTubeTimings>;
  audienceLimits?: Partial<AudienceLimits>;
  /** Faster relay retries (tests). */
  relayBackoff?: BackoffPolicy;
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
  sockets: SocketServer;
  db: Database;
  stop(): Promise<void>;
}

export function initialState(version: string, showTitle: string, lan: boolean): ShowState {
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<
    CommentStatus,
    number
  >;
  return {
    app: { version, showTitle, startedAt: new Date().toISOString(), lan },
    config: {
      obsUrl: null,
      obsPasswordSaved: false,
      lowerThird: null,
      x: { enabled: false, hashtags: [], mode: 'auto', apiBaseUrl: null, tokenSaved: false },
      youtube: { enabled: false, video: '', rootUrl: null, keySaved: false },
      audience: { enabled: true },
    },
    rundown: { segments: [], index: -1, startedAt: null, starts: [] },
    guests: [],
    lowerThird: null,
    screen: INITIAL_SCREEN,
    obs: emptyObsState('not_configured', OBS_NOT_CONFIGURED, null),
    sources: [],
    relay: INITIAL_RELAY,
    queue: { counts, onAir: null, order: [], blocklist: { words: [], authors: [] } },
    diagnostics: { rejectedInputs: {} },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(listenError(error, host, port));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startCore(options: StartOptions): Promise<RunningCore> {
  const { config, redactor } = options;
  const logger = options.logger;
  prepareDataDir(config.dataDir);

  const token = loadOrCreateToken(config.dataDir, config.token);
  redactor.add(token);

  const dbFile = path.join(config.dataDir, 'panelcast.db');
  let db: Database;
  try {
    const opened = openDatabase(dbFile);
    db = opened.db;
    if (opened.migration.to !== opened.migration.from) {
      logger.info(opened.migration.from === 0 ? 'database created' : 'database upgraded', {
        ...opened.migration,
      });
    }
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw new StartupError(error.message);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Cannot open the database ${dbFile}: ${reason}`);
  }

  const cleanups: (() => Promise<void> | void)[] = [
    () => {
      db.close();
    },
  ];
  const cleanUp = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step();
  };

  try {
    const version = packageVersion;
    const hub = new StateHub(initialState(version, 'Untitled show', config.lan));
    const onRejected = (channel: string, reason: string): void => {
      logger.debug('input rejected', { channel, reason });
      hub.update('diagnostics', (d) => ({
        rejectedInputs: { ...d.rejectedInputs, [channel]: (d.rejectedInputs[channel] ?? 0) + 1 },
      }));
    };

    const settings = new SettingsStore(db, {
      onInvalid: (key, problem) => {
        onRejected('settings', problem);
        logger.warn(`stored setting ${key} is invalid; using the default`, { problem });
      },
    });
    hub.update('app', (app) => ({ ...app, showTitle: settings.get('show.title') }));
    const audit = new AuditLog(db);
    const intents = new IntentRegistry({ logger: logger.child('intents'), onRejected });
    const queue = new QueueController({
      store: new CommentStore(db),
      hub,
      audit,
      blocklist: settings.get('queue.blocklist'),
    });
    registerQueueIntents(intents, queue, settings);

    let secretKey: Buffer;
    try {
      secretKey = loadSecretKey(config.dataDir, config.secretKeyHex);
    } catch (error) {
      if (error instanceof SecretKeyError) throw new StartupError(error.message);
      throw error;
    }
    const secrets = new SecretStore(db, secretKey, redactor);
    let driver: LowerThirdDriver | null = null;
    const obs = new ObsConnection({
      logger: logger.child('obs'),
      onState: (state) => hub.set('obs', state),
      onConnected: () => driver?.resync(),
    });
    cleanups.push(() => obs.stop());
    driver = new LowerThirdDriver(obs, hub, logger.child('lower-third'));
    const lowerThirds = driver;
    cleanups.push(() => lowerThirds.dispose());
    const obsDeps = { obs, hub, settings, secrets, audit };
    registerObsIntents(intents, obsDeps);
    const lowerThirdSetup = settings.get('obs.lowerThirdSetup');
    driver.setSetup(lowerThirdSetup);
    hub.update('config', (c) => ({
      ...c,
      ...obsConfigSummary(obsDeps),
      lowerThird: lowerThirdSetup,
    }));

    hub.set('rundown', initialShow({ db, settings }).rundown);
    hub.set('guests', settings.get('show.guests'));
    let baseUrl = '';
    cleanups.push(
      registerShowIntents(intents, {
        db,
        hub,
        obs,
        driver,
        settings,
        audit,
        logger: logger.child('show'),
        overlayUrl: () => `${baseUrl}overlay`,
      }),
    );

    intents.handle('state:get', () => ({ state: hub.snapshot() }));
    intents.handle('show:setTitle', ({ title }, context) => {
      settings.set('show.title', title);
      audit.append({
        actor: context.actor,
        action: 'show:setTitle',
        target: null,
        detail: { title },
      });
      hub.update('app', (app) => ({ ...app, showTitle: title }));
      return {};
    });

    const manager = new SourceManager({
      hub,
      logger: logger.child('sources'),
      ingest: (comment) => {
        const result = queue.ingest(comment);
        return result.outcome;
      },
    });
    const audience = new AudienceService(hub, queue);
    const sources = new SourcesService({
      hub,
      manager,
      settings,
      secrets,
      audit,
      audience,
      logger: logger.child('sources'),
      ...(options.xTimings ? { xTimings: options.xTimings } : {}),
      ...(options.youtubeTimings ? { youtubeTimings: options.youtubeTimings } : {}),
      ...(options.audienceLimits ? { audienceLimits: options.audienceLimits } : {}),
    });
    cleanups.push(() => sources.stop());
    registerSourceIntents(intents, sources);
    hub.update('config', (c) => ({ ...c, ...sourcesSummary({ settings, secrets }) }));

    const relay = new RelayService({
      hub,
      obs,
      settings,
      secrets,
      audit,
      logger: logger.child('relay'),
      dataDir: config.dataDir,
      ...(options.relayBackoff ? { backoff: options.relayBackoff } : {}),
    });
    cleanups.push(() => relay.stop());
    registerRelayIntents(intents, relay);

    const onError = (error: unknown): void => logger.error('request failed', { error });
    const router = new RestRouter({
      routes: [
        ...coreRoutes({ hub, intents, version }),
        ...queueRoutes(intents, queue),
        ...obsRoutes(intents),
        ...showRoutes(intents),
        ...sourceRoutes(intents, hub),
        ...relayRoutes(intents, hub),
      ],
      token,
      onRejected,
      onError,
    });
    const httpServer = createHttpServer({
      router,
      rendererDir: options.rendererDir ?? defaultRendererDir,
      lan: config.lan,
      onError,
    });
    const sockets = attachSocketServer({
      httpServer,
      hub,
      comments: queue,
      audience,
      intents,
      token,
      lan: config.lan,
      logger: logger.child('sockets'),
      onRejected,
      batchIntervalMs: options.batchIntervalMs ?? 20,
    });
    cleanups.push(async () => {
      await sockets.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    });

    const port = await listen(httpServer, config.host, config.port);
    // Connect only once the server answers, so the UI can show OBS coming up.
    connectStoredObs(obsDeps);
    await sources.startSaved();
    await relay.start().catch((error: unknown) => logger.error('relay did not start', { error }));
    const url = `http://${urlHost(config.host)}:${port}/`;
    baseUrl = url;
    logger.info('core started', { url, dataDir: config.dataDir, lan: config.lan });

    let stopped: Promise<void> | null = null;
    return {
      url,
      controlUrl: `${url}?token=${encodeURIComponent(token)}`,
      port,
      token,
      dataDir: config.dataDir,
      version,
      hub,
      intents,
      queue,
      obs,
      relay,
      sockets,
      db,
      stop: () => {
        stopped ??= cleanUp().then(() => logger.info('core stopped'));
        return stopped;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
