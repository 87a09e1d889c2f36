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
import type { SettingsStore } from '../store/settings-store.js';
import type { CommentSource, SourceContext } from './source.js';
import type { SourceManager } from './source-manager.js';

/** What a source gets to start and stop itself under its own id and status line. */
export interface SourceRunner {
  run(create: (context: SourceContext) => CommentSource): Promise<void>;
  stop(): Promise<void>;
}

export interface SourceDefinition<S extends z.ZodObject = z.ZodObject> {
  id: string;
  label: Labels;
  settings: S;
  /** A label for every field of `settings`. */
  fields: Record<keyof z.output<S> & string, Labels>;
  /** Starts the source with these settings (or stops it, when they say it is off). */
  apply(settings: z.output<S>, runner: SourceRunner): Promise<void>;
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
      await definition.apply(parsed.data, this.#runner(definition));
  }

  async configure(id: string, raw: Record<string, unknown>, actor: string): Promise<void> {
    const definition = this.#sources.get(id);
    if (!definition) throw new UserError('not_found', message('sources.unknown', { source: id }));
    const parsed = definition.settings.safeParse(raw);
    if (!parsed.success) {
      throw new UserError(
        'invalid',
        message('sources.invalid_settings', { source: id }, describeZodError(parsed.error)),
      );
    }
    const all = this.#deps.settings.get('sources.registered');
    this.#deps.settings.set('sources.registered', { ...all, [id]: parsed.data });
    this.#deps.audit.append({
      actor,
      action: 'sources:configure',
      target: id,
      detail: parsed.data,
    });
    await definition.apply(parsed.data, this.#runner(definition));
    this.publish();
  }

  /** Starts or stops a registered source again with its saved settings (the show changed). */
  async reapply(id: string): Promise<void> {
    const definition = this.#sources.get(id);
    if (!definition) return;
    const parsed = definition.settings.safeParse(this.#deps.settings.get('sources.registered')[id]);
    if (parsed.success) await definition.apply(parsed.data, this.#runner(definition));
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
      })),
      ...[...this.#sources.values()].map((s) => ({
        id: s.id,
        label: s.label,
        schema: jsonSchema(s.settings),
        fields: s.fields,
        custom: false,
        saved: saved[s.id] ?? null,
      })),
    ];
  }

  publish(): void {
    this.#deps.hub.set('sourceForms', this.forms());
  }

  #runner(definition: SourceDefinition): SourceRunner {
    const { manager } = this.#deps;
    return {
      run: (create) =>
        this.#deps.chosen(definition.id)
          ? manager.run(definition.id, definition.id, definition.label.en, create)
          : manager.remove(definition.id),
      stop: () => manager.remove(definition.id),
    };
  }
}
