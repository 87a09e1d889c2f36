// Where each platform's OAuth 2.0 endpoints are and what Panelcast asks for. Sources:
// Twitch https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/ (authorization code with
//   PKCE-capable public clients, device code grant at /oauth2/device, revoke at /oauth2/revoke);
// Mastodon https://docs.joinmastodon.org/methods/oauth/ (per instance /oauth/authorize, /oauth/token,
//   /oauth/revoke; no device grant);
// Facebook https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
//   (dialog on www.facebook.com, code exchanged at graph.facebook.com; no refresh tokens);
// LinkedIn https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow
//   (www.linkedin.com/oauth/v2/authorization, /accessToken, /revoke).
import { CONNECT_SITES, type ConnectPlatform } from '../../shared/connect.js';
import { hostOf } from '../../shared/secret-hosts.js';

export interface OAuthProvider {
  platform: ConnectPlatform;
  /** Shown in status lines ("Twitch"). */
  site: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 8628 device authorization endpoint; null where the platform offers none. */
  deviceUrl: string | null;
  /** RFC 7009 revocation endpoint; null where the platform has none (the token is only forgotten). */
  revokeUrl: string | null;
  scopes: readonly string[];
  /** Twitch names the scope parameter of its device grant "scopes". */
  deviceScopeParam: 'scope' | 'scopes';
  /** Where the access token is sent once connected (besides the token endpoint). */
  apiHosts: readonly string[];
}

const TWITCH: OAuthProvider = {
  platform: 'twitch',
  site: CONNECT_SITES.twitch,
  authorizeUrl: 'https://id.twitch.tv/oauth2/authorize',
  tokenUrl: 'https://id.twitch.tv/oauth2/token',
  deviceUrl: 'https://id.twitch.tv/oauth2/device',
  revokeUrl: 'https://id.twitch.tv/oauth2/revoke',
  // EventSub channel.chat.message needs user:read:chat.
  scopes: ['user:read:chat'],
  deviceScopeParam: 'scopes',
  apiHosts: ['api.twitch.tv:443', 'eventsub.wss.twitch.tv:443', 'irc-ws.chat.twitch.tv:443'],
};

const FACEBOOK: OAuthProvider = {
  platform: 'facebook',
  site: CONNECT_SITES.facebook,
  authorizeUrl: 'https://www.facebook.com/v19.0/dialog/oauth',
  tokenUrl: 'https://graph.facebook.com/v19.0/oauth/access_token',
  deviceUrl: null,
  revokeUrl: null,
  scopes: ['pages_read_engagement', 'pages_read_user_content', 'pages_show_list'],
  deviceScopeParam: 'scope',
  apiHosts: ['graph.facebook.com:443', 'streaming-graph.facebook.com:443'],
};

const LINKEDIN: OAuthProvider = {
  platform: 'linkedin',
  site: CONNECT_SITES.linkedin,
  authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
  tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
  deviceUrl: null,
  revokeUrl: 'https://www.linkedin.com/oauth/v2/revoke',
  scopes: ['r_organization_social', 'r_member_social'],
  deviceScopeParam: 'scope',
  apiHosts: ['api.linkedin.com:443'],
};

function mastodon(instanceUrl: string): OAuthProvider {
  const origin = new URL(instanceUrl).origin;
  const host = hostOf(origin);
  return {
    platform: 'mastodon',
    site: CONNECT_SITES.mastodon,
    authorizeUrl: `${origin}/oauth/authorize`,
    tokenUrl: `${origin}/oauth/token`,
    deviceUrl: null,
    revokeUrl: `${origin}/oauth/revoke`,
    // The hashtag stream needs a user token with read access since Mastodon 4.2.
    scopes: ['read'],
    deviceScopeParam: 'scope',
    apiHosts: host === null ? [] : [host],
  };
}

/** The provider for a platform; Mastodon needs its instance. Null when that is missing. */
export function providerFor(
  platform: ConnectPlatform,
  instanceUrl: string | undefined,
): OAuthProvider | null {
  switch (platform) {
    case 'twitch':
      return TWITCH;
    case 'facebook':
      return FACEBOOK;
    case 'linkedin':
      return LINKEDIN;
    case 'mastodon':
      return instanceUrl === undefined ? null : mastodon(instanceUrl);
  }
}

function moved(url: string, origin: string): string {
  const parsed = new URL(url);
  return `${origin}${parsed.pathname}`;
}

/**
 * Test hook only: the same provider with every endpoint on a local fake authorization server, and
 * its tokens bound to that server and the platforms' fake APIs (`apiOrigins`) instead.
 */
export function pointedAt(
  provider: OAuthProvider,
  fakeOrigin: string,
  apiOrigins: readonly string[],
): OAuthProvider {
  const origin = new URL(fakeOrigin).origin;
  const hosts = [origin, ...apiOrigins]
    .map((url) => hostOf(url))
    .filter((host): host is string => host !== null);
  return {
    ...provider,
    authorizeUrl: moved(provider.authorizeUrl, origin),
    tokenUrl: moved(provider.tokenUrl, origin),
    deviceUrl: provider.deviceUrl === null ? null : moved(provider.deviceUrl, origin),
    revokeUrl: provider.revokeUrl === null ? null : moved(provider.revokeUrl, origin),
    apiHosts: [...new Set(hosts)],
  };
}

/** Every host a connected account's tokens may be sent to: its API and its token endpoints. */
export function tokenHosts(provider: OAuthProvider): string[] {
  const auth = [provider.tokenUrl, provider.revokeUrl]
    .map((url) => (url === null ? null : hostOf(url)))
    .filter((host): host is string => host !== null);
  return [...new Set([...provider.apiHosts, ...auth])];
}
