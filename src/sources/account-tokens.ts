// Which token a registered source sends: the connected account's first (read again before each
// request, so a renewal needs no restart), else the token pasted in the source's settings; and
// what to say when the account was revoked or ran out and nothing else is there.
import { message, type Message } from '../shared/messages/message.js';
import type { SecretStore } from '../store/secret-store.js';
import { CONNECT_SITES } from '../shared/connect.js';
import type { ConnectedAccounts } from './connected-accounts.js';
import type { SourceDefinition } from './source-registry.js';

/**
 * account: the connected account's (clientId: the app it was issued to, where known);
 * pasted: the secret saved with the source; none: no token; lost: the account was revoked or ran
 * out and no pasted token stands in (`said` tells the producer what to do).
 */
export type SourceToken =
  | { from: 'account'; token: () => string; clientId: string | null }
  | { from: 'pasted'; token: () => string }
  | { from: 'none' }
  | { from: 'lost'; said: Message };

/** What a source's definition starts with: a lost account has already been said. */
export type UsableToken = Exclude<SourceToken, { from: 'lost' }>;

interface Applied {
  key: string;
  /** The account token the source started with; null when it runs on another. */
  token: string | null;
  /** Started again with a renewed token after a refusal, and not yet through with it. */
  retried: boolean;
}

export class AccountTokens {
  readonly #accounts: ConnectedAccounts;
  readonly #secrets: SecretStore;
  readonly #applied = new Map<string, Applied>();

  constructor(accounts: ConnectedAccounts, secrets: SecretStore) {
    this.#accounts = accounts;
    this.#secrets = secrets;
  }

  pick(definition: SourceDefinition, settings: Record<string, unknown>): SourceToken {
    const spec = definition.secret;
    if (!spec) return { from: 'none' };
    const hosts = spec.hosts(settings);
    const platform = spec.account?.platform;
    const account = platform ? this.#accounts.token(platform, hosts) : { state: 'none' as const };
    if (platform && account.state === 'connected') {
      let last = account.token;
      const token = (): string => {
        const now = this.#accounts.token(platform, hosts);
        // Once gone, the last one is sent: the platform refuses it and the source says so.
        if (now.state === 'connected') last = now.token;
        return last;
      };
      return { from: 'account', token, clientId: account.clientId };
    }
    const pasted = this.#secrets.getFor(spec.name, hosts);
    if (pasted !== null) return { from: 'pasted', token: () => pasted };
    if (platform && (account.state === 'revoked' || account.state === 'expired')) {
      const code =
        account.state === 'revoked' ? 'sources.account_revoked' : 'sources.account_expired';
      return { from: 'lost', said: message(code, { site: CONNECT_SITES[platform] }) };
    }
    return { from: 'none' };
  }

  /** Notes what a source was started with (`retried`: after a refused token was renewed). */
  applied(id: string, token: SourceToken, retried: boolean): void {
    const used = token.from === 'account' ? token.token() : null;
    this.#applied.set(id, { key: keyOf(token), token: used, retried });
  }

  /** The source got through with its token: a later refusal may renew it again. */
  accepted(id: string): void {
    const applied = this.#applied.get(id);
    if (applied) applied.retried = false;
  }

  /** Whether these settings would now start the source with a token from elsewhere. */
  changed(definition: SourceDefinition, settings: Record<string, unknown>): boolean {
    return this.#applied.get(definition.id)?.key !== keyOf(this.pick(definition, settings));
  }

  /** What the source runs on now, when that is a connected account. */
  runningOnAccount(id: string): Applied | null {
    const applied = this.#applied.get(id);
    return applied?.token == null ? null : applied;
  }
}

function keyOf(token: SourceToken): string {
  if (token.from === 'account') return `account:${token.clientId ?? ''}`;
  if (token.from === 'lost') return `lost:${token.said.code}`;
  return token.from;
}
