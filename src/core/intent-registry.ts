// The single door for every change to the show. Socket events and REST routes both dispatch
// here: the payload is checked against its schema, the handler runs, and failures come back as
// plain-language errors with a kind the REST layer maps to a status code.
import type { z } from 'zod';
import { UserError, type UserErrorKind } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { controlIntentSchemas } from '../shared/control-intents.js';
import type {
  ControlIntentInput,
  ControlIntentName,
  ControlIntentResults,
} from '../shared/protocol.js';
import { describeZodError } from '../shared/validation.js';
import { mayDispatch, type Role } from '../shared/roles.js';
import { redactValue } from '../shared/state-hub.js';
import { inEnglish, message, type Message } from '../shared/messages/message.js';

export interface IntentContext {
  /** Who acts: the person's name. Recorded in the audit log. */
  actor: string;
  channel: 'socket' | 'rest';
  /** What they may do; checked here, at the one dispatch point, for socket and REST alike. */
  role: Role;
}

export type IntentHandler<N extends ControlIntentName> = (
  input: ControlIntentInput<N>,
  context: IntentContext,
) => ControlIntentResults[N] | Promise<ControlIntentResults[N]>;

export type DispatchResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      kind: UserErrorKind | 'internal';
      /** In English, for logs and REST callers. */
      error: string;
      /** The same as a code for clients to word. */
      message: Message;
    };

function refusal(
  kind: UserErrorKind | 'internal',
  coded: Message,
): { ok: false; kind: UserErrorKind | 'internal'; error: string; message: Message } {
  return { ok: false, kind, error: inEnglish(coded), message: coded };
}

export interface IntentRegistryOptions {
  logger: Logger;
  /** Counts input refused at the edge, per channel. */
  onRejected: (channel: string, reason: string) => void;
  /** Masks stored secrets in refusals (a platform's error text may quote a key). */
  redact: (text: string) => string;
  /** Turns a failed write (disk full, database locked) into a counted, coded refusal. */
  storageFault?: (error: unknown) => UserError | null;
}

export function isIntentName(name: string): name is ControlIntentName {
  return Object.hasOwn(controlIntentSchemas, name);
}

export class IntentRegistry {
  readonly #handlers = new Map<ControlIntentName, IntentHandler<ControlIntentName>>();
  readonly #after = new Map<ControlIntentName, (value: never) => Promise<unknown>>();
  readonly #logger: Logger;
  readonly #onRejected: (channel: string, reason: string) => void;
  readonly #redact: (text: string) => string;
  readonly #storageFault: (error: unknown) => UserError | null;

  constructor(options: IntentRegistryOptions) {
    this.#storageFault = options.storageFault ?? (() => null);
    this.#logger = options.logger;
    this.#onRejected = options.onRejected;
    this.#redact = options.redact;
  }

  handle<N extends ControlIntentName>(name: N, handler: IntentHandler<N>): void {
    if (this.#handlers.has(name)) throw new Error(`intent ${name} already has a handler`);
    this.#handlers.set(name, handler);
  }

  /**
   * Adds to an intent's answer after it succeeded (another module's view of the result, e.g.
   * whether OBS shows the question that was just put on air).
   */
  after<N extends ControlIntentName>(
    name: N,
    extend: (value: ControlIntentResults[N]) => Promise<ControlIntentResults[N]>,
  ): void {
    if (this.#after.has(name)) throw new Error(`intent ${name} already has an extension`);
    this.#after.set(name, extend);
  }

  /**
   * Socket and REST alike come here. A refusal leaves with stored secrets masked, since it may
   * quote a platform's own error text; an answer is what the producer asked for (the ingest key
   * of relay:publishTarget among them) and leaves as it is.
   */
  async dispatch<N extends ControlIntentName>(
    name: N,
    payload: unknown,
    context: IntentContext,
  ): Promise<DispatchResult<ControlIntentResults[N]>> {
    const result = await this.#dispatch(name, payload, context);
    return result.ok ? result : redactValue(result, this.#redact);
  }

  async #dispatch<N extends ControlIntentName>(
    name: N,
    payload: unknown,
    context: IntentContext,
  ): Promise<DispatchResult<ControlIntentResults[N]>> {
    if (!mayDispatch(context.role, name)) {
      this.#onRejected(context.channel, `${name} refused for role ${context.role}`);
      return refusal(
        'forbidden',
        message('access.forbidden', { intent: name, role: context.role }),
      );
    }
    const schema: z.ZodType = controlIntentSchemas[name];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const result = refusal(
        'invalid',
        message('intent.invalid', { intent: name }, describeZodError(parsed.error)),
      );
      this.#onRejected(context.channel, result.error);
      return result;
    }
    const handler = this.#handlers.get(name);
    if (!handler) {
      return refusal('unavailable', message('intent.unavailable', { intent: name }));
    }
    // Handlers that must not interleave (the moderation queue) are synchronous, so the event
    // loop already runs them one at a time; slow ones (OBS requests) never block the others.
    try {
      const value = (await handler(parsed.data as never, context)) as ControlIntentResults[N];
      const extend = this.#after.get(name);
      if (!extend) return { ok: true, value };
      return { ok: true, value: (await extend(value as never)) as ControlIntentResults[N] };
    } catch (thrown) {
      const error = this.#storageFault(thrown) ?? thrown;
      if (error instanceof UserError) {
        return { ok: false, kind: error.kind, error: error.message, message: error.coded };
      }
      this.#logger.error(`intent ${name} failed`, { error });
      return refusal('internal', message('intent.internal', { intent: name }));
    }
  }
}
