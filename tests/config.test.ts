import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, parseServeArgs } from '../src/config.js';

const linux = { platform: 'linux' as const, homeDir: '/home/ana' };

describe('parseServeArgs', () => {
  it('defaults to loopback, port 7878 and the XDG data dir', () => {
    const config = parseServeArgs([], {}, linux);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 7878,
      dataDir: '/home/ana/.local/share/panelcast',
      token: null,
      lan: false,
      logLevel: 'info',
    });
  });

  it('reads PANELCAST_* variables, and flags win over them', () => {
    const env = {
      PANELCAST_HOST: '0.0.0.0',
      PANELCAST_PORT: '9000',
      PANELCAST_DATA_DIR: '/srv/pc',
      PANELCAST_TOKEN: 'abcdefghijklmnop1234',
    };
    expect(parseServeArgs([], env, linux)).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/srv/pc',
      token: 'abcdefghijklmnop1234',
      lan: true,
    });
    expect(
      parseServeArgs(['--host', '127.0.0.1', '--port=0', '--data-dir', '/tmp/x'], env, linux),
    ).toMatchObject({ host: '127.0.0.1', port: 0, dataDir: '/tmp/x', lan: false });
  });

  it('treats only loopback hosts as local', () => {
    expect(parseServeArgs(['--host', 'localhost'], {}, linux).lan).toBe(false);
    expect(parseServeArgs(['--host', '::1'], {}, linux).lan).toBe(false);
    expect(parseServeArgs(['--host', '192.168.1.20'], {}, linux).lan).toBe(true);
  });

  it.each([
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535 (got "abc")'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535 (got "70000")'],
    [['--port=-1'], '--port must be a whole number'],
    [['--verbose'], "Unknown option '--verbose'"],
    [['--data-dir', ''], '--data-dir must not be empty'],
  ])('rejects %j with a clear message', (args, message) => {
    expect(() => parseServeArgs(args, {}, linux)).toThrow(ConfigError);
    expect(() => parseServeArgs(args, {}, linux)).toThrow(message);
  });

  it('rejects bad environment values by name', () => {
    expect(() => parseServeArgs([], { PANELCAST_PORT: '80a' }, linux)).toThrow(
      'PANELCAST_PORT must be a whole number',
    );
    expect(() => parseServeArgs([], { PANELCAST_TOKEN: 'short' }, linux)).toThrow(
      'PANELCAST_TOKEN must be 16 to 200 characters',
    );
    expect(() => parseServeArgs([], { PANELCAST_LOG_LEVEL: 'loud' }, linux)).toThrow(
      'PANELCAST_LOG_LEVEL must be debug, info, warn or error',
    );
  });

  it('ignores empty environment variables', () => {
    expect(parseServeArgs([], { PANELCAST_PORT: '', PANELCAST_TOKEN: ' ' }, linux)).toMatchObject({
      port: 7878,
      token: null,
    });
  });
});

describe('defaultDataDir', () => {
  it('follows XDG on Linux', () => {
    expect(defaultDataDir(linux, { XDG_DATA_HOME: '/data' })).toBe('/data/panelcast');
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(defaultDataDir(linux, { XDG_DATA_HOME: 'rel' })).toBe(
      '/home/ana/.local/share/panelcast',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', homeDir: '/Users/ana' }, {})).toBe(
      '/Users/ana/Library/Application Support/Panelcast',
    );
  });

  it('uses %APPDATA% on Windows', () => {
    const win = { platform: 'win32' as const, homeDir: 'C:\\Users\\ana' };
    expect(defaultDataDir(win, { APPDATA: 'D:\\Roaming' })).toBe('D:\\Roaming\\Panelcast');
    expect(defaultDataDir(win, {})).toBe('C:\\Users\\ana\\AppData\\Roaming\\Panelcast');
  });
});
