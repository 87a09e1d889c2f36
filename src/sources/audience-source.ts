// Questions typed on Panelcast's own /audience page. Public input, so it is checked hard: a size
// limit, a per-device rate limit (and a looser one per address, since a whole venue can share
// one), each refusal in plain words with how long to wait.
import crypto from 'node:crypto';
import { z } from 'zod';
import { inEnglish, message } from '../shared/messages/message.js';
import type { AudienceAck, AudienceRefusal } from '../shared/protocol.js';
import { describeZodError } from '../shared/validation.js';
import type { CommentSource, SourceContext } from './source.js';

export const AUDIENCE_MAX_LENGTH = 280;

export interface AudienceLimits {
  /** Seconds a device must wait between two questions. */
  perDeviceGapSec: number;
  /** Questions one device may ask per window. */
  perDeviceMax: number;
  /** Questions one network address may send per window (venues share addresses). */
  perAddressMax: number;
  windowSec: number;
}

export const AUDIENCE_LIMITS: AudienceLimits = {
  perDeviceGapSec: 15,
  perDeviceMax: 10,
  perAddressMax: 120,
  windowSec: 600,
};

export const askSchema = z.strictObject({
  name: z.string().trim().max(40, 'Names can be at most 40 characters.').optional(),
  text: z
    .string()
    .trim()
    .min(3, 'Please write a question of at least 3 characters.')
    .max(AUDIENCE_MAX_LENGTH, `Questions can be at most ${AUDIENCE_MAX_LENGTH} characters.`),
});

export type AskResult = AudienceAck;

function refuse(code: AudienceRefusal, params: Record<string, number> = {}): AskResult {
  const coded = message(`audience.${code}`, params);
  return {
    ok: false,
    error: inEnglish(coded),
    message: coded,
    retryAfterSec: params.seconds ?? null,
  };
}

class Window {
  readonly #times = new Map<string, number[]>();

  recent(key: string, now: number, windowMs: number): number[] {
    const kept = (this.#times.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length === 0) this.#times.delete(key);
    else this.#times.set(key, kept);
    return kept;
  }

  add(key: string, now: number): void {
    const list = this.#times.get(key) ?? [];
    list.push(now);
    this.#times.set(key, list);
  }
}

export class AudienceSource implements CommentSource {
  readonly #context: SourceContext;
  readonly #limits: AudienceLimits;
  readonly #devices = new Window();
  readonly #addresses = new Window();
  readonly #now: () => number;
  #open = false;

  constructor(
    context: SourceContext,
    limits: Partial<AudienceLimits> = {},
    now: () => number = Date.now,
  ) {
    this.#context = context;
    this.#limits = { ...AUDIENCE_LIMITS, ...limits };
    this.#now = now;
  }

  start(): void {
    this.#open = true;
    this.#context.status('connected', message('audience.open'));
  }

  stop(): Promise<void> {
    this.#open = false;
    return Promise.resolve();
  }

  get open(): boolean {
    return this.#open;
  }

  ask(device: string, address: string, payload: unknown): AskResult {
    if (!this.#open) return refuse('closed');
    const parsed = askSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.#context.malformed(`audience question refused: ${describeZodError(parsed.error)}`);
      const field = issue?.path[0];
      if (issue?.code === 'too_big' && field === 'text') {
        return refuse('too_long', { max: AUDIENCE_MAX_LENGTH });
      }
      if (issue?.code === 'too_small' && field === 'text') return refuse('too_short');
      if (issue?.code === 'too_big' && field === 'name') return refuse('name_too_long');
      return refuse('invalid');
    }
    const now = this.#now();
    const windowMs = this.#limits.windowSec * 1000;
    const mine = this.#devices.recent(device, now, windowMs);
    const last = mine.at(-1);
    if (last !== undefined && now - last < this.#limits.perDeviceGapSec * 1000) {
      const wait = Math.ceil((this.#limits.perDeviceGapSec * 1000 - (now - last)) / 1000);
      return refuse('wait', { seconds: wait });
    }
    if (mine.length >= this.#limits.perDeviceMax) {
      const wait = Math.ceil((windowMs - (now - (mine[0] ?? now))) / 1000);
      const minutes = Math.ceil(wait / 60);
      return refuse('device_limit', { seconds: wait, minutes });
    }
    if (this.#addresses.recent(address, now, 60_000).length >= this.#limits.perAddressMax) {
      return refuse('network_limit', { seconds: 60 });
    }
    const { name, text } = parsed.data;
    const outcome = this.#context.ingest({
      platform: 'audience',
      platformId: crypto.randomUUID(),
      author: {
        name: name !== undefined && name !== '' ? name : 'Guest',
        handle: null,
        avatarUrl: null,
        profileUrl: null,
      },
      text,
      createdAt: new Date(now).toISOString(),
      url: null,
    });
    if (outcome === 'unstored') return refuse('retry', { seconds: 5 });
    if (outcome !== 'added') return refuse('invalid');
    this.#devices.add(device, now);
    this.#addresses.add(address, now);
    return { ok: true };
  }
}
