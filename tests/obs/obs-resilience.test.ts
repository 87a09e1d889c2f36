// What happens when OBS crashes, is absent, or refuses the password: Panelcast keeps serving,
// says what is wrong in plain words, and reconnects by itself (but not into a wrong password).
import { OBSWebSocket } from 'obs-websocket-js';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/shared/messages/message.js';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { portOpen, startObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

const obsOf = (core: TestCore): ShowState['obs'] => core.hub.get('obs');

/** Milliseconds until `check` holds, polling every 20 ms; fails after `deadlineMs`. */
async function within(
  deadlineMs: number,
  check: () => boolean | Promise<boolean>,
  what: string,
): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > deadlineMs)
      throw new Error(`${what} took longer than ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('OBS connection resilience', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('survives OBS being killed: reconnecting within 1 s, serving meanwhile, resynced within 3 s of OBS returning', async () => {
    const obs = await startObs();
    cleanups.push(() => obs.stop());
    const core = await startTestCore();
    cleanups.push(() => core.dispose());
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(obsOf(core).status).toBe('connected'), 10_000);

    await obs.kill();
    const noticed = await within(
      1000,
      () => obsOf(core).status === 'reconnecting',
      'showing "reconnecting"',
    );
    expect(formatMessage('en', obsOf(core).message)).toMatch(
      /Lost the connection to OBS|not reachable/,
    );
    expect(formatMessage('de', obsOf(core).message)).toMatch(
      /Verbindung zu OBS ist abgerissen|nicht erreichbar/,
    );

    // The rest of Panelcast carries on without OBS.
    expect((await api(core, 'GET', '/api/health', { token: null })).status).toBe(200);
    expect((await fetch(new URL('/moderator', core.url))).status).toBe(200);
    const added = await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'test',
        platformId: 'during-outage',
        author: { name: 'A', handle: null, avatarUrl: null, profileUrl: null },
        text: 'Still taking questions?',
        createdAt: new Date().toISOString(),
        url: null,
      },
    });
    expect(added.status).toBe(201);

    // While OBS is down, changes are refused with the reason instead of hanging.
    const refused = await api(core, 'POST', '/api/obs/scene', { body: { scene: 'Scene' } });
    expect(refused.status).toBe(409);

    await new Promise((r) => setTimeout(r, 1500)); // let the backoff grow a little
    await obs.restart();
    const back = Date.now();
    const witness = new OBSWebSocket();
    cleanups.push(() => witness.disconnect());
    await witness.connect(obs.url, obs.password);
    await witness.call('CreateScene', { sceneName: 'After restart' });
    await within(
      3000 - (Date.now() - back),
      () => obsOf(core).status === 'connected' && obsOf(core).scenes.includes('After restart'),
      'reconnecting and resyncing',
    );
    const truth = await witness.call('GetSceneList');
    expect(obsOf(core).programScene).toBe(truth.currentProgramSceneName);
    console.log(
      `reconnecting shown after ${noticed} ms; resynced ${Date.now() - back} ms after OBS was back`,
    );
  });

  it('says "wrong password" and does not retry', async () => {
    const obs = await startObs();
    cleanups.push(() => obs.stop());
    const core = await startTestCore();
    cleanups.push(() => core.dispose());
    await api(core, 'PUT', '/api/settings/obs', {
      body: { url: obs.url, password: 'not-the-password' },
    });
    await eventually(() => expect(obsOf(core).status).toBe('failed'), 5000);
    expect(obsOf(core).message.code).toBe('obs.wrong_password');
    expect(formatMessage('de', obsOf(core).message)).toContain('falsches Passwort');
    await new Promise((r) => setTimeout(r, 3000));
    expect(obsOf(core).status).toBe('failed');
    const attempts = core.logs.filter((l) => l.message === 'connecting to OBS').length;
    expect(attempts).toBe(1);
    // Entering the right password connects.
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(obsOf(core).status).toBe('connected'), 5000);
  });

  it('explains that OBS is not reachable, and connects once OBS appears', async () => {
    const port = await freePort();
    const core = await startTestCore();
    cleanups.push(() => core.dispose());
    await api(core, 'PUT', '/api/settings/obs', {
      body: { url: `ws://127.0.0.1:${port}`, password: 'pw-for-later' },
    });
    await eventually(() => expect(obsOf(core).status).toBe('reconnecting'), 3000);
    expect(formatMessage('en', obsOf(core).message)).toContain(
      `OBS not reachable at ws://127.0.0.1:${port}: is OBS running and its WebSocket server enabled (Tools → WebSocket Server Settings)?`,
    );
    const state = (await api(core, 'GET', '/api/state')).body as ShowState;
    expect(state.obs.retryAt).not.toBeNull();

    const obs = await startObs({ port, password: 'pw-for-later' });
    cleanups.push(() => obs.stop());
    expect(await portOpen(port)).toBe(true);
    await eventually(() => expect(obsOf(core).status).toBe('connected'), 5000);
  });
});
