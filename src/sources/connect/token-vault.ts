// A connected account's tokens in the SecretStore: access and refresh token each encrypted and
// bound to the platform's hosts, with what is needed to renew them (client, expiry, instance).
import { z } from 'zod';
import type { ConnectPlatform } from '../../shared/connect.js';
import type { SecretStore } from '../../store/secret-store.js';
import { hostOf } from '../../shared/secret-hosts.js';
import type { TokenSet } from './oauth-http.js';
import { tokenHosts, type OAuthProvider } from './providers.js';

const metaSchema = z.object({
  clientId: z.string().nullable(),
  expiresAt: z.number().nullable(),
  lifetimeMs: z.number().nullable(),
  pasted: z.boolean(),
  instanceUrl: z.string().nullable(),
});
export type TokenMeta = z.infer<typeof metaSchema>;

const name = (platform: ConnectPlatform, part: string): string => `connect.${platform}.${part}`;

function authHosts(provider: OAuthProvider): string[] {
  return [provider.tokenUrl, provider.revokeUrl]
    .map((url) => (url === null ? null : hostOf(url)))
    .filter((host): host is string => host !== null);
}

export class TokenVault {
  readonly #secrets: SecretStore;
  constructor(secrets: SecretStore) {
    this.#secrets = secrets;
  }

  save(
    provider: OAuthProvider,
    tokens: TokenSet,
    client: { id: string | null; secret: string | null },
    extra: { pasted: boolean; instanceUrl: string | null },
  ): void {
    const p = provider.platform;
    this.#secrets.set(name(p, 'access'), tokens.accessToken, tokenHosts(provider));
    if (tokens.refreshToken !== null) {
      this.#secrets.set(name(p, 'refresh'), tokens.refreshToken, authHosts(provider));
    } else this.#secrets.delete(name(p, 'refresh'));
    if (client.secret !== null) {
      this.#secrets.set(name(p, 'client_secret'), client.secret, authHosts(provider));
    }
    const meta: TokenMeta = {
      clientId: client.id,
      expiresAt: tokens.expiresAt,
      lifetimeMs: tokens.lifetimeMs,
      ...extra,
    };
    this.#secrets.set(name(p, 'meta'), JSON.stringify(meta));
  }

  meta(platform: ConnectPlatform): TokenMeta | null {
    const raw = this.#secrets.get(name(platform, 'meta'));
    if (raw === null) return null;
    try {
      const parsed = metaSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The access token for sending to `hosts`; null when none or bound elsewhere. */
  access(platform: ConnectPlatform, hosts: readonly string[]): string | null {
    return this.#secrets.getFor(name(platform, 'access'), hosts);
  }

  /** Refresh token and client secret, for the provider's token endpoint only. */
  renewal(provider: OAuthProvider): { refresh: string | null; clientSecret: string | null } {
    const hosts = authHosts(provider);
    return {
      refresh: this.#secrets.getFor(name(provider.platform, 'refresh'), hosts),
      clientSecret: this.#secrets.getFor(name(provider.platform, 'client_secret'), hosts),
    };
  }

  forget(platform: ConnectPlatform): void {
    for (const part of ['access', 'refresh', 'client_secret', 'meta']) {
      this.#secrets.delete(name(platform, part));
    }
  }
}
