// The HTTP edge against hostile or unlucky requests: broken % escapes, files that cannot be
// read, symlinks out of the served folder and source maps are answered plainly, never a crash.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('HTTP edge', () => {
  let core: TestCore;
  let socketServer: net.Server;
  const temp = makeTempDir();
  const renderer = path.join(temp.dir, 'renderer');

  beforeAll(async () => {
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>ui</title>');
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1);');
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    fs.writeFileSync(path.join(temp.dir, 'outside.txt'), 'not for the web');
    fs.symlinkSync(path.join(temp.dir, 'outside.txt'), path.join(renderer, 'assets', 'leak.js'));
    fs.symlinkSync(temp.dir, path.join(renderer, 'up'));
    fs.symlinkSync(
      path.join(renderer, 'assets', 'app.js'),
      path.join(renderer, 'assets', 'alias.js'),
    );
    execFileSync('mkfifo', [path.join(renderer, 'assets', 'pipe.js')]);
    socketServer = net.createServer();
    await new Promise<void>((resolve) =>
      socketServer.listen(path.join(renderer, 'sock.js'), resolve),
    );
    core = await startTestCore({ rendererDir: renderer });
  });
  afterAll(async () => {
    await core.dispose();
    await new Promise((resolve) => socketServer.close(resolve));
    temp.remove();
  });

  const get = async (pathname: string) => {
    const response = await fetch(new URL(pathname, core.url));
    return { status: response.status, text: await response.text() };
  };

  it('answers a broken % escape with 400, in the API and for files', async () => {
    const rest = await api(core, 'POST', '/api/comments/%E0%A4%A/approve');
    expect(rest.status).toBe(400);
    expect(rest.body).toEqual({ error: 'The request path has a broken % escape.' });
    expect((await get('/assets/%E0%A4%A.js')).status).toBe(400);
    expect(core.hub.get('diagnostics').rejectedInputs.rest).toBeGreaterThan(0);
  });

  it('follows no symlink out of the served folder, but serves one that stays inside', async () => {
    expect(await get('/assets/leak.js')).toEqual({ status: 404, text: 'Not found' });
    expect((await get('/up/outside.txt')).status).toBe(404);
    expect(await get('/assets/alias.js')).toEqual({ status: 200, text: 'console.log(1);' });
  });

  it('serves no source maps', async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    expect((await get('/assets/app.js.map')).status).toBe(404);
  });

  it('answers a file that cannot be read with 500, and a named pipe without stalling', async () => {
    expect(await get('/sock.js')).toEqual({
      status: 500,
      text: 'This file cannot be read; details are in the Panelcast log.',
    });
    expect((await get('/assets/pipe.js')).status).toBe(404);
    expect((await api(core, 'GET', '/api/health')).status).toBe(200);
  });
});
