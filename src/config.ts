// Turns command-line flags and PANELCAST_* environment variables into the core's settings.
// Flags win over the environment, the environment over defaults. Pure: no I/O.
import { isIP } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 7878;
export const DEFAULT_HOST = '127.0.0.1';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export interface ServeConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Fixed control token from PANELCAST_TOKEN; null means generate/reuse the stored one. */
  token: string | null;
  /** Hex key for stored secrets, handed over by the Electron shell; undefined headless. */
  secretKeyHex: string | undefined;
  logLevel: LogLevelName;
  /** True when the host is reachable from other machines (opt-in). */
  lan: boolean;
  /** The public origin (behind a TLS proxy or tunnel) for the audience page and links. */
  publicUrl: string | null;
  /** Proxies whose X-Forwarded-For is believed for the client's address. */
  trustProxy: string[];
  /** Control (producer and moderator screens, REST) also through the public origin (opt-in). */
  publicControl: boolean;
  /** PANELCAST_TEST_HOOKS=1: platform API addresses may be redirected (tests only, never set in releases). */
  testHooks: boolean;
  /** A data folder of an earlier desktop version, moved into dataDir once (set by the shell). */
  legacyDataDir: string | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface SystemInfo {
  platform: NodeJS.Platform;
  homeDir: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Where Panelcast keeps its data when no --data-dir is given, following each OS's custom. */
export function defaultDataDir(system: SystemInfo, env: Env): string {
  const nonEmpty = (v: string | undefined): v is string => v !== undefined && v !== '';
  switch (system.platform) {
    case 'win32': {
      const appData = nonEmpty(env.APPDATA)
        ? env.APPDATA
        : path.win32.join(system.homeDir, 'AppData', 'Roaming');
      return path.win32.join(appData, 'Panelcast');
    }
    case 'darwin':
      return path.posix.join(system.homeDir, 'Library', 'Application Support', 'Panelcast');
    default: {
      const xdg = env.XDG_DATA_HOME;
      const base =
        nonEmpty(xdg) && path.posix.isAbsolute(xdg)
          ? xdg
          : path.posix.join(system.homeDir, '.local', 'share');
      return path.posix.join(base, 'panelcast');
    }
  }
}

export function parsePort(value: string, from: string): number {
  if (!/^\d{1,5}$/.test(value.trim())) {
    throw new ConfigError(`${from} must be a whole number from 0 to 65535 (got "${value}").`);
  }
  const port = Number(value.trim());
  if (port > 65535) {
    throw new ConfigError(`${from} must be a whole number from 0 to 65535 (got "${value}").`);
  }
  return port;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseToken(value: string): string {
  if (!/^[A-Za-z0-9._~-]{16,200}$/.test(value)) {
    throw new ConfigError(
      'PANELCAST_TOKEN must be 16 to 200 characters of letters, digits, "-", "_", "." or "~".',
    );
  }
  return value;
}

function parseLogLevel(value: string): LogLevelName {
  if (value === 'debug' || value === 'info' || value === 'warn' || value === 'error') return value;
  throw new ConfigError(`PANELCAST_LOG_LEVEL must be debug, info, warn or error (got "${value}").`);
}

export const SERVE_USAGE = `Usage: panelcast serve [--host 127.0.0.1] [--port 7878] [--data-dir DIR]

Starts the Panelcast core without a window and prints the URL of the control UI.

Options (environment variable in brackets):
  --host HOST      address to listen on [PANELCAST_HOST]; default 127.0.0.1.
                   Use 0.0.0.0 to let tablets on your network connect (LAN opt-in).
  --port PORT      port to listen on [PANELCAST_PORT]; default 7878, 0 picks a free one
  --data-dir DIR   where the database and token live [PANELCAST_DATA_DIR]
  --public-url URL the https origin viewers and guests reach (reverse proxy or tunnel)
                   [PANELCAST_PUBLIC_URL]; it serves the audience page, not control
  --trust-proxy IP take client addresses from X-Forwarded-For only from this proxy
                   [PANELCAST_TRUST_PROXY]
  --public-control also serve control screens and REST through the public URL
                   [PANELCAST_PUBLIC_CONTROL=1]
                   [PANELCAST_TOKEN] fixes the control token instead of the stored one
                   [PANELCAST_LOG_LEVEL] debug, info (default), warn or error`;

export function parseServeArgs(args: readonly string[], env: Env, system: SystemInfo): ServeConfig {
  let values: {
    host?: string;
    port?: string;
    'data-dir'?: string;
    'public-url'?: string;
    'trust-proxy'?: string;
    'public-control'?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'public-url': { type: 'string' },
        'trust-proxy': { type: 'string' },
        'public-control': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${reason}\n\n${SERVE_USAGE}`);
  }

  const fromEnv = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const host = values.host ?? fromEnv('PANELCAST_HOST') ?? DEFAULT_HOST;
  if (host.trim() === '') throw new ConfigError('--host must not be empty.');

  let port = DEFAULT_PORT;
  if (values.port !== undefined) port = parsePort(values.port, '--port');
  else if (fromEnv('PANELCAST_PORT') !== undefined)
    port = parsePort(fromEnv('PANELCAST_PORT') ?? '', 'PANELCAST_PORT');

  const rawDir = values['data-dir'] ?? fromEnv('PANELCAST_DATA_DIR');
  if (values['data-dir'] !== undefined && values['data-dir'].trim() === '') {
    throw new ConfigError('--data-dir must not be empty.');
  }
  const dataDir = rawDir === undefined ? defaultDataDir(system, env) : path.resolve(rawDir);

  const rawToken = fromEnv('PANELCAST_TOKEN');
  const rawLevel = fromEnv('PANELCAST_LOG_LEVEL');

  return {
    host,
    port,
    dataDir,
    token: rawToken === undefined ? null : parseToken(rawToken),
    secretKeyHex: fromEnv('PANELCAST_SECRET_KEY'),
    logLevel: rawLevel === undefined ? 'info' : parseLogLevel(rawLevel),
    lan: !isLoopbackHost(host),
    publicUrl: parsePublicUrl(values['public-url'] ?? fromEnv('PANELCAST_PUBLIC_URL')),
    trustProxy: parseTrustProxy(values['trust-proxy'] ?? fromEnv('PANELCAST_TRUST_PROXY')),
    publicControl: values['public-control'] ?? fromEnv('PANELCAST_PUBLIC_CONTROL') === '1',
    testHooks: fromEnv('PANELCAST_TEST_HOOKS') === '1',
    legacyDataDir: fromEnv('PANELCAST_LEGACY_DATA_DIR') ?? null,
  };
}

/** An https origin (a path is allowed, e.g. behind a shared proxy), normalized with a final "/". */
export function parsePublicUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `--public-url must be a full address like https://talk.example.org/ (got "${value}").`,
    );
  }
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError("--public-url must start with https:// (viewers' phones need TLS).");
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      '--public-url names an origin and path only: no query, fragment or login.',
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function parseTrustProxy(value: string | undefined): string[] {
  if (value === undefined) return [];
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const address of list) {
    if (isIP(address) === 0) {
      throw new ConfigError(`--trust-proxy takes the proxy's IP address (got "${address}").`);
    }
  }
  return list;
}
