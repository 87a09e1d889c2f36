// Connecting an account through the running core's REST routes, as Stream Deck scripts or the
// Settings screen do: producer only, coded refusals, the loopback flow against the fake server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestCore, type TestCore } from '../../helpers/core.js';
import { eventually } from '../../helpers/sockets.js';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../fakes/oauth-server.js';

const CLIENT = 'panelcast-api-client';

interface AccountBody {
  account: { state: string; authorizeUrl: string | null; message: { code: string } };
}

describe('connect routes', () => {
  let fake: FakeOAuthServer;
  let core: TestCore;
  let moderator = '';

  beforeAll(async () => {
    fake = await startFakeOAuthServer(CLIENT);
    process.env.PANELCAST_TEST_CONNECT_AUTH_URL = fake.url;
    core = await startTestCore();
    const added = await api(core, 'POST', '/api/people', {
      body: { name: 'Mo', role: 'moderator' },
    });
    moderator = new URL((added.body as { link: string }).link).searchParams.get('token') ?? '';
  });
  afterAll(async () => {
    delete process.env.PANELCAST_TEST_CONNECT_AUTH_URL;
    await core.dispose();
    await fake.close();
  });

  it('lists every platform as not connected, to producers only', async () => {
    const listed = await api(core, 'GET', '/api/connect');
    expect(listed.status).toBe(200);
    const accounts = (listed.body as { accounts: { platform: string; state: string }[] }).accounts;
    expect(accounts.map((a) => `${a.platform}:${a.state}`)).toEqual([
      'twitch:not_connected',
      'mastodon:not_connected',
      'facebook:not_connected',
      'linkedin:not_connected',
    ]);
    const refused = await api(core, 'GET', '/api/connect', { token: moderator });
    expect(refused.status).toBe(403);
  });

  it('connects Twitch through the browser, then revokes it', async () => {
    const started = await api(core, 'POST', '/api/connect', {
      body: { platform: 'twitch', method: 'loopback', clientId: CLIENT },
    });
    expect(started.status).toBe(200);
    const { authorizeUrl } = (started.body as AccountBody).account;
    const consent = await fetch(authorizeUrl ?? '', { redirect: 'manual' });
    await fetch(consent.headers.get('location') ?? '');
    await eventually(async () => {
      const polled = await api(core, 'GET', '/api/connect/twitch');
      expect((polled.body as AccountBody).account.state).toBe('connected');
    });
    const revoked = await api(core, 'DELETE', '/api/connect/twitch');
    expect(revoked.status).toBe(200);
    expect((revoked.body as AccountBody).account.state).toBe('not_connected');
    expect(fake.revoked).toHaveLength(2);
    const again = await api(core, 'DELETE', '/api/connect/twitch');
    expect(again.status).toBe(404);
    expect((again.body as { message: { code: string } }).message.code).toBe(
      'connect.nothing_to_revoke',
    );
  });

  it('refuses a pasted token with spaces in it and takes a clean one', async () => {
    const bad = await api(core, 'PUT', '/api/connect/token', {
      body: { platform: 'linkedin', token: 'two words here' },
    });
    expect(bad.status).toBe(400);
    const good = await api(core, 'PUT', '/api/connect/token', {
      body: { platform: 'linkedin', token: 'AQV-pasted-token-123456' },
    });
    expect(good.status).toBe(200);
    expect((good.body as AccountBody).account.message.code).toBe('connect.connected_pasted');
    const listed = await api(core, 'GET', '/api/connect');
    expect(JSON.stringify(listed.body)).not.toContain('AQV-pasted-token-123456');
  });
  it("connects Mastodon back through the core's own callback, refusing a forged answer", async () => {
    const started = await api(core, 'POST', '/api/connect', {
      body: {
        platform: 'mastodon',
        method: 'core',
        clientId: CLIENT,
        instanceUrl: 'https://chaos.social',
      },
    });
    expect(started.status).toBe(200);
    const authorize = new URL((started.body as AccountBody).account.authorizeUrl ?? '');
    expect(authorize.pathname).toBe('/oauth/authorize');
    const redirect = authorize.searchParams.get('redirect_uri') ?? '';
    expect(redirect).toBe(new URL('api/oauth/callback', core.url).href);

    const forged = await fetch(`${redirect}?code=stolen&state=not-ours`);
    expect(forged.status).toBe(400);

    const consent = await fetch(authorize, { redirect: 'manual' });
    const back = await fetch(consent.headers.get('location') ?? '');
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('You can close this tab');
    await eventually(async () => {
      const polled = await api(core, 'GET', '/api/connect/mastodon');
      expect((polled.body as AccountBody).account.state).toBe('connected');
    });
  });
});
