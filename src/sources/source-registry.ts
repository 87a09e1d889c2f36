// Every comment source the core knows, described at run time: its settings schema, its labels
// and how it starts. Adding a platform is one adapter file plus one register() call; the form
// description it yields is what the Settings view renders.
import { z } from 'zod';
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';
import type { Labels, SourceForm } from '../shared/source-forms.js';
import type { StateHub } from '../shared/state-hub.js';
import { describeZodError } from '../shared/validation.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { CommentSource, SourceContext } from './source.js';
import type { SourceManager } from './source-manager.js';

/** What a source gets to start and stop itself under its own id and status line. */
export interface SourceRunner {
  run(create: (context: SourceContext) => CommentSource): Promise<void>;
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
   * Starts the source with these settings (or stops it, when they say it is off); `secret` is
   * the saved secret where it may go to these settings' hosts, else null.
   */
  apply(settings: z.output<S>, runner: SourceRunner, secret: string | null): Promise<void>;
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

  constructor(deps: SourceRegistryDeps) {
    this.#deps = deps;
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
    if (saved !== undefined && parsed.success)
      await definition.apply(
        parsed.data,
        this.#runner(definition),
        this.#secret(definition, parsed.data),
      );
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
    await definition.apply(settings, this.#runner(definition), this.#secret(definition, settings));
    this.publish();
  }

  /** Starts or stops a registered source again with its saved settings (the show changed). */
  async reapply(id: string): Promise<void> {
    const definition = this.#sources.get(id);
    if (!definition) return;
    const parsed = definition.settings.safeParse(this.#deps.settings.get('sources.registered')[id]);
    if (parsed.success) {
      await definition.apply(
        parsed.data,
        this.#runner(definition),
        this.#secret(definition, parsed.data),
      );
    }
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
    if (settings.enabled === true && spec.optional !== true && !secrets.has(spec.name)) {
      throw new UserError(
        'invalid',
        message('sources.secret_missing', { source: definition.label.en, what: spec.what }),
      );
    }
  }

  #secret(definition: SourceDefinition, settings: Record<string, unknown>): string | null {
    const spec = definition.secret;
    return spec ? this.#deps.secrets.getFor(spec.name, spec.hosts(settings)) : null;
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
          ? { label: s.secret.label, saved: this.#deps.secrets.has(s.secret.name) }
          : null,
        testHook: s.testHook?.field ?? null,
      })),
    ];
  }

  publish(): void {
    this.#deps.hub.set('sourceForms', this.forms());
  }

  /** The runner of one apply; once a newer apply has begun, it neither starts nor stops. */
  #runner(definition: SourceDefinition): SourceRunner {
    const { manager } = this.#deps;
    const { id } = definition;
    const turn = (this.#applies.get(id) ?? 0) + 1;
    this.#applies.set(id, turn);
    const newest = () => this.#applies.get(id) === turn;
    return {
      run: async (create) => {
        if (!newest()) return;
        if (this.#deps.chosen(id)) await manager.run(id, id, definition.label.en, create);
        else await manager.remove(id);
      },
      stop: async () => {
        if (newest()) await manager.remove(id);
      },
    };
  }
}
