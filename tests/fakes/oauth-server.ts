// A local OAuth 2.0 authorization server standing in for Twitch's id.twitch.tv (and any platform
// with the same endpoints), speaking the documented wire formats so the real connector runs
// against it unchanged:
// - GET …/authorize: authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3);
//   answers 302 to redirect_uri with code+state, or error=access_denied+state (RFC 6749 §4.1.2.1).
//   Only loopback redirect URIs with any port are accepted (RFC 8252 §7.3).
// - POST …/token (form-encoded): grant_type authorization_code with code_verifier (RFC 7636 §4.6),
//   refresh_token (RFC 6749 §6, rotating refresh tokens as Twitch does), and
//   urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4, answers §3.5).
// - POST …/device: device authorization (RFC 8628 §3.1–3.2); Twitch takes `scopes`
//   (https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/#device-code-grant-flow).
// - POST …/revoke: token revocation (RFC 7009 §2.1–2.2: 200 also for unknown tokens).
// Errors are 400 with {error, error_description} (RFC 6749 §5.2), no-store.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type DeviceAnswer =
  'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'ok';

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
}

export interface FakeOAuthServer {
  url: string;
  /** What the "user" decides on the consent page. */
  decision: 'allow' | 'deny';
  /** Lifetime of issued access tokens, seconds. */
  expiresIn: number;
  /** Whether a refresh token comes with each access token (Facebook gives none). */
  issueRefresh: boolean;
  /** Device polling answers in order; the last one repeats. */
  deviceScript: DeviceAnswer[];
  deviceInterval: number;
  /** Every token handed out, for checking they never reach a log or the disk in clear. */
  issued: string[];
  /** Token endpoint and revoke requests as received (form fields). */
  tokenRequests: Record<string, string>[];
  revoked: string[];
  deviceRequests: Record<string, string>[];
  /**
   * Whether a platform API takes this access token: issued here, not revoked, not withdrawn and
   * not past its expires_in (platforms refuse an expired token with 401).
   */
  accepts(token: string): boolean;
  /** The user withdraws the app's access on the platform: every token stops working. */
  withdrawAll(): void;
  close(): Promise<void>;
}

const random = (): string => crypto.randomBytes(20).toString('hex');

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function oauthError(res: http.ServerResponse, error: string, description: string): void {
  json(res, 400, { error, error_description: description });
}

async function readForm(req: http.IncomingMessage): Promise<Record<string, string> | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return null;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function isLoopback(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function startFakeOAuthServer(clientId: string): Promise<FakeOAuthServer> {
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Set<string>();
  /** Live access tokens and when each runs out (ms). */
  const accessTokens = new Map<string, number>();
  const devices = new Map<string, number>();
  let origin = '';

  const fake: FakeOAuthServer = {
    url: '',
    decision: 'allow',
    expiresIn: 3600,
    issueRefresh: true,
    deviceScript: ['ok'],
    deviceInterval: 1,
    issued: [],
    tokenRequests: [],
    revoked: [],
    deviceRequests: [],
    accepts: (token) => (accessTokens.get(token) ?? 0) > Date.now(),
    withdrawAll: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    close: () => Promise.resolve(),
  };

  const issue = (res: http.ServerResponse): void => {
    const access = `acc_${random()}`;
    const refresh = fake.issueRefresh ? `ref_${random()}` : null;
    if (refresh !== null) refreshTokens.add(refresh);
    accessTokens.set(access, Date.now() + fake.expiresIn * 1000);
    fake.issued.push(access, ...(refresh === null ? [] : [refresh]));
    json(res, 200, {
      access_token: access,
      ...(refresh === null ? {} : { refresh_token: refresh }),
      expires_in: fake.expiresIn,
      scope: ['user:read:chat'],
      token_type: 'bearer',
    });
  };

  const authorize = (url: URL, res: http.ServerResponse): void => {
    const q = url.searchParams;
    const redirect = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== clientId || !isLoopback(redirect)) {
      json(res, 400, { error: 'invalid_request', error_description: 'client or redirect' });
      return;
    }
    const challenge = q.get('code_challenge');
    if (
      q.get('response_type') !== 'code' ||
      q.get('code_challenge_method') !== 'S256' ||
      !challenge
    ) {
      json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      return;
    }
    const back = new URL(redirect);
    if (fake.decision === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied you access');
    } else {
      const code = random();
      codes.set(code, { clientId, redirectUri: redirect, challenge });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.href });
    res.end();
  };

  const codeGrant = (form: Record<string, string>, res: http.ServerResponse): void => {
    const grant = codes.get(form.code ?? '');
    codes.delete(form.code ?? '');
    const verifier = form.code_verifier ?? '';
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    if (!grant || grant.redirectUri !== form.redirect_uri || grant.challenge !== challenge) {
      oauthError(res, 'invalid_grant', 'Invalid authorization code or code_verifier');
      return;
    }
    issue(res);
  };

  const refreshGrant = (form: Record<string, string>, res: http.ServerResponse): void => {
    const token = form.refresh_token ?? '';
    if (!refreshTokens.delete(token)) {
      oauthError(res, 'invalid_grant', 'Invalid refresh token');
      return;
    }
    issue(res);
  };

  const deviceGrant = (form: Record<string, string>, res: http.ServerResponse): void => {
    const step = devices.get(form.device_code ?? '');
    if (step === undefined) {
      oauthError(res, 'invalid_grant', 'Invalid device code');
      return;
    }
    const script = fake.deviceScript;
    const answer = script[Math.min(step, script.length - 1)] ?? 'ok';
    devices.set(form.device_code ?? '', step + 1);
    if (answer === 'ok') issue(res);
    else oauthError(res, answer, `device: ${answer}`);
  };

  const token = (form: Record<string, string>, res: http.ServerResponse): void => {
    fake.tokenRequests.push(form);
    if (form.client_id !== clientId) {
      json(res, 401, { error: 'invalid_client', error_description: 'unknown client' });
      return;
    }
    if (form.grant_type === 'authorization_code') codeGrant(form, res);
    else if (form.grant_type === 'refresh_token') refreshGrant(form, res);
    else if (form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code')
      deviceGrant(form, res);
    else oauthError(res, 'unsupported_grant_type', String(form.grant_type));
  };

  const device = (form: Record<string, string>, res: http.ServerResponse): void => {
    fake.deviceRequests.push(form);
    const code = random();
    devices.set(code, 0);
    json(res, 200, {
      device_code: code,
      user_code: 'ABCD-EFGH',
      verification_uri: `${origin}/activate`,
      expires_in: 1800,
      interval: fake.deviceInterval,
    });
  };

  const revoke = (form: Record<string, string>, res: http.ServerResponse): void => {
    if (!form.token) {
      oauthError(res, 'invalid_request', 'Missing token');
      return;
    }
    fake.revoked.push(form.token);
    refreshTokens.delete(form.token);
    accessTokens.delete(form.token);
    res.writeHead(200);
    res.end();
  };

  const posts: Record<string, (form: Record<string, string>, res: http.ServerResponse) => void> = {
    token,
    accessToken: token,
    device,
    revoke,
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const last = url.pathname.split('/').pop() ?? '';
    if (
      req.method === 'GET' &&
      (last === 'authorize' || last === 'authorization' || last === 'oauth')
    ) {
      authorize(url, res);
      return;
    }
    const handler = req.method === 'POST' ? posts[last] : undefined;
    if (!handler) {
      json(res, 404, { error: 'not_found', error_description: url.pathname });
      return;
    }
    void readForm(req).then((form) => {
      if (form === null) oauthError(res, 'invalid_request', 'form-encoded body required');
      else handler(form, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = origin;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
