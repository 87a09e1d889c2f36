// Connected platform accounts: which platforms take a user token, how a producer may connect one,
// and the status each account shows. Words for the status live with the coded messages.
import { z } from 'zod';
import type { Message } from './messages/message.js';

export const CONNECT_PLATFORMS = ['twitch', 'mastodon', 'facebook', 'linkedin'] as const;
export type ConnectPlatform = (typeof CONNECT_PLATFORMS)[number];

/** Each platform's name in status lines ("The Twitch account connection was revoked"). */
export const CONNECT_SITES: Readonly<Record<ConnectPlatform, string>> = {
  twitch: 'Twitch',
  mastodon: 'Mastodon',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
};

/**
 * loopback: a browser on this computer, back to a one-shot listener on a random port (RFC 8252);
 * core: the same, back to the core's own /api/oauth/callback (a redirect URI registered with the
 * core's fixed port); device: a code typed on any device (RFC 8628).
 */
export const CONNECT_METHODS = ['loopback', 'core', 'device'] as const;
export type ConnectMethod = (typeof CONNECT_METHODS)[number];

export const CONNECT_STATES = [
  'not_connected',
  'waiting_browser',
  'waiting_device',
  'connected',
  'denied',
  'expired',
  'revoked',
  'failed',
] as const;
export type ConnectState = (typeof CONNECT_STATES)[number];

/** A pasted token, checked at the edge: one line of token characters. */
export const pastedTokenSchema = z
  .string()
  .trim()
  .min(8)
  .max(4000)
  .regex(/^[\x21-\x7e]+$/, 'one line without spaces');

export const connectStartSchema = z.strictObject({
  platform: z.enum(CONNECT_PLATFORMS),
  method: z.enum(CONNECT_METHODS),
  clientId: z.string().trim().min(1).max(200),
  /** Confidential clients (Facebook, LinkedIn, Twitch's code flow) also send their secret. */
  clientSecret: z.string().trim().min(1).max(500).optional(),
  /** Mastodon only: the instance, e.g. https://chaos.social */
  instanceUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
});
export type ConnectStart = z.infer<typeof connectStartSchema>;

/** One account's status as the core tells it; words come from the message's code. */
export interface AccountStatus {
  platform: ConnectPlatform;
  state: ConnectState;
  message: Message;
  /** Where the browser goes (loopback flow) while waiting. */
  authorizeUrl: string | null;
  /** ISO time the access token runs out; null when unknown or not connected. */
  expiresAt: string | null;
}
