// The wire side of OAuth 2.0: PKCE (RFC 7636), token requests (RFC 6749 §4.1.3, §6), the device
// authorization request (RFC 8628 §3.1) and revocation (RFC 7009). Every answer is checked with zod;
// an OAuth error body ({error, error_description}) becomes an OAuthError with its code.
import crypto from 'node:crypto';
import { z } from 'zod';

export class OAuthError extends Error {
  /** The RFC error code (invalid_grant, authorization_pending …), or "http"/"bad_answer". */
  readonly code: string;
  readonly description: string | null;
  constructor(code: string, description: string | null) {
    super(description === null ? code : `${code}: ${description}`);
    this.name = 'OAuthError';
    this.code = code;
    this.description = description;
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

export function randomState(): string {
  return crypto.randomBytes(24).toString('base64url');
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1).max(8000),
  token_type: z.string().max(40).optional(),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).max(8000).optional(),
  // Twitch answers scope as an array, RFC 6749 as a space-separated string.
  scope: z.union([z.string(), z.array(z.string())]).optional(),
});

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms when the access token runs out; null when the platform gives no lifetime. */
  expiresAt: number | null;
  /** Lifetime in ms as given, for scheduling the refresh. */
  lifetimeMs: number | null;
}

const deviceAnswerSchema = z.object({
  device_code: z.string().min(1).max(2000),
  user_code: z.string().min(1).max(100),
  verification_uri: z.url({ protocol: /^https?$/ }),
  verification_uri_complete: z.url({ protocol: /^https?$/ }).optional(),
  expires_in: z.number().positive(),
  interval: z.number().positive().optional(),
});
export type DeviceAnswer = z.infer<typeof deviceAnswerSchema>;

const errorSchema = z.object({
  error: z.string().min(1).max(100),
  error_description: z.string().max(500).optional(),
});

const TIMEOUT_MS = 15_000;

async function post(url: string, form: Record<string, string>): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new OAuthError('network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (response.ok) return body;
  const parsed = errorSchema.safeParse(body);
  if (parsed.success) {
    throw new OAuthError(parsed.data.error, parsed.data.error_description ?? null);
  }
  throw new OAuthError('http', `HTTP ${response.status}`);
}

export async function requestToken(
  url: string,
  form: Record<string, string>,
  now: number,
): Promise<TokenSet> {
  const parsed = tokenAnswerSchema.safeParse(await post(url, form));
  if (!parsed.success) throw new OAuthError('bad_answer', 'the token answer was not understood');
  const lifetimeMs = parsed.data.expires_in === undefined ? null : parsed.data.expires_in * 1000;
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresAt: lifetimeMs === null ? null : now + lifetimeMs,
    lifetimeMs,
  };
}

export async function requestDeviceCode(
  url: string,
  form: Record<string, string>,
): Promise<DeviceAnswer> {
  const parsed = deviceAnswerSchema.safeParse(await post(url, form));
  if (!parsed.success) throw new OAuthError('bad_answer', 'the device answer was not understood');
  return parsed.data;
}

/** RFC 7009: the server answers 200 also for tokens it no longer knows. */
export async function revokeToken(url: string, form: Record<string, string>): Promise<void> {
  await post(url, form);
}
