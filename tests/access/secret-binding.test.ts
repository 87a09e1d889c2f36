// A stored secret goes only to the hosts it was saved for: pointing X, YouTube or OBS at another
// server over the API (as someone holding a control link could) never hands it the saved
// token, key or password; the producer is asked to type it again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';
import { httpCatcher, type Catcher } from '../fakes/credential-catcher.js';
import {
  hostOf,
  streamKeyHosts,
  withinBinding,
  xTokenHosts,
  youtubeKeyHosts,
} from '../../src/shared/secret-hosts.js';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAPanelcastSavedBearer0001';
const API_KEY = 'AIzaSyPanelcastSavedKeyForBindingTest00001';

describe('which hosts a secret is bound to', () => {
  it('names host and port, filling in each scheme’s default port', () => {
    expect(hostOf('https://API.x.com/2/')).toBe('api.x.com:443');
    expect(hostOf('rtmp://a.rtmp.youtube.com/live2')).toBe('a.rtmp.youtube.com:1935');
    expect(hostOf('rtmps://live-api-s.facebook.com:443/rtmp/')).toBe('live-api-s.facebook.com:443');
    expect(hostOf('ws://127.0.0.1:4455')).toBe('127.0.0.1:4455');
    expect(hostOf('not a url')).toBeNull();
  });

  it('lets a YouTube key move between the primary and backup ingest, and nowhere else', () => {
    const bound = streamKeyHosts('youtube', 'rtmps://a.rtmps.youtube.com:443/live2');
    expect(withinBinding(bound, streamKeyHosts('youtube', 'rtmp://b.rtmp.youtube.com/live2'))).toBe(
      true,
    );
    expect(withinBinding(bound, streamKeyHosts('youtube', 'rtmp://evil.example/live2'))).toBe(
      false,
    );
    // A custom server binds to exactly its host and port: the same machine on another port is not it.
    const custom = streamKeyHosts('custom', 'rtmp://127.0.0.1:1935/live');
    expect(withinBinding(custom, streamKeyHosts('custom', 'rtmp://127.0.0.1:1936/live'))).toBe(
      false,
    );
    expect(withinBinding(xTokenHosts(null), xTokenHosts('http://127.0.0.1:9/'))).toBe(false);
    expect(withinBinding(youtubeKeyHosts(null), youtubeKeyHosts(null))).toBe(true);
  });
});

describe('a saved secret never follows a changed address', () => {
  let core: TestCore;
  let saved: Catcher;
  let attacker: Catcher;

  beforeEach(async () => {
    core = await startTestCore({ xTimings: { pollIntervalMs: 200 } });
    saved = await httpCatcher();
    attacker = await httpCatcher();
  });
  afterEach(async () => {
    await core.dispose();
    await saved.close();
    await attacker.close();
  });

  const configureX = (body: Record<string, unknown>) =>
    api(core, 'PUT', '/api/sources/x', {
      body: { enabled: true, hashtags: ['#NextTalk'], mode: 'poll', ...body },
    });
  const configureYouTube = (body: Record<string, unknown>) =>
    api(core, 'PUT', '/api/sources/youtube', {
      body: { enabled: true, video: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', ...body },
    });

  it('X: moving the API address clears the bearer token; the new server never receives it', async () => {
    expect((await configureX({ bearerToken: TOKEN, apiBaseUrl: saved.url })).status).toBe(200);
    // The token does reach the server it was saved for: the catcher would see it.
    await eventually(() => expect(saved.seen(TOKEN)).toBeGreaterThan(0), 5000);

    const moved = await configureX({ apiBaseUrl: attacker.url });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ message: { code: 'secrets.reenter' } });
    expect(core.hub.get('config').x.tokenSaved).toBe(false);
    // Turning it on again without typing the token is refused, and nothing runs.
    expect((await configureX({ apiBaseUrl: attacker.url })).status).toBe(400);
    expect(core.hub.get('sources').find((s) => s.id === 'x')).toBeUndefined();

    // Typing a token for the new address sends that one there, and only that one.
    const fresh = 'AAAAAAAAAAAAAAAAAAAAAPanelcastTypedAgain0002';
    expect((await configureX({ bearerToken: fresh, apiBaseUrl: attacker.url })).status).toBe(200);
    await eventually(() => expect(attacker.seen(fresh)).toBeGreaterThan(0), 5000);
    expect(attacker.seen(TOKEN)).toBe(0);
  });

  it('X: changing only the hashtags keeps the token for the same server', async () => {
    expect((await configureX({ bearerToken: TOKEN, apiBaseUrl: saved.url })).status).toBe(200);
    const res = await api(core, 'PUT', '/api/sources/x', {
      body: { enabled: true, hashtags: ['#Other'], mode: 'poll', apiBaseUrl: saved.url },
    });
    expect(res.status).toBe(200);
    expect(core.hub.get('config').x.tokenSaved).toBe(true);
  });

  it('YouTube: moving the API address clears the key; the new server never receives it', async () => {
    expect((await configureYouTube({ apiKey: API_KEY, rootUrl: `${saved.url}/` })).status).toBe(
      200,
    );
    await eventually(() => expect(saved.seen(API_KEY)).toBeGreaterThan(0), 5000);

    const moved = await configureYouTube({ rootUrl: `${attacker.url}/` });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ message: { code: 'secrets.reenter' } });
    expect(core.hub.get('config').youtube.keySaved).toBe(false);
    // Back to Google's own address: the key is gone for good, not waiting to be sent there.
    expect((await configureYouTube({ rootUrl: null })).status).toBe(400);
    expect(attacker.arrivals).toBe(0);
    expect(attacker.seen(API_KEY)).toBe(0);
  });

  it('OBS: a new address drops the saved password; the same address keeps it', async () => {
    const configure = (input: { url: string; password?: string }) =>
      core.intents.dispatch('obs:configure', input, {
        actor: 'test',
        channel: 'rest',
        role: 'producer',
      });
    expect(
      await configure({ url: 'ws://127.0.0.1:4455', password: 'obs-secret-pw' }),
    ).toMatchObject({ ok: true });
    expect(core.hub.get('config').obsPasswordSaved).toBe(true);
    expect(await configure({ url: 'ws://127.0.0.1:4455' })).toMatchObject({ ok: true });
    expect(core.hub.get('config').obsPasswordSaved).toBe(true);
    const moved = await configure({ url: `ws://127.0.0.1:${attacker.port}` });
    expect(moved).toMatchObject({ ok: false, message: { code: 'secrets.reenter' } });
    expect(core.hub.get('config').obsPasswordSaved).toBe(false);
  });
});

describe('test hooks in a release', () => {
  it('refuses to point X or YouTube at another API address without PANELCAST_TEST_HOOKS', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const x = await api(core, 'PUT', '/api/sources/x', {
        body: {
          enabled: false,
          hashtags: ['#NextTalk'],
          bearerToken: TOKEN,
          apiBaseUrl: 'http://127.0.0.1:9/',
        },
      });
      expect(x.status).toBe(400);
      expect(x.body).toMatchObject({ message: { code: 'secrets.test_hooks_off' } });
      const yt = await api(core, 'PUT', '/api/sources/youtube', {
        body: { enabled: false, video: 'dQw4w9WgXcQ', rootUrl: 'http://127.0.0.1:9/' },
      });
      expect(yt.status).toBe(400);
      expect(core.hub.get('config').x.tokenSaved).toBe(false);
      // The platforms' own addresses still work.
      const plain = await api(core, 'PUT', '/api/sources/x', {
        body: { enabled: false, hashtags: ['#NextTalk'], bearerToken: TOKEN },
      });
      expect(plain.status).toBe(200);
    } finally {
      await core.dispose();
    }
  });
});
