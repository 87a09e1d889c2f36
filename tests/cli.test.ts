import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './helpers/core.js';
import { freePort, runCli, type CliRun } from './helpers/cli.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('panelcast serve', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const runs: CliRun[] = [];
  const start = (args: string[], env: Record<string, string> = {}): CliRun => {
    const run = runCli(args, env);
    runs.push(run);
    return run;
  };
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((r) => r.stop()));
    temp.remove();
  });

  it('starts on a free port, prints the control URL with the token, and answers /api/health', async () => {
    const run = start(['serve', '--port', '0', '--data-dir', temp.dir]);
    const { url, token } = await run.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(run.stdout()).toContain('Overlay:');
    const health = await api({ url, token }, 'GET', '/api/health', { token: null });
    expect(health.body).toMatchObject({ ok: true });
    // The token is stored owner-only and never written to the log.
    const tokenFile = path.join(temp.dir, 'control-token');
    expect(fs.readFileSync(tokenFile, 'utf8').trim()).toBe(token);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(run.stderr()).not.toContain(token);
  });

  it('keeps the token and the data across a restart', async () => {
    const port = await freePort();
    const first = start(['serve', '--port', String(port), '--data-dir', temp.dir]);
    const one = await first.ready;
    await api(one, 'PUT', '/api/show', { body: { title: 'Kept across restarts' } });
    expect(await first.stop()).toBe(0);

    const second = start(['serve', '--port', String(port), '--data-dir', temp.dir]);
    const two = await second.ready;
    expect(two.token).toBe(one.token);
    const state = await api(two, 'GET', '/api/state');
    expect(state.body).toMatchObject({ app: { showTitle: 'Kept across restarts' } });
  });

  it('uses PANELCAST_TOKEN and the other environment variables', async () => {
    const port = await freePort();
    const run = start(['serve'], {
      PANELCAST_PORT: String(port),
      PANELCAST_DATA_DIR: temp.dir,
      PANELCAST_TOKEN: 'fixed-token-for-scripts-42',
    });
    const { url, token } = await run.ready;
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(token).toBe('fixed-token-for-scripts-42');
    expect((await api({ url, token }, 'GET', '/api/state')).status).toBe(200);
  });

  it('says clearly when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const run = start(['serve', '--port', String(port), '--data-dir', temp.dir]);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr()).not.toMatch(/at .*\.js:\d+/); // no stack trace
    } finally {
      blocker.close();
    }
  });

  it('says clearly when the data dir cannot be written', async () => {
    const file = path.join(temp.dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const run = start(['serve', '--port', '0', '--data-dir', path.join(file, 'data')]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('Cannot write to the data directory');
    expect(run.stderr()).toContain('--data-dir');
  });

  it('refuses a database from a newer Panelcast without changing it', async () => {
    const dbFile = path.join(temp.dir, 'panelcast.db');
    const db = new BetterSqlite3(dbFile);
    db.pragma('user_version = 12');
    db.close();
    const run = start(['serve', '--port', '0', '--data-dir', temp.dir]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('was written by a newer Panelcast');
    const after = new BetterSqlite3(dbFile, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(12);
    after.close();
  });

  it('rejects bad options with usage help', async () => {
    const run = start(['serve', '--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--port must be a whole number');
    const unknown = start(['launch']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toContain('Unknown command "launch"');
  });
});
