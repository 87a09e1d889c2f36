// What a source sees of the producer's connected platform accounts (Settings → Connected
// accounts): the token to send now, bound to the hosts asked for, and when an account changes.
import type { ConnectPlatform } from '../shared/connect.js';

/**
 * connected: send `token` (read again before each request: a renewal replaces it);
 * revoked: the platform no longer accepts the connection; expired: its token ran out and cannot
 * be renewed; none: no account connected (or one for other hosts, such as another instance).
 */
export type AccountToken =
  | { state: 'connected'; token: string; clientId: string | null }
  | { state: 'revoked' | 'expired' | 'none' };

export interface ConnectedAccounts {
  /** The account's token where it may go to every one of `hosts`. */
  token(platform: ConnectPlatform, hosts: readonly string[]): AccountToken;
  /** The platform refused the token: renew it now where possible (resolves when tried). */
  renew(platform: ConnectPlatform): Promise<void>;
  /** Calls `listener` when an account connects, renews, or is revoked; returns the unsubscribe. */
  onChange(listener: (platform: ConnectPlatform) => void): () => void;
}
