// Every comment source the core knows, described at run time: its settings schema, its labels
// and how it starts. Adding a platform is one adapter file plus one register() call; the form
// description it yields is what the Settings view renders.
import { z } from 'zod';
import { CONNECT_SITES, type ConnectPlatform } from '../shared/connect.js';
import { UserError } from '../shared/errors.js';
import { message, type Message, type MessageCode } from '../shared/messages/message.js';
import type { Logger } from '../shared/logger.js';
import type { Labels, SourceAccount, SourceForm } from '../shared/source-forms.js';
import type { StateHub } from '../shared/state-hub.js';
import { describeZodError } from '../shared/validation.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import { AccountTokens, type UsableToken } from './account-tokens.js';
import type { ConnectedAccounts } from './connected-accounts.js';
import type { CommentSource, SourceContext } from './source.js';
import type { SourceManager } from './source-manager.js';

export type { SourceToken, UsableToken } from './account-tokens.js';

/** What a source gets to start and stop itself under its own id and status line. */
export interface SourceRunner {
  run(create: (context: SourceContext) => CommentSource): Promise<void>;
  /** Shows the source as stopped with `said` as the reason (an account to connect again). */
  halt(said: Message): Promise<void>;
  stop(): Promise<void>;
}

/** A token the source needs: stored encrypted, bound to the hosts it may be sent to. */
export interface SourceSecret<T> {
  /** Its name in the secret store. */
  name: string;
  /** The word messages use for it ("facebook_token"). */
  what: string;
  label: Labels;
  /** The hosts it may reach with these settings. */
  hosts(settings: T): string[];
  /** The source also runs without it (Twitch reads anonymously over IRC). */
  optional?: boolean;
  /**
   * The connected account (Settings → Connected accounts) whose token is used before this one;
   * `refused` names the source's statuses that mean the platform refused the token.
   */
  account: { platform: ConnectPlatform; refused: readonly MessageCode[] } | null;
}

export interface SourceDefinition<S extends z.ZodObject = z.ZodObject> {
  id: string;
  label: Labels;
  settings: S;
  /** A label for every field of `settings`. */
  fields: Record<keyof z.output<S> & string, Labels>;
  /** What the user needs (app, permissions, account) and what the platform does not allow. */
  help?: Labels;
  secret?: SourceSecret<z.output<S>>;
  /** A settings field that points the platform at another server: only with test hooks on. */
  testHook?: { field: keyof z.output<S> & string; word: string };
  /**
   * Starts the source with these settings (or stops it, when they say it is off); `token` is the
   * connected account's token, else the saved secret, where it may go to these settings' hosts.
   */
  apply(settings: z.output<S>, runner: SourceRunner, token: UsableToken): Promise<void>;
}

/** A source whose form is still hand-made; listed so the UI and the API know it. */
export interface CustomSource {
  id: string;
  label: Labels;
  settings: z.ZodObject;
  fields: Record<string, Labels>;
  saved: () => Record<string, unknown>;
}

export interface SourceRegistryDeps {
  hub: StateHub;
  manager: SourceManager;
  settings: SettingsStore;
  audit: AuditLog;
  /** Whether the current show uses this source; one it does not use is stopped, not run. */
  chosen: (id: string) => boolean;
  secrets: SecretStore;
  /** PANELCAST_TEST_HOOKS=1: platform addresses may be pointed at fakes. */
  testHooks: boolean;
  /** The producer's connected accounts, whose tokens come before a pasted one. */
  accounts: ConnectedAccounts;
  logger: Logger;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  delete json.$schema;
  return json;
}

export class SourceRegistry {
  readonly #deps: SourceRegistryDeps;
  readonly #sources = new Map<string, SourceDefinition>();
  readonly #custom = new Map<string, CustomSource>();
  /** Applies per source so far: a runner of an older one does nothing (it waited for a client). */
  readonly #applies = new Map<string, number>();
  readonly #tokens: AccountTokens;

  constructor(deps: SourceRegistryDeps) {
    this.#deps = deps;
    this.#tokens = new AccountTokens(deps.accounts, deps.secrets);
  }

  /**
   * Restarts a source whose token changes hands (an account connected, revoked or run out);
   * a renewed token needs no restart, as sources read it before each request. Returns the stop.
   */
  followAccounts(): () => void {
    return this.#deps.accounts.onChange((platform) => {
      this.publish();
      for (const definition of this.#sources.values()) {
        if (definition.secret?.account?.platform !== platform) continue;
        const settings = this.#saved(definition);
        if (settings !== null && this.#tokens.changed(definition, settings)) {
          this.#apply(definition, settings, false).catch((error: unknown) =>
            this.#deps.logger.error('restarting a source for its account failed', { error }),
          );
        }
      }
    });
  }

  #saved(definition: SourceDefinition): Record<string, unknown> | null {
    const parsed = definition.settings.safeParse(
      this.#deps.settings.get('sources.registered')[definition.id],
    );
    return parsed.success ? parsed.data : null;
  }

  /**
   * Applies settings with the token that goes with them; a lost account halts with its words.
   * `retried`: after the platform refused a token that was then renewed.
   */
  async #apply(
    definition: SourceDefinition,
    settings: Record<string, unknown>,
    retried: boolean,
  ): Promise<void> {
    const token = this.#tokens.pick(definition, settings);
    this.#tokens.applied(definition.id, token, retried);
    const lost = token.from === 'lost' && settings.enabled === true ? token.said : null;
    const runner = this.#runner(definition, lost);
    // A source that also runs without a token (Twitch over IRC) reads on and says both.
    if (lost && definition.secret?.optional !== true) return runner.halt(lost);
    await definition.apply(settings, runner, token.from === 'lost' ? { from: 'none' } : token);
  }

  /**
   * The platform refused the connected account's token: renew it and start again once; when it
   * cannot be renewed, the account's status (revoked, run out) or the refusal is what shows.
   */
  async #refused(
    definition: SourceDefinition,
    said: Message,
    context: SourceContext,
  ): Promise<void> {
    const account = definition.secret?.account;
    const running = this.#tokens.runningOnAccount(definition.id);
    const settings = this.#saved(definition);
    if (!account || running === null || settings === null) return context.status('error', said);
    const site = CONNECT_SITES[account.platform];
    const refusedOutright = message('sources.account_refused', { site }, said.details);
    // Restarted with a renewed token that was refused in turn: renewing again would go round.
    if (running.retried) return context.status('error', refusedOutright);
    context.status('reconnecting', message('sources.account_renewing', { site }));
    await this.#deps.accounts.renew(account.platform);
    const now = this.#tokens.pick(definition, settings);
    if (now.from === 'account' && now.token() !== running.token) {
      return this.#apply(definition, settings, true);
    }
    if (now.from === 'account') return context.status('error', refusedOutright);
    // Revoked, run out or disconnected: the account's change has (or now) restarted it.
    if (this.#tokens.changed(definition, settings)) await this.#apply(definition, settings, false);
  }

  /** The source's context, where a refusal of a connected account's token renews it first. */
  #watched(definition: SourceDefinition, context: SourceContext): SourceContext {
    const refused = definition.secret?.account?.refused ?? [];
    return {
      ...context,
      status: (state, said, retryAt) => {
        if (state === 'error' && refused.includes(said.code)) {
          this.#refused(definition, said, context).catch((error: unknown) => {
            this.#deps.logger.error('renewing a refused account token failed', { error });
            context.status('error', said);
          });
        } else {
          if (state === 'connected') this.#tokens.accepted(definition.id);
          context.status(state, said, retryAt);
        }
      },
    };
  }

  /** Lists a hand-made source (X, YouTube, the audience page) with its form description. */
  describe(source: CustomSource): void {
    this.#custom.set(source.id, source);
    this.publish();
  }

  /** Adds a source; its saved settings, if any, start it at once. */
  async register<S extends z.ZodObject>(definition: SourceDefinition<S>): Promise<void> {
    if (this.#sources.has(definition.id) || this.#custom.has(definition.id)) {
      throw new Error(`source ${definition.id} is already registered`);
    }
    this.#sources.set(definition.id, definition);
    this.publish();
    const saved = this.#deps.settings.get('sources.registered')[definition.id];
    const parsed = definition.settings.safeParse(saved);
    if (saved !== undefined && parsed.success) await this.#apply(definition, parsed.data, false);
  }

  /** Saves a registered source's settings (and its secret, when typed) and (re)starts it. */
  async configure(
    id: string,
    raw: Record<string, unknown>,
    actor: string,
    secret?: string,
  ): Promise<void> {
    const definition = this.#sources.get(id);
    if (!definition) throw new UserError('not_found', message('sources.unknown', { source: id }));
    const parsed = definition.settings.safeParse(raw);
    if (!parsed.success) {
      throw new UserError(
        'invalid',
        message('sources.invalid_settings', { source: id }, describeZodError(parsed.error)),
      );
    }
    const settings = parsed.data;
    this.#refuseTestHook(definition, settings);
    if (definition.secret) await this.#saveSecret(definition, settings, secret);
    const all = this.#deps.settings.get('sources.registered');
    this.#deps.settings.set('sources.registered', { ...all, [id]: settings });
    this.#deps.audit.append({
      actor,
      action: 'sources:configure',
      target: id,
      detail: {
        ...settings,
        ...(definition.secret ? { secretChanged: secret !== undefined } : {}),
      },
    });
    await this.#apply(definition, settings, false);
    this.publish();
  }

  /** Starts or stops a registered source again with its saved settings (the show changed). */
  async reapply(id: string): Promise<void> {
    const definition = this.#sources.get(id);
    if (!definition) return;
    const settings = this.#saved(definition);
    if (settings !== null) await this.#apply(definition, settings, false);
  }

  #refuseTestHook(definition: SourceDefinition, settings: Record<string, unknown>): void {
    const hook = definition.testHook;
    const value = hook ? settings[hook.field] : undefined;
    if (hook && value !== undefined && value !== null && !this.#deps.testHooks) {
      throw new UserError('invalid', message('secrets.test_hooks_off', { field: hook.word }));
    }
  }

  /** Stores a typed secret for these settings' hosts; a changed address may clear the old one. */
  async #saveSecret(
    definition: SourceDefinition,
    settings: Record<string, unknown>,
    typed: string | undefined,
  ): Promise<void> {
    const spec = definition.secret;
    if (!spec) return;
    const { secrets, manager } = this.#deps;
    const previous = definition.settings.safeParse(
      this.#deps.settings.get('sources.registered')[definition.id],
    );
    try {
      secrets.saveFor({
        name: spec.name,
        typed,
        hosts: spec.hosts(settings),
        previous: spec.hosts(previous.success ? previous.data : settings),
        what: spec.what,
      });
    } finally {
      this.publish();
      if (!secrets.has(spec.name)) await manager.remove(definition.id);
    }
    const connected = this.#tokens.pick(definition, settings).from === 'account';
    if (
      settings.enabled === true &&
      spec.optional !== true &&
      !secrets.has(spec.name) &&
      !connected
    ) {
      throw new UserError(
        'invalid',
        message('sources.secret_missing', { source: definition.label.en, what: spec.what }),
      );
    }
  }

  forms(): SourceForm[] {
    const saved = this.#deps.settings.get('sources.registered');
    return [
      ...[...this.#custom.values()].map((s) => ({
        id: s.id,
        label: s.label,
        schema: jsonSchema(s.settings),
        fields: s.fields,
        custom: true,
        saved: s.saved(),
        help: null,
        secret: null,
        testHook: null,
      })),
      ...[...this.#sources.values()].map((s) => ({
        id: s.id,
        label: s.label,
        schema: jsonSchema(s.settings),
        fields: s.fields,
        custom: false,
        saved: saved[s.id] ?? null,
        help: s.help ?? null,
        secret: s.secret
          ? {
              label: s.secret.label,
              saved: this.#deps.secrets.has(s.secret.name),
              account: this.#accountFeeding(s),
            }
          : null,
        testHook: s.testHook?.field ?? null,
      })),
    ];
  }

  publish(): void {
    this.#deps.hub.set('sourceForms', this.forms());
  }

  /** The connected account whose token this source uses before a pasted one, and its state. */
  #accountFeeding(definition: SourceDefinition): SourceAccount | null {
    const spec = definition.secret;
    const platform = spec?.account?.platform;
    if (!spec || !platform) return null;
    const settings = this.#saved(definition);
    const { state } = this.#deps.accounts.token(platform, settings ? spec.hosts(settings) : []);
    return state === 'none' ? null : { platform, state };
  }

  /**
   * The runner of one apply; once a newer apply has begun, it neither starts nor stops.
   * `lost`: the account the source would use is gone; its "connected" line says so too.
   */
  #runner(definition: SourceDefinition, lost: Message | null): SourceRunner {
    const { manager } = this.#deps;
    const { id } = definition;
    const turn = (this.#applies.get(id) ?? 0) + 1;
    this.#applies.set(id, turn);
    const newest = (): boolean => this.#applies.get(id) === turn;
    const run = async (create: (context: SourceContext) => CommentSource): Promise<void> => {
      if (!newest()) return;
      if (!this.#deps.chosen(id)) return manager.remove(id);
      await manager.run(id, id, definition.label.en, (context) =>
        create(this.#watched(definition, lost === null ? context : noting(context, lost))),
      );
    };
    return {
      run,
      halt: (said) => run((context) => halted(context, said)),
      stop: async () => {
        if (newest()) await manager.remove(id);
      },
    };
  }
}

/** A source's context whose "connected" line also says what happened to the account. */
function noting(context: SourceContext, lost: Message): SourceContext {
  return {
    ...context,
    status: (state, said, retryAt) =>
      state === 'connected'
        ? context.status(state, message('sources.account_lost_meanwhile', { lost, reading: said }))
        : context.status(state, said, retryAt),
  };
}

/** A source that cannot run, and says why in its status line. */
function halted(context: SourceContext, said: Message): CommentSource {
  return { start: () => context.status('error', said), stop: () => Promise.resolve() };
}
