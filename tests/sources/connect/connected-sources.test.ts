// Sources fed by a connected account (Settings → Connected accounts), in the core, against the
// platform fakes and a fake authorization server whose tokens run out: the source keeps reading
// with each renewed token without a restart, says plainly when the connection is revoked (Twitch
// reading on anonymously meanwhile), and goes back to what it has without an account once the
// producer disconnects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMessage } from '../../../src/shared/messages/message.js';
import type { TwitchTimings } from '../../../src/sources/twitch-eventsub.js';
import { FakeFacebookApi } from '../../fakes/facebook-api.js';
import { FakeMastodonApi } from '../../fakes/mastodon-api.js';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../fakes/oauth-server.js';
import { FakeTwitch } from '../../fakes/twitch-api.js';
import { api, startTestCore, type TestCore } from '../../helpers/core.js';
import { eventually } from '../../helpers/sockets.js';

const FAST: Partial<TwitchTimings> = {
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  keepaliveSeconds: 1,
  keepaliveGraceMs: 300,
  requestTimeoutMs: 1000,
};

const statusOf = (core: TestCore, id: string) => core.hub.get('sources').find((s) => s.id === id);

async function connected(core: TestCore, platform: string): Promise<void> {
  await eventually(async () => {
    const account = await api(core, 'GET', `/api/connect/${platform}`);
    expect(JSON.stringify(account.body)).toContain('"state":"connected"');
  }, 10_000);
}

/** Connects an account the way a producer at a tablet would: a device code, entered at once. */
async function connectByCode(core: TestCore, clientId: string): Promise<void> {
  const started = await api(core, 'POST', '/api/connect', {
    body: { platform: 'twitch', method: 'device', clientId },
  });
  expect(started.status).toBe(200);
  await connected(core, 'twitch');
}

/** Plays the browser: the consent page redirects to the core's loopback listener. */
async function connectInBrowser(core: TestCore, body: Record<string, string>): Promise<void> {
  const started = await api(core, 'POST', '/api/connect', {
    body: { ...body, method: 'loopback' },
  });
  expect(started.status).toBe(200);
  const { account } = started.body as { account: { authorizeUrl: string } };
  const consent = await fetch(account.authorizeUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  expect((await fetch(consent.headers.get('location') ?? '')).status).toBe(200);
  await connected(core, body.platform ?? '');
}

describe('sources fed by a connected account', () => {
  let oauth: FakeOAuthServer;
  let core: TestCore | null = null;

  beforeEach(() => {
    core = null;
  });
  afterEach(async () => {
    delete process.env.PANELCAST_TEST_CONNECT_AUTH_URL;
    delete process.env.PANELCAST_TEST_CONNECT_API_URLS;
    await core?.dispose();
    await oauth.close();
  });

  async function startCoreWith(apiUrls: string[]): Promise<TestCore> {
    process.env.PANELCAST_TEST_CONNECT_AUTH_URL = oauth.url;
    process.env.PANELCAST_TEST_CONNECT_API_URLS = apiUrls.join(',');
    core = await startTestCore({
      twitchTimings: FAST,
      mastodonTimings: { keepAliveMs: 2000, retry: { initialMs: 50, maxMs: 300, jitter: 0 } },
    });
    return core;
  }

  it('reads Twitch chat with each renewed token, says a revoked connection plainly, and reads anonymously once disconnected', async () => {
    const twitch = new FakeTwitch();
    twitch.keepaliveMinSeconds = 1;
    await twitch.start();
    oauth = await startFakeOAuthServer(twitch.clientId);
    // Short-lived tokens: renewed at 80% of their lifetime; Helix refuses one that ran out.
    oauth.expiresIn = 3;
    twitch.acceptToken = (token) => oauth.accepts(token);
    try {
      const c = await startCoreWith([twitch.url]);
      await connectByCode(c, twitch.clientId);
      // No Client ID and no token in the source's own settings: the account brings both.
      const saved = await api(c, 'PUT', '/api/sources/twitch/settings', {
        body: { enabled: true, channel: 'nexttalk', apiBaseUrl: twitch.url },
      });
      expect(saved.status).toBe(200);
      await eventually(() => {
        expect(twitch.liveSessions()).toBe(1);
        expect(twitch.ircClients()).toBe(0);
        expect(statusOf(c, 'twitch')?.state).toBe('connected');
      }, 5000);
      const byId = (id: string) => c.queue.list(null).find((m) => m.platformId === id);
      const first = twitch.say('Über das verbundene Konto?', 'fan');
      await eventually(() => expect(byId(first.id)).toBeDefined(), 5000);

      // The first token was renewed and has run out; Twitch drops the connection.
      const firstToken = oauth.issued[0] ?? '';
      await eventually(() => {
        expect(oauth.tokenRequests.some((r) => r.grant_type === 'refresh_token')).toBe(true);
        expect(oauth.accepts(firstToken)).toBe(false);
      }, 10_000);
      const opened = twitch.sessionsOpened;
      twitch.drop();
      // It subscribes again on the new connection with the renewed token, refused never.
      await eventually(() => {
        expect(twitch.sessionsOpened).toBeGreaterThan(opened);
        expect(twitch.liveSessions()).toBe(1);
        expect(statusOf(c, 'twitch')?.state).toBe('connected');
      }, 10_000);
      expect(twitch.refusedTokens).toBe(0);
      const second = twitch.say('Nach der Erneuerung', 'fan');
      await eventually(() => expect(byId(second.id)).toBeDefined(), 5000);

      // The viewer withdraws the app's access on Twitch: the subscriptions are revoked and the
      // refresh token no longer works. The chat is read on anonymously, and the status says why.
      oauth.withdrawAll();
      twitch.revoke('authorization_revoked');
      await eventually(() => {
        expect(statusOf(c, 'twitch')?.message.code).toBe('sources.account_lost_meanwhile');
        expect(twitch.ircClients()).toBe(1);
      }, 10_000);
      const said = statusOf(c, 'twitch');
      expect(said?.state).toBe('connected');
      if (said) {
        expect(formatMessage('en', said.message)).toBe(
          'The Twitch account connection was revoked — connect it again in Settings → Connected accounts. Meanwhile: Reading the chat of nexttalk anonymously (read-only); connect a Twitch account to read it through EventSub.',
        );
        expect(formatMessage('de', said.message)).toMatch(
          /^Die Verbindung zum Twitch-Konto wurde widerrufen – verbinde es in Einstellungen → Verbundene Konten neu\. Bis dahin: /,
        );
      }
      const third = twitch.say('Anonym weitergelesen', 'fan');
      await eventually(() => expect(byId(third.id)).toBeDefined(), 5000);

      // Connected again: EventSub again, without touching the source's settings.
      await connectByCode(c, twitch.clientId);
      await eventually(() => {
        expect(statusOf(c, 'twitch')?.message.code).toBe('twitch.live');
        expect(twitch.liveSessions()).toBe(1);
        expect(twitch.ircClients()).toBe(0);
      }, 10_000);
      // The producer disconnects: no account, no pasted token, so the chat is read anonymously.
      expect((await api(c, 'DELETE', '/api/connect/twitch')).status).toBe(200);
      await eventually(() => {
        expect(statusOf(c, 'twitch')?.message.code).toBe('twitch.irc_live');
        expect(twitch.ircClients()).toBe(1);
      }, 10_000);

      const logs = JSON.stringify(c.logs);
      for (const token of oauth.issued) expect(logs).not.toContain(token);
    } finally {
      await twitch.stop();
    }
  });

  it('renews a token Twitch refuses before its time and reads on; says so plainly when Twitch refuses the renewed one too', async () => {
    const twitch = new FakeTwitch();
    twitch.keepaliveMinSeconds = 1;
    await twitch.start();
    oauth = await startFakeOAuthServer(twitch.clientId);
    twitch.acceptToken = (token) => oauth.accepts(token);
    try {
      const c = await startCoreWith([twitch.url]);
      await connectByCode(c, twitch.clientId);
      await api(c, 'PUT', '/api/sources/twitch/settings', {
        body: { enabled: true, channel: 'nexttalk', apiBaseUrl: twitch.url },
      });
      await eventually(() => expect(statusOf(c, 'twitch')?.message.code).toBe('twitch.live'), 5000);

      // Twitch invalidates the token early (say, a password change) and drops the connection.
      const early = new Set(oauth.issued);
      twitch.acceptToken = (token) => oauth.accepts(token) && !early.has(token);
      twitch.drop();
      await eventually(() => {
        expect(twitch.refusedTokens).toBeGreaterThan(0);
        expect(oauth.tokenRequests.some((r) => r.grant_type === 'refresh_token')).toBe(true);
        expect(statusOf(c, 'twitch')?.message.code).toBe('twitch.live');
        expect(twitch.liveSessions()).toBe(1);
      }, 10_000);
      const said = twitch.say('Mit dem erneuerten Token', 'fan');
      await eventually(() => {
        expect(c.queue.list(null).some((m) => m.platformId === said.id)).toBe(true);
      }, 5000);

      // Twitch refuses every token now: one renewal, then the refusal said plainly, no loop.
      twitch.acceptToken = () => false;
      twitch.drop();
      await eventually(
        () => expect(statusOf(c, 'twitch')?.message.code).toBe('sources.account_refused'),
        10_000,
      );
      const renewals = oauth.tokenRequests.filter((r) => r.grant_type === 'refresh_token').length;
      expect(renewals).toBe(2);
    } finally {
      await twitch.stop();
    }
  });

  it('reads a Mastodon hashtag with the connected account and says a revoked connection plainly', async () => {
    const mastodon = new FakeMastodonApi();
    await mastodon.start();
    oauth = await startFakeOAuthServer('panelcast-mastodon-app');
    oauth.expiresIn = 3;
    mastodon.acceptToken = (token) => oauth.accepts(token);
    try {
      const c = await startCoreWith([mastodon.url]);
      await connectInBrowser(c, {
        platform: 'mastodon',
        clientId: 'panelcast-mastodon-app',
        instanceUrl: 'https://chaos.social',
      });
      // No token pasted in the source's settings: without the account it could not be enabled.
      const saved = await api(c, 'PUT', '/api/sources/mastodon/settings', {
        body: {
          enabled: true,
          instanceUrl: 'https://chaos.social',
          hashtag: mastodon.tag,
          apiBaseUrl: mastodon.url,
        },
      });
      expect(saved.status).toBe(200);
      await eventually(() => expect(statusOf(c, 'mastodon')?.state).toBe('connected'), 5000);
      const post = mastodon.post(`Frage per Konto #${mastodon.tag}`);
      const byId = (id: string) => c.queue.list(null).find((m) => m.platformId === id);
      await eventually(() => expect(byId(post.id)).toBeDefined(), 5000);

      oauth.withdrawAll();
      await eventually(
        () => expect(statusOf(c, 'mastodon')?.message.code).toBe('sources.account_revoked'),
        10_000,
      );
      const said = statusOf(c, 'mastodon')?.message;
      if (said) {
        expect(formatMessage('en', said)).toContain('The Mastodon account connection was revoked');
      }
    } finally {
      await mastodon.stop();
    }
  });

  it('reads Facebook with a token pasted in Connected accounts, and says plainly when Facebook refuses it', async () => {
    const facebook = new FakeFacebookApi();
    facebook.heartbeatMs = 200;
    await facebook.start();
    oauth = await startFakeOAuthServer('panelcast-facebook-app');
    try {
      const c = await startCoreWith([facebook.url]);
      const pasted = await api(c, 'PUT', '/api/connect/token', {
        body: { platform: 'facebook', token: facebook.pageToken },
      });
      expect(pasted.status).toBe(200);
      // No page token in the source's own settings: the connected account's is used.
      const saved = await api(c, 'PUT', '/api/sources/facebook/settings', {
        body: { enabled: true, liveVideoId: facebook.liveVideoId, apiBaseUrl: facebook.url },
      });
      expect(saved.status).toBe(200);
      await eventually(() => expect(statusOf(c, 'facebook')?.state).toBe('connected'), 5000);
      const comment = facebook.comment('Über das verbundene Konto gelesen?');
      const byId = (id: string) => c.queue.list(null).find((m) => m.platformId === id);
      await eventually(() => expect(byId(comment.id)).toBeDefined(), 5000);

      // The page admin withdraws the app's access: a pasted token cannot be renewed.
      facebook.acceptToken = () => false;
      facebook.dropStreams();
      await eventually(
        () => expect(statusOf(c, 'facebook')?.message.code).toBe('sources.account_refused'),
        10_000,
      );
      const said = statusOf(c, 'facebook')?.message;
      if (said) {
        expect(formatMessage('en', said)).toContain(
          "Facebook refused the connected account's token — connect it again in Settings → Connected accounts:",
        );
      }
      expect(JSON.stringify(c.logs)).not.toContain(facebook.pageToken);
    } finally {
      await facebook.stop();
    }
  });
});
