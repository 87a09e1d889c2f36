// Starts a real core in this process on a free port with a throw-away data dir.
import { startCore, type RunningCore, type StartOptions } from '../../src/app.js';
import type { ServeConfig } from '../../src/config.js';
import { SecretRedactor, createLogger, type LogRecord } from '../../src/shared/logger.js';
import { makeTempDir } from './temp-dir.js';

export interface TestCore extends RunningCore {
  logs: LogRecord[];
  /** Stops the core and removes its data dir (unless keepDataDir). */
  dispose(): Promise<void>;
}

export interface TestCoreOptions {
  host?: string;
  lan?: boolean;
  publicUrl?: string;
  trustProxy?: string[];
  dataDir?: string;
  legacyDataDir?: string;
  port?: number;
  token?: string;
  keepDataDir?: boolean;
  /** Platform API addresses may be redirected to fakes (default true; releases: false). */
  testHooks?: boolean;
  batchIntervalMs?: number;
  rendererDir?: string;
  xTimings?: StartOptions['xTimings'];
  youtubeTimings?: StartOptions['youtubeTimings'];
  facebookTimings?: StartOptions['facebookTimings'];
  linkedinTimings?: StartOptions['linkedinTimings'];
  twitchTimings?: StartOptions['twitchTimings'];
  mastodonTimings?: StartOptions['mastodonTimings'];
  blueskyTimings?: StartOptions['blueskyTimings'];
  audienceLimits?: StartOptions['audienceLimits'];
  relayBackoff?: StartOptions['relayBackoff'];
  backupIntervalMs?: number;
  deviceIssuing?: StartOptions['deviceIssuing'];
  /** Key from the "keychain" (as the Electron shell passes it). */
  secretKeyHex?: string;
}

export async function startTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? temp?.dir ?? '';
  const config: ServeConfig = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    dataDir,
    token: options.token ?? null,
    secretKeyHex: options.secretKeyHex,
    logLevel: 'debug',
    lan: options.lan ?? false,
    publicUrl: options.publicUrl ?? null,
    trustProxy: options.trustProxy ?? [],
    publicControl: false,
    testHooks: options.testHooks ?? true,
    legacyDataDir: options.legacyDataDir ?? null,
  };
  const logs: LogRecord[] = [];
  const redactor = new SecretRedactor();
  const logger = createLogger({
    level: 'debug',
    redactor,
    sink: (_line, record) => logs.push(record),
  });
  const start: StartOptions = { config, logger, redactor };
  if (options.batchIntervalMs !== undefined) start.batchIntervalMs = options.batchIntervalMs;
  if (options.rendererDir !== undefined) start.rendererDir = options.rendererDir;
  if (options.xTimings !== undefined) start.xTimings = options.xTimings;
  if (options.youtubeTimings !== undefined) start.youtubeTimings = options.youtubeTimings;
  if (options.facebookTimings !== undefined) start.facebookTimings = options.facebookTimings;
  if (options.linkedinTimings !== undefined) start.linkedinTimings = options.linkedinTimings;
  if (options.twitchTimings !== undefined) start.twitchTimings = options.twitchTimings;
  if (options.mastodonTimings !== undefined) start.mastodonTimings = options.mastodonTimings;
  if (options.blueskyTimings !== undefined) start.blueskyTimings = options.blueskyTimings;
  if (options.audienceLimits !== undefined) start.audienceLimits = options.audienceLimits;
  if (options.relayBackoff !== undefined) start.relayBackoff = options.relayBackoff;
  if (options.backupIntervalMs !== undefined) start.backupIntervalMs = options.backupIntervalMs;
  if (options.deviceIssuing !== undefined) start.deviceIssuing = options.deviceIssuing;
  const core = await startCore(start);
  return {
    ...core,
    logs,
    dispose: async () => {
      await core.stop();
      if (!options.keepDataDir) temp?.remove();
    },
  };
}

export async function api(
  core: { url: string; token: string },
  method: string,
  path: string,
  init: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? core.token : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(new URL(path, core.url), { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
