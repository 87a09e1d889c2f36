// Start-up after damage a person may meet: a lost, replaced or truncated secret key, a changed
// keychain, a damaged database, a damaged token file; and every file the core makes is private.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const X_SETTINGS = { enabled: false, hashtags: ['#NextTalk'], bearerToken: 'x-token-1234567890' };

describe('start-up after damage', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function dataDir(): string {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    return temp.dir;
  }

  async function core(dir: string, extra: Parameters<typeof startTestCore>[0] = {}) {
    const started = await startTestCore({ dataDir: dir, keepDataDir: true, ...extra });
    cleanups.push(() => started.dispose());
    return started;
  }

  /** A data dir whose database holds an encrypted X token. */
  async function withSavedSecret(extra: Parameters<typeof startTestCore>[0] = {}) {
    const dir = dataDir();
    const first = await core(dir, extra);
    expect((await api(first, 'PUT', '/api/sources/x', { body: X_SETTINGS })).status).toBe(200);
    await first.dispose();
    return dir;
  }

  function cli(dir: string): CliRun {
    const run = runCli(['serve', '--port', '0', '--data-dir', dir]);
    cleanups.push(() => run.stop());
    return run;
  }

  const state = async (c: { url: string; token: string }) =>
    (await api(c, 'GET', '/api/state')).body as ShowState;

  async function expectReentryAsked(dir: string, logLine: RegExp): Promise<void> {
    const run = cli(dir);
    const ready = await run.ready;
    const shown = await state(ready);
    expect(shown.config.secretsToReenter).toEqual(['x.bearer']);
    expect(shown.config.x.tokenSaved).toBe(false);
    expect(run.stderr() + run.stdout()).toMatch(logLine);
    expect(run.stderr() + run.stdout()).not.toContain(X_SETTINGS.bearerToken);
    // Typing it again clears the notice.
    expect((await api(ready, 'PUT', '/api/sources/x', { body: X_SETTINGS })).status).toBe(200);
    const after = await state(ready);
    expect(after.config.secretsToReenter).toEqual([]);
    expect(after.config.x.tokenSaved).toBe(true);
  }

  it('starts without its secret key file and names the secrets to enter again', async () => {
    const dir = await withSavedSecret();
    fs.rmSync(path.join(dir, 'secret.key'));
    await expectReentryAsked(dir, /x\.bearer/);
  });

  it('starts with a replaced secret key file, and with a truncated one set aside', async () => {
    const dir = await withSavedSecret();
    fs.writeFileSync(path.join(dir, 'secret.key'), crypto.randomBytes(32));
    await expectReentryAsked(dir, /cannot be read with this key/);

    const damaged = await withSavedSecret();
    fs.writeFileSync(path.join(damaged, 'secret.key'), 'oops');
    await expectReentryAsked(damaged, /secret\.key was damaged \(4 bytes instead of 32\)/);
    const aside = fs.readdirSync(damaged).filter((n) => n.startsWith('secret.key.damaged-'));
    expect(aside).toHaveLength(1);
  });

  it('starts when the keychain hands it another key', async () => {
    const dir = await withSavedSecret({ secretKeyHex: 'a'.repeat(64) });
    const second = await core(dir, { secretKeyHex: 'b'.repeat(64) });
    expect(second.hub.get('config').secretsToReenter).toEqual(['x.bearer']);
    expect(second.logs.some((l) => l.message.includes('enter them again in Settings'))).toBe(true);
  });

  it('names a damaged database and says to restore the newest automatic backup — no stack trace', async () => {
    const garbage = dataDir();
    fs.writeFileSync(
      path.join(garbage, 'panelcast.db'),
      'this is not a database at all, sorry'.repeat(200),
    );
    const first = cli(garbage);
    expect(await first.exited).toBe(1);
    expect(first.stderr()).toContain(
      `The database ${path.join(garbage, 'panelcast.db')} is damaged`,
    );
    expect(first.stderr()).toContain('There is no automatic backup yet');
    expect(first.stderr()).not.toMatch(/\n\s+at /);

    const dir = dataDir();
    const running = await core(dir, { backupIntervalMs: 50 });
    for (let i = 0; i < 300; i += 1) running.queue.ingest(comment(i));
    let newest = '';
    await eventually(() => {
      const names = fs.readdirSync(path.join(dir, 'backups')).sort();
      expect(names.length).toBeGreaterThanOrEqual(2);
      newest = path.join(dir, 'backups', names.at(-1) ?? '');
    });
    await running.dispose();
    const file = path.join(dir, 'panelcast.db');
    const bytes = fs.readFileSync(file);
    crypto.randomFillSync(bytes, 4096, bytes.length - 8192);
    fs.writeFileSync(file, bytes);
    const second = cli(dir);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`The database ${file} is damaged`);
    expect(second.stderr()).toMatch(
      /The newest automatic backup is .*backups\/panelcast-\d{8}-\d{6}/,
    );
    expect(second.stderr()).not.toMatch(/\n\s+at /);
    // At most a few copies are kept, and the one named opens.
    expect(fs.readdirSync(path.join(dir, 'backups')).length).toBeLessThanOrEqual(5);
    const named = /The newest automatic backup is (\S+)\./.exec(second.stderr())?.[1] ?? '';
    expect(fs.existsSync(named)).toBe(true);
    expect(newest).not.toBe('');
  });

  it('replaces a damaged token file and says so', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'control-token'), '\u0000\u0001 broken');
    const run = cli(dir);
    const ready = await run.ready;
    expect(run.stderr() + run.stdout()).toContain('was damaged; a new control token was made');
    expect((await api(ready, 'GET', '/api/state')).status).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'control-token'), 'utf8').trim()).toBe(ready.token);
  });

  it('makes every file and folder its owner’s alone, whatever the umask', async () => {
    const parent = dataDir();
    const dir = path.join(parent, 'new-data');
    const before = process.umask(0);
    let running: TestCore;
    try {
      running = await core(dir, { backupIntervalMs: 50 });
      running.queue.ingest(comment(1));
      await eventually(() =>
        expect(fs.readdirSync(path.join(dir, 'backups')).length).toBeGreaterThan(0),
      );
    } finally {
      process.umask(before);
    }
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(fs.readdirSync(dir)).toEqual(
      expect.arrayContaining([
        'panelcast.db',
        'panelcast.db-wal',
        'panelcast.db-shm',
        'secret.key',
      ]),
    );
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isFile()) expect([name, mode(p)]).toEqual([name, 0o600]);
    }
    await running.dispose();
    expect(mode(path.join(dir, 'backups'))).toBe(0o700);
    for (const name of fs.readdirSync(path.join(dir, 'backups')))
      expect([name, mode(path.join(dir, 'backups', name))]).toEqual([name, 0o600]);
  });
});

function comment(i: number) {
  return {
    platform: 'audience',
    platformId: `c-${i}`,
    author: { name: `Viewer ${i}`, handle: null, avatarUrl: null, profileUrl: null },
    text: `Question number ${i}: ${'and some words to fill pages '.repeat(6)}`,
    createdAt: new Date().toISOString(),
    url: null,
  };
}
