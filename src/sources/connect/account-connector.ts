// Connects platform accounts: the authorization-code flow with PKCE and a loopback redirect
// (RFC 8252), the device-code flow (RFC 8628), a pasted token as the last resort; renews tokens at
// 80% of their lifetime, revokes them (RFC 7009) and tells each account's status as a coded message.
import {
  CONNECT_PLATFORMS,
  CONNECT_SITES,
  type AccountStatus,
  type ConnectPlatform,
  type ConnectStart,
} from '../../shared/connect.js';
import { UserError } from '../../shared/errors.js';
import { hostOf } from '../../shared/secret-hosts.js';
import type { Logger } from '../../shared/logger.js';
import { message } from '../../shared/messages/message.js';
import type { SecretStore } from '../../store/secret-store.js';
import type { SettingsStore } from '../../store/settings-store.js';
import type { AccountToken, ConnectedAccounts } from '../connected-accounts.js';
import { CoreCallbacks } from './core-callback.js';
import { openLoopbackListener, type LoopbackListener } from './loopback-listener.js';
import {
  OAuthError,
  pkcePair,
  randomState,
  requestDeviceCode,
  requestToken,
  revokeToken,
  type TokenSet,
} from './oauth-http.js';
import { pointedAt, providerFor, type OAuthProvider } from './providers.js';
import { TokenVault, type TokenMeta } from './token-vault.js';

export interface ConnectorOptions {
  secrets: SecretStore;
  settings: SettingsStore;
  logger: Logger;
  onRejected: (channel: string, reason: string) => void;
  /** Test hook (PANELCAST_TEST_HOOKS=1 only): every platform's endpoints on this local fake. */
  fakeOrigin: string | null;
  /** Test hook: the platforms' fake APIs, where connected tokens may go instead of the real ones. */
  fakeApiOrigins: readonly string[];
  testHooks: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Runs `run` after `ms`; returns a cancel function. */
  schedule?: (run: () => void, ms: number) => () => void;
  onChange?: (status: AccountStatus) => void;
}

type Flow =
  | { kind: 'loopback'; listener: LoopbackListener; authorizeUrl: string }
  | { kind: 'device'; userCode: string; verificationUri: string; cancelled: boolean };

type Outcome = { state: 'denied' | 'expired' } | { state: 'failed'; details: string };

/** Renew at 80% of the lifetime; retry a failed renewal after this long at most. */
const REFRESH_AT = 0.8;
const RETRY_MS = 60_000;

export class AccountConnector implements ConnectedAccounts {
  readonly #o: Required<Omit<ConnectorOptions, 'onChange'>> & Pick<ConnectorOptions, 'onChange'>;
  readonly #vault: TokenVault;
  readonly #log: Logger;
  readonly #flows = new Map<ConnectPlatform, Flow>();
  readonly #outcomes = new Map<ConnectPlatform, Outcome>();
  readonly #timers = new Map<ConnectPlatform, () => void>();
  readonly #callbacks: CoreCallbacks;
  readonly #listeners = new Set<(platform: ConnectPlatform) => void>();

  constructor(options: ConnectorOptions) {
    if (options.fakeOrigin !== null && !options.testHooks) {
      throw new Error('Connect endpoints may point at a fake only under PANELCAST_TEST_HOOKS=1.');
    }
    this.#o = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      schedule: (run, ms) => {
        const timer = setTimeout(run, Math.min(ms, 2_147_000_000));
        return () => clearTimeout(timer);
      },
      ...options,
    };
    this.#vault = new TokenVault(options.secrets);
    this.#callbacks = new CoreCallbacks((reason) => options.onRejected('connect', reason));
    this.#log = options.logger.child('connect');
  }

  /** The core's own /api/oauth/callback answers at this base URL (known once serving). */
  setCoreUrl(url: string): void {
    this.#callbacks.setBase(url);
  }

  /** A browser's answer at the core's own callback route. */
  coreCallback(query: URLSearchParams): { status: number; html: string } {
    return this.#callbacks.answer(query);
  }

  /** Schedules renewal of every stored account. */
  start(): void {
    for (const platform of CONNECT_PLATFORMS) this.#scheduleRefresh(platform);
  }

  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
    for (const platform of [...this.#flows.keys()]) this.cancel(platform);
  }

  #provider(platform: ConnectPlatform, instanceUrl: string | null | undefined): OAuthProvider {
    const provider = providerFor(platform, instanceUrl ?? undefined);
    if (provider === null) throw new UserError('invalid', message('connect.needs_instance'));
    return this.#o.fakeOrigin === null
      ? provider
      : pointedAt(provider, this.#o.fakeOrigin, this.#o.fakeApiOrigins);
  }

  /** The access token for `hosts`, or null; sources call this for each request. */
  accessToken(platform: ConnectPlatform, hosts: readonly string[]): string | null {
    return this.#vault.access(platform, hosts);
  }

  /** The account's token for a source, or why there is none (revoked, ran out, not connected). */
  token(platform: ConnectPlatform, hosts: readonly string[]): AccountToken {
    const meta = this.#vault.meta(platform);
    if (meta === null) {
      const revoked = this.#o.settings.get('connect.revoked').includes(platform);
      return { state: revoked ? 'revoked' : 'none' };
    }
    const token = this.#vault.access(platform, hosts);
    if (token === null) return { state: 'none' };
    if (this.#ranOut(platform, meta)) return { state: 'expired' };
    return { state: 'connected', token, clientId: meta.clientId };
  }

  /** Past its expiry with nothing to renew it (Facebook gives no refresh tokens). */
  #ranOut(platform: ConnectPlatform, meta: TokenMeta): boolean {
    const past = meta.expiresAt !== null && meta.expiresAt <= this.#o.now();
    return past && !this.#renewable(platform, meta);
  }

  #renewable(platform: ConnectPlatform, meta: TokenMeta): boolean {
    if (meta.clientId === null) return false;
    if (platform === 'mastodon' && meta.instanceUrl === null) return false;
    return this.#vault.renewal(this.#provider(platform, meta.instanceUrl)).refresh !== null;
  }

  /** A source's platform refused the token: renew it now rather than at 80% of its lifetime. */
  renew(platform: ConnectPlatform): Promise<void> {
    return this.refresh(platform);
  }

  onChange(listener: (platform: ConnectPlatform) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  statuses(): AccountStatus[] {
    return CONNECT_PLATFORMS.map((platform) => this.status(platform));
  }

  status(platform: ConnectPlatform): AccountStatus {
    const site = CONNECT_SITES[platform];
    const base = { platform, authorizeUrl: null, expiresAt: null };
    const flow = this.#flows.get(platform);
    if (flow?.kind === 'loopback') {
      const m = message('connect.waiting_browser', { site });
      return { ...base, state: 'waiting_browser', message: m, authorizeUrl: flow.authorizeUrl };
    }
    if (flow?.kind === 'device') {
      const m = message('connect.waiting_device', {
        url: flow.verificationUri,
        code: flow.userCode,
      });
      return { ...base, state: 'waiting_device', message: m };
    }
    const meta = this.#vault.meta(platform);
    if (meta !== null) {
      const expiresAt = meta.expiresAt === null ? null : new Date(meta.expiresAt).toISOString();
      if (this.#ranOut(platform, meta)) {
        const m = message('connect.token_expired', { site });
        return { ...base, state: 'expired', message: m, expiresAt };
      }
      const code = meta.pasted ? 'connect.connected_pasted' : 'connect.connected';
      return { ...base, state: 'connected', message: message(code, { site }), expiresAt };
    }
    if (this.#o.settings.get('connect.revoked').includes(platform)) {
      return { ...base, state: 'revoked', message: message('connect.revoked', { site }) };
    }
    const outcome = this.#outcomes.get(platform);
    if (outcome?.state === 'failed') {
      const m = message('connect.failed', { site }, outcome.details);
      return { ...base, state: 'failed', message: m };
    }
    if (outcome) {
      return {
        ...base,
        state: outcome.state,
        message: message(`connect.${outcome.state}`, { site }),
      };
    }
    return { ...base, state: 'not_connected', message: message('connect.not_connected', { site }) };
  }

  #changed(platform: ConnectPlatform): void {
    this.#o.onChange?.(this.status(platform));
    for (const listener of this.#listeners) listener(platform);
  }

  /** Starts a flow; the status it returns says what the producer does next. */
  async begin(input: ConnectStart): Promise<AccountStatus> {
    const provider = this.#provider(input.platform, input.instanceUrl);
    if (this.#flows.has(input.platform)) {
      throw new UserError('conflict', message('connect.flow_running', { site: provider.site }));
    }
    this.#outcomes.delete(input.platform);
    const client = { id: input.clientId, secret: input.clientSecret ?? null };
    const extra = { pasted: false as const, instanceUrl: input.instanceUrl ?? null };
    if (input.method === 'device') await this.#beginDevice(provider, client, extra);
    else await this.#beginLoopback(provider, client, extra, input.method === 'core');
    this.#changed(input.platform);
    return this.status(input.platform);
  }

  async #beginLoopback(
    provider: OAuthProvider,
    client: { id: string; secret: string | null },
    extra: { pasted: false; instanceUrl: string | null },
    viaCore: boolean,
  ): Promise<void> {
    const state = randomState();
    const pkce = pkcePair();
    const listener = viaCore
      ? this.#callbacks.expect(state)
      : await openLoopbackListener(state, (reason) => this.#o.onRejected('connect', reason));
    if (listener === null) throw new Error('The core callback is used before the core serves.');
    const url = new URL(provider.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.id,
      redirect_uri: listener.redirectUri,
      scope: provider.scopes.join(' '),
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).toString();
    this.#flows.set(provider.platform, { kind: 'loopback', listener, authorizeUrl: url.href });
    void listener.result.then(async (result) => {
      if (this.#flows.get(provider.platform)?.kind !== 'loopback') return;
      if (result.kind === 'error') {
        this.#end(
          provider.platform,
          result.error === 'access_denied'
            ? { state: 'denied' }
            : {
                state: 'failed',
                details: result.description ?? result.error,
              },
        );
        return;
      }
      const form = {
        grant_type: 'authorization_code',
        code: result.code,
        redirect_uri: listener.redirectUri,
        client_id: client.id,
        code_verifier: pkce.verifier,
        ...(client.secret === null ? {} : { client_secret: client.secret }),
      };
      await this.#exchange(provider, form, client, extra);
    });
  }

  async #beginDevice(
    provider: OAuthProvider,
    client: { id: string; secret: string | null },
    extra: { pasted: false; instanceUrl: string | null },
  ): Promise<void> {
    if (provider.deviceUrl === null) {
      throw new UserError('invalid', message('connect.no_device_flow', { site: provider.site }));
    }
    const scopes = { [provider.deviceScopeParam]: provider.scopes.join(' ') };
    let device;
    try {
      device = await requestDeviceCode(provider.deviceUrl, { client_id: client.id, ...scopes });
    } catch (error) {
      throw new UserError(
        'unavailable',
        message('connect.failed', { site: provider.site }, String(error)),
      );
    }
    const flow: Flow = {
      kind: 'device',
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      cancelled: false,
    };
    this.#flows.set(provider.platform, flow);
    const form = {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: device.device_code,
      client_id: client.id,
      ...scopes,
    };
    const deadline = this.#o.now() + device.expires_in * 1000;
    void this.#pollDevice(provider, flow, form, (device.interval ?? 5) * 1000, deadline).then(
      (tokens) => (tokens === null ? undefined : this.#connected(provider, tokens, client, extra)),
    );
  }

  /** RFC 8628 §3.5: wait `interval` between polls, 5 s more after each slow_down. */
  async #pollDevice(
    provider: OAuthProvider,
    flow: Flow & { kind: 'device' },
    form: Record<string, string>,
    interval: number,
    deadline: number,
  ): Promise<TokenSet | null> {
    let wait = interval;
    for (;;) {
      await this.#o.sleep(wait);
      if (flow.cancelled) return null;
      if (this.#o.now() >= deadline) return this.#end(provider.platform, { state: 'expired' });
      try {
        return await requestToken(provider.tokenUrl, form, this.#o.now());
      } catch (error) {
        const code = error instanceof OAuthError ? error.code : 'network';
        if (code === 'authorization_pending' || code === 'network') continue;
        if (code === 'slow_down') wait += 5000;
        else if (code === 'expired_token')
          return this.#end(provider.platform, { state: 'expired' });
        else if (code === 'access_denied') return this.#end(provider.platform, { state: 'denied' });
        else return this.#end(provider.platform, { state: 'failed', details: String(error) });
      }
    }
  }

  #end(platform: ConnectPlatform, outcome: Outcome): null {
    const flow = this.#flows.get(platform);
    if (flow?.kind === 'loopback') flow.listener.close();
    this.#flows.delete(platform);
    this.#outcomes.set(platform, outcome);
    this.#log.info('connect flow ended', { platform, state: outcome.state });
    this.#changed(platform);
    return null;
  }

  async #exchange(
    provider: OAuthProvider,
    form: Record<string, string>,
    client: { id: string; secret: string | null },
    extra: { pasted: boolean; instanceUrl: string | null },
  ): Promise<void> {
    try {
      const tokens = await requestToken(provider.tokenUrl, form, this.#o.now());
      this.#connected(provider, tokens, client, extra);
    } catch (error) {
      this.#end(provider.platform, { state: 'failed', details: String(error) });
    }
  }

  #connected(
    provider: OAuthProvider,
    tokens: TokenSet,
    client: { id: string | null; secret: string | null },
    extra: { pasted: boolean; instanceUrl: string | null },
  ): void {
    const flow = this.#flows.get(provider.platform);
    if (flow?.kind === 'loopback') flow.listener.close();
    this.#flows.delete(provider.platform);
    this.#outcomes.delete(provider.platform);
    this.#vault.save(provider, tokens, client, extra);
    this.#clearRevoked(provider.platform);
    this.#log.info('account connected', { platform: provider.platform, pasted: extra.pasted });
    this.#scheduleRefresh(provider.platform);
    this.#changed(provider.platform);
  }

  #clearRevoked(platform: ConnectPlatform): void {
    const revoked = this.#o.settings.get('connect.revoked');
    if (revoked.includes(platform)) {
      this.#o.settings.set(
        'connect.revoked',
        revoked.filter((p) => p !== platform),
      );
    }
  }

  /** The last resort: a token the producer made on the platform's site. It is not renewed. */
  paste(platform: ConnectPlatform, token: string, instanceUrl: string | undefined): AccountStatus {
    const provider = this.#provider(platform, instanceUrl);
    this.cancel(platform);
    const tokens = { accessToken: token, refreshToken: null, expiresAt: null, lifetimeMs: null };
    this.#connected(
      provider,
      tokens,
      { id: null, secret: null },
      {
        pasted: true,
        instanceUrl: instanceUrl ?? null,
      },
    );
    return this.status(platform);
  }

  cancel(platform: ConnectPlatform): void {
    const flow = this.#flows.get(platform);
    if (flow === undefined) return;
    if (flow.kind === 'loopback') flow.listener.close();
    else flow.cancelled = true;
    this.#flows.delete(platform);
    this.#changed(platform);
  }

  #scheduleRefresh(platform: ConnectPlatform): void {
    this.#timers.get(platform)?.();
    this.#timers.delete(platform);
    const meta = this.#vault.meta(platform);
    if (meta?.expiresAt == null || meta.lifetimeMs === null) return;
    const at = meta.expiresAt - meta.lifetimeMs * (1 - REFRESH_AT);
    const cancel = this.#o.schedule(
      () => void this.refresh(platform),
      Math.max(0, at - this.#o.now()),
    );
    this.#timers.set(platform, cancel);
  }

  /** Renews the access token; invalid_grant means the platform revoked it: forget and say so. */
  async refresh(platform: ConnectPlatform): Promise<void> {
    const meta = this.#vault.meta(platform);
    if (meta === null || meta.clientId === null) return;
    const provider = this.#provider(platform, meta.instanceUrl);
    const { refresh, clientSecret } = this.#vault.renewal(provider);
    if (refresh === null) return;
    const form = {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: meta.clientId,
      ...(clientSecret === null ? {} : { client_secret: clientSecret }),
    };
    try {
      const tokens = await requestToken(provider.tokenUrl, form, this.#o.now());
      const kept = { ...tokens, refreshToken: tokens.refreshToken ?? refresh };
      this.#connected(provider, kept, { id: meta.clientId, secret: clientSecret }, meta);
    } catch (error) {
      if (error instanceof OAuthError && error.code === 'invalid_grant') {
        this.#markRevoked(platform);
        return;
      }
      this.#log.warn('token renewal failed; trying again', { platform, error: String(error) });
      const cancel = this.#o.schedule(() => void this.refresh(platform), RETRY_MS);
      this.#timers.set(platform, cancel);
    }
  }

  #markRevoked(platform: ConnectPlatform): void {
    this.#vault.forget(platform);
    const revoked = this.#o.settings.get('connect.revoked');
    if (!revoked.includes(platform))
      this.#o.settings.set('connect.revoked', [...revoked, platform]);
    this.#log.warn('the platform refused to renew the token: connect again', { platform });
    this.#changed(platform);
  }

  /** Tells the platform (RFC 7009) where it can be told, then forgets the tokens here. */
  async revoke(platform: ConnectPlatform): Promise<AccountStatus> {
    const meta = this.#vault.meta(platform);
    const provider = this.#provider(platform, meta?.instanceUrl ?? 'https://x.invalid');
    if (meta === null) {
      throw new UserError(
        'not_found',
        message('connect.nothing_to_revoke', { site: provider.site }),
      );
    }
    this.#timers.get(platform)?.();
    this.#timers.delete(platform);
    await this.#tellRevoked(provider, meta.clientId);
    this.#vault.forget(platform);
    this.#outcomes.delete(platform);
    this.#clearRevoked(platform);
    this.#log.info('account disconnected', { platform });
    this.#changed(platform);
    return this.status(platform);
  }

  async #tellRevoked(provider: OAuthProvider, clientId: string | null): Promise<void> {
    if (provider.revokeUrl === null) return;
    const { refresh, clientSecret } = this.#vault.renewal(provider);
    const access = this.#vault.access(provider.platform, [hostOf(provider.revokeUrl) ?? '']);
    const client = {
      ...(clientId === null ? {} : { client_id: clientId }),
      ...(clientSecret === null ? {} : { client_secret: clientSecret }),
    };
    const tokens: [string, string | null][] = [
      ['refresh_token', refresh],
      ['access_token', access],
    ];
    for (const [hint, token] of tokens) {
      if (token === null) continue;
      try {
        await revokeToken(provider.revokeUrl, { token, token_type_hint: hint, ...client });
      } catch (error) {
        this.#log.warn('the platform could not be told; the token is forgotten here', {
          platform: provider.platform,
          error: String(error),
        });
      }
    }
  }
}
