// Twitch as a registered source in the core: it runs without an account (anonymous IRC), moves
// to EventSub once a token and Client ID are saved, keeps the token out of what clients see,
// says a revoked subscription plainly, and takes a test address only with test hooks on.
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/shared/messages/message.js';
import type { TwitchTimings } from '../../src/sources/twitch-eventsub.js';
import { FakeTwitch } from '../fakes/twitch-api.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';

const FAST: Partial<TwitchTimings> = {
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  keepaliveSeconds: 1,
  keepaliveGraceMs: 300,
  requestTimeoutMs: 1000,
};

const twitchStatus = (core: TestCore) => core.hub.get('sources').find((s) => s.id === 'twitch');

describe('Twitch in the core', () => {
  it('reads anonymously without a token, through EventSub with one, and says a revocation plainly', async () => {
    const fake = new FakeTwitch();
    fake.keepaliveMinSeconds = 1;
    await fake.start();
    const core = await startTestCore({ twitchTimings: FAST });
    try {
      const anonymous = await api(core, 'PUT', '/api/sources/twitch/settings', {
        body: { enabled: true, channel: '#NextTalk', apiBaseUrl: fake.url },
      });
      expect(anonymous.status).toBe(200);
      await eventually(() => expect(twitchStatus(core)?.state).toBe('connected'), 5000);
      expect(fake.ircClients()).toBe(1);
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      const first = fake.say('Anonym gelesen? Grüße 👋', 'fan');
      await eventually(() => expect(byId(first.id)?.text).toBe('Anonym gelesen? Grüße 👋'), 5000);

      const withToken = await api(core, 'PUT', '/api/sources/twitch/settings', {
        body: {
          enabled: true,
          channel: 'nexttalk',
          clientId: fake.clientId,
          apiBaseUrl: fake.url,
          secret: fake.userToken,
        },
      });
      expect(withToken.status).toBe(200);
      expect(JSON.stringify(core.hub.get('sourceForms'))).not.toContain(fake.userToken);
      await eventually(() => {
        expect(fake.liveSessions()).toBe(1);
        expect(fake.ircClients()).toBe(0);
        expect(twitchStatus(core)?.state).toBe('connected');
      }, 5000);
      const second = fake.say('Jetzt über EventSub', 'fan');
      await eventually(() => expect(byId(second.id)).toBeDefined(), 5000);

      fake.revoke('authorization_revoked');
      await eventually(() => expect(twitchStatus(core)?.state).toBe('error'), 5000);
      const said = twitchStatus(core)?.message;
      expect(said?.code).toBe('twitch.revoked');
      if (said) expect(formatMessage('de', said)).toContain('verbinde das Twitch-Konto erneut');
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });

  it('refuses a test address where test hooks are off', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const refused = await api(core, 'PUT', '/api/sources/twitch/settings', {
        body: { enabled: true, channel: 'nexttalk', apiBaseUrl: 'http://127.0.0.1:9' },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('secrets.test_hooks_off');
    } finally {
      await core.dispose();
    }
  });
});
