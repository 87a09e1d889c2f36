// "Set up OBS" for the guest room against a real OBS: where OBS has a browser source, the /stage
// page goes into the scene picked (once, sound through OBS); where it has none (Debian's build),
// the core says so and names the address to capture from a browser window, adding nothing.
import { OBSWebSocket } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

describe('the stage page in a real OBS', () => {
  let obs: RunningObs;
  let core: TestCore;
  const witness = new OBSWebSocket();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    await witness.connect(obs.url, obs.password);
    await witness.call('CreateScene', { sceneName: 'Roundtable' });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.hub.get('obs').scenes).toContain('Roundtable'), 10_000);
  }, 90_000);
  afterAll(async () => {
    await witness.disconnect();
    await core.dispose();
    await obs.stop();
  });

  it('adds the stage where OBS can show web pages, else says how to capture it', async () => {
    const { inputKinds } = await witness.call('GetInputKindList', { unversioned: false });
    const answer = await api(core, 'POST', '/api/room/obs', { body: { scene: 'Roundtable' } });
    expect(answer.status).toBe(200);
    const body = answer.body as { mode: string; url: string; note: { code: string } };
    expect(body.url).toBe(`${core.url}stage`);
    const { inputs } = await witness.call('GetInputList');
    const stage = inputs.filter((i) => i.inputName === 'Panelcast Stage');
    if (inputKinds.includes('browser_source')) {
      expect(body).toMatchObject({ mode: 'browser', note: { code: 'room.obs_added' } });
      expect(stage).toHaveLength(1);
      const { inputSettings } = await witness.call('GetInputSettings', {
        inputName: 'Panelcast Stage',
      });
      expect(inputSettings).toMatchObject({ url: `${core.url}stage`, reroute_audio: true });
      // A second run keeps the one source.
      await api(core, 'POST', '/api/room/obs', { body: { scene: 'Roundtable' } });
      const again = await witness.call('GetSceneItemList', { sceneName: 'Roundtable' });
      expect(again.sceneItems.filter((i) => i.sourceName === 'Panelcast Stage')).toHaveLength(1);
    } else {
      expect(body).toMatchObject({ mode: 'window', note: { code: 'room.obs_no_browser' } });
      expect(stage).toEqual([]);
      const { sceneItems } = await witness.call('GetSceneItemList', { sceneName: 'Roundtable' });
      expect(sceneItems).toEqual([]);
    }
    const missing = await api(core, 'POST', '/api/room/obs', { body: { scene: 'Nope' } });
    expect(missing.status).toBe(404);
  });

  it('offers "Set up OBS" in the director panel and words the answer', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(`${core.url}producer?token=${core.token}`);
      const panel = page.getByTestId('guest-room-panel');
      await panel.getByLabel('OBS scene').selectOption('Roundtable');
      await panel.getByRole('button', { name: 'Set up OBS' }).click();
      const { inputKinds } = await witness.call('GetInputKindList', { unversioned: false });
      await expect
        .poll(() => panel.getByTestId('room-obs-note').textContent())
        .toBe(
          inputKinds.includes('browser_source')
            ? 'The stage is in OBS: source "Panelcast Stage" in scene "Roundtable".'
            : `This OBS has no browser source. Open ${core.url}stage in a browser window and add it to OBS with a Window Capture source.`,
        );
    } finally {
      await browser.close();
    }
  });
});
