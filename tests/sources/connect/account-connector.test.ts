// Each way of connecting an account, against a fake authorization server on loopback: the test
// plays the browser (following the authorize URL and its redirect) and the person at the tablet.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { createLogger, SecretRedactor } from '../../../src/shared/logger.js';
import { formatMessage } from '../../../src/shared/messages/message.js';
import { openDatabase } from '../../../src/store/database.js';
import { SecretStore, loadSecretKey } from '../../../src/store/secret-store.js';
import { SettingsStore } from '../../../src/store/settings-store.js';
import { hostOf } from '../../../src/shared/secret-hosts.js';
import { AccountConnector } from '../../../src/sources/connect/account-connector.js';
import { startFakeOAuthServer, type FakeOAuthServer } from '../../fakes/oauth-server.js';
import { eventually } from '../../helpers/sockets.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const CLIENT = 'panelcast-test-client';

interface Rig {
  connector: AccountConnector;
  sleeps: number[];
  scheduled: { run: () => void; ms: number; cancelled: boolean }[];
  refused: string[];
}

describe('connecting a platform account', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let dbFile: string;
  let fake: FakeOAuthServer;
  let secrets: SecretStore;
  let settings: SettingsStore;
  let logLines: string[];
  let redactor: SecretRedactor;
  let rig: Rig;
  let fakeHost: string;

  function makeRig(): Rig {
    const sleeps: number[] = [];
    const scheduled: Rig['scheduled'] = [];
    const refused: string[] = [];
    const logger = createLogger({ level: 'debug', redactor, sink: (line) => logLines.push(line) });
    const connector = new AccountConnector({
      secrets,
      settings,
      logger,
      onRejected: (_channel, reason) => refused.push(reason),
      fakeOrigin: fake.url,
      fakeApiOrigins: [],
      testHooks: true,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      schedule: (run, ms) => {
        const entry = { run, ms, cancelled: false };
        scheduled.push(entry);
        return () => (entry.cancelled = true);
      },
    });
    return { connector, sleeps, scheduled, refused };
  }

  beforeEach(async () => {
    temp = makeTempDir();
    dbFile = path.join(temp.dir, 'panelcast.db');
    db = openDatabase(dbFile).db;
    redactor = new SecretRedactor();
    secrets = new SecretStore(db, loadSecretKey(temp.dir, undefined), redactor);
    settings = new SettingsStore(db, { onInvalid: () => undefined });
    logLines = [];
    fake = await startFakeOAuthServer(CLIENT);
    fakeHost = hostOf(fake.url) ?? '';
    rig = makeRig();
  });

  afterEach(async () => {
    rig.connector.stop();
    await fake.close();
    db.close();
    temp.remove();
  });

  /** Plays the browser: opens the authorize URL, follows the fake's redirect to the loopback. */
  async function browse(authorizeUrl: string): Promise<Response> {
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    return fetch(consent.headers.get('location') ?? '');
  }

  async function connectByBrowser(): Promise<void> {
    const waiting = await rig.connector.begin({
      platform: 'twitch',
      method: 'loopback',
      clientId: CLIENT,
      clientSecret: 'client-secret-value',
    });
    expect(waiting.state).toBe('waiting_browser');
    const back = await browse(waiting.authorizeUrl ?? '');
    expect(back.status).toBe(200);
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('connected'));
  }

  function storedBytes(): string {
    return [dbFile, `${dbFile}-wal`]
      .filter((file) => fs.existsSync(file))
      .map((file) => fs.readFileSync(file).toString('latin1'))
      .join('');
  }

  function expectNoTokenInClear(): void {
    const logs = logLines.join('\n');
    const bytes = storedBytes();
    expect(fake.issued.length).toBeGreaterThan(0);
    for (const token of fake.issued) {
      expect(logs).not.toContain(token);
      expect(bytes).not.toContain(token);
    }
  }

  it('connects through the browser with PKCE and a loopback redirect, storing tokens encrypted', async () => {
    const waiting = await rig.connector.begin({
      platform: 'twitch',
      method: 'loopback',
      clientId: CLIENT,
    });
    const url = new URL(waiting.authorizeUrl ?? '');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(url.searchParams.get('scope')).toBe('user:read:chat');
    const page = await browse(url.href);
    expect(await page.text()).toContain('You can close this tab');
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('connected'));

    // The fake checked the code_verifier against the challenge before answering with tokens.
    const access = fake.issued[0] ?? '';
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBe(access);
    // Bound to the platform's hosts: never handed out for another server.
    expect(rig.connector.accessToken('twitch', ['evil.example:443'])).toBeNull();
    expect(formatMessage('en', rig.connector.status('twitch').message)).toContain('connected');
    expect(rig.connector.status('twitch').expiresAt).not.toBeNull();
    expectNoTokenInClear();
  });

  it('says plainly when the producer refuses access in the browser', async () => {
    fake.decision = 'deny';
    const waiting = await rig.connector.begin({
      platform: 'twitch',
      method: 'loopback',
      clientId: CLIENT,
    });
    await browse(waiting.authorizeUrl ?? '');
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('denied'));
    const status = rig.connector.status('twitch');
    expect(formatMessage('en', status.message)).toBe(
      'Access was refused on the Twitch page; nothing was connected.',
    );
    expect(formatMessage('de', status.message)).toContain('abgelehnt');
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBeNull();
    expect(fake.tokenRequests).toEqual([]);
  });

  it('refuses an answer whose state does not match and still takes the real one', async () => {
    const waiting = await rig.connector.begin({
      platform: 'twitch',
      method: 'loopback',
      clientId: CLIENT,
    });
    const url = new URL(waiting.authorizeUrl ?? '');
    const forged = new URL(url.searchParams.get('redirect_uri') ?? '');
    forged.search = new URLSearchParams({ code: 'attacker-code', state: 'not-ours' }).toString();
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(rig.refused).toEqual(['state_mismatch']);
    expect(rig.connector.status('twitch').state).toBe('waiting_browser');
    expect(fake.tokenRequests).toEqual([]);

    await browse(url.href);
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('connected'));
  });

  it('connects by device code: pending, slow_down (5 s more), then success', async () => {
    fake.deviceScript = ['authorization_pending', 'slow_down', 'authorization_pending', 'ok'];
    const waiting = await rig.connector.begin({
      platform: 'twitch',
      method: 'device',
      clientId: CLIENT,
    });
    // The code and page shown to the person at the tablet; Twitch's device grant takes `scopes`.
    expect(fake.deviceRequests[0]?.scopes).toBe('user:read:chat');
    expect(waiting.state).toBe('waiting_device');
    expect(formatMessage('en', waiting.message)).toBe(
      `On any device open ${fake.url}/activate and enter the code ABCD-EFGH.`,
    );
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('connected'));
    expect(rig.sleeps).toEqual([1000, 1000, 6000, 6000]);
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBe(fake.issued[0]);
    expectNoTokenInClear();
  });

  it('says the device code ran out when the server answers expired_token', async () => {
    fake.deviceScript = ['authorization_pending', 'expired_token'];
    await rig.connector.begin({ platform: 'twitch', method: 'device', clientId: CLIENT });
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('expired'));
    expect(formatMessage('en', rig.connector.status('twitch').message)).toContain('ran out');
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBeNull();
  });

  it('offers no device code for Mastodon and asks for its server first', async () => {
    await expect(
      rig.connector.begin({ platform: 'mastodon', method: 'device', clientId: CLIENT }),
    ).rejects.toMatchObject({ coded: { code: 'connect.needs_instance' } });
    await expect(
      rig.connector.begin({
        platform: 'mastodon',
        method: 'device',
        clientId: CLIENT,
        instanceUrl: 'https://chaos.social',
      }),
    ).rejects.toMatchObject({ coded: { code: 'connect.no_device_flow' } });
  });

  it('renews the token at 80% of its lifetime, before it runs out', async () => {
    await connectByBrowser();
    const first = rig.connector.accessToken('twitch', [fakeHost]);
    const timer = rig.scheduled.at(-1);
    expect(timer?.ms).toBeGreaterThan(0.79 * 3600_000);
    expect(timer?.ms).toBeLessThanOrEqual(0.8 * 3600_000);
    timer?.run();
    await eventually(() => expect(rig.connector.accessToken('twitch', [fakeHost])).not.toBe(first));
    const renewal = fake.tokenRequests.at(-1);
    expect(renewal?.grant_type).toBe('refresh_token');
    expect(renewal?.refresh_token).toBe(fake.issued[1]);
    expect(renewal?.client_secret).toBe('client-secret-value');
    expect(rig.connector.status('twitch').state).toBe('connected');
    // The next renewal is planned for the new token.
    expect(rig.scheduled.length).toBeGreaterThanOrEqual(2);
    expectNoTokenInClear();
  });

  it('marks the account revoked, in plain words, when the platform refuses the renewal', async () => {
    await connectByBrowser();
    fake.withdrawAll();
    rig.scheduled.at(-1)?.run();
    await eventually(() => expect(rig.connector.status('twitch').state).toBe('revoked'));
    const status = rig.connector.status('twitch');
    expect(formatMessage('en', status.message)).toBe(
      'Twitch no longer accepts the connection (revoked); connect the account again.',
    );
    expect(formatMessage('de', status.message)).toContain('verbinde das Konto erneut');
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBeNull();
    // Still said after a restart.
    rig.connector.stop();
    rig = makeRig();
    expect(rig.connector.status('twitch').state).toBe('revoked');
    expectNoTokenInClear();
  });

  it('revokes at the platform (RFC 7009) and deletes the stored tokens', async () => {
    await connectByBrowser();
    const [access, refresh] = fake.issued;
    const status = await rig.connector.revoke('twitch');
    expect(status.state).toBe('not_connected');
    expect(fake.revoked).toEqual([refresh, access]);
    const rows = db.prepare("SELECT key FROM secrets WHERE key LIKE 'connect.%'").all();
    expect(rows).toEqual([]);
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBeNull();
    expect(rig.scheduled.at(-1)?.cancelled).toBe(true);
  });

  it('takes a pasted token as the last resort, encrypted and bound to the platform', () => {
    const pasted = 'pasted-token-0123456789abcdef';
    const status = rig.connector.paste('twitch', pasted, undefined);
    expect(status.state).toBe('connected');
    expect(formatMessage('en', status.message)).toContain('pasted token');
    expect(rig.connector.accessToken('twitch', [fakeHost])).toBe(pasted);
    expect(rig.connector.accessToken('twitch', ['evil.example:443'])).toBeNull();
    expect(storedBytes()).not.toContain(pasted);
  });

  it('says the account ran out once a token that cannot be renewed is past its expiry', async () => {
    // A platform that gives no refresh token (as Facebook): the token lives until expires_in.
    fake.issueRefresh = false;
    let clock = Date.now();
    const logger = createLogger({ level: 'info', redactor, sink: () => undefined });
    const connector = new AccountConnector({
      secrets,
      settings,
      logger,
      onRejected: () => undefined,
      fakeOrigin: fake.url,
      fakeApiOrigins: [],
      testHooks: true,
      now: () => clock,
      schedule: () => () => undefined,
    });
    const waiting = await connector.begin({
      platform: 'twitch',
      method: 'loopback',
      clientId: CLIENT,
    });
    await browse(waiting.authorizeUrl ?? '');
    await eventually(() => expect(connector.status('twitch').state).toBe('connected'));
    expect(connector.token('twitch', [fakeHost]).state).toBe('connected');

    clock += fake.expiresIn * 1000 + 1;
    expect(connector.token('twitch', [fakeHost])).toEqual({ state: 'expired' });
    const status = connector.status('twitch');
    expect(status.state).toBe('expired');
    expect(formatMessage('en', status.message)).toBe(
      "The Twitch account's token ran out and cannot be renewed; connect the account again.",
    );
    expect(formatMessage('de', status.message)).toContain('lässt sich nicht erneuern');
    connector.stop();
  });

  it('points at a fake only under the test hooks', () => {
    const logger = createLogger({ level: 'info', redactor, sink: () => undefined });
    expect(
      () =>
        new AccountConnector({
          secrets,
          settings,
          logger,
          onRejected: () => undefined,
          fakeOrigin: fake.url,
          fakeApiOrigins: [],
          testHooks: false,
        }),
    ).toThrow(/PANELCAST_TEST_HOOKS/);
  });
});
