// How a comment source's settings look in the Settings view, described at run time: the core
// sends each registered source's JSON Schema with German and English labels, and the UI builds
// the form from it, so a new platform needs no UI change.

export interface Labels {
  en: string;
  de: string;
}

/** A connected account that feeds a source, as its settings form shows it. */
export interface SourceAccount {
  platform: string;
  state: 'connected' | 'revoked' | 'expired';
}

export interface SourceForm {
  /** The registry id, e.g. "x" or "mastodon". */
  id: string;
  label: Labels;
  /** JSON Schema (from zod) of the settings object the source takes. */
  schema: Record<string, unknown>;
  /** A label for every top-level field of the schema. */
  fields: Record<string, Labels>;
  /** True for the sources whose form is still hand-made (they take secrets). */
  custom: boolean;
  /** The settings saved last, for the form's initial values (never secrets). */
  saved: Record<string, unknown> | null;
  /** What the user needs for this source, and what the platform does not allow. */
  help: Labels | null;
  /**
   * The secret (token) it takes: typed into a password field, never sent back. `account`: the
   * connected account (Settings → Connected accounts) whose token goes first, and its state;
   * null when none is connected for this platform.
   */
  secret: {
    label: Labels;
    saved: boolean;
    account: SourceAccount | null;
  } | null;
  /** A field that points the platform at a test server: shown only when it is set. */
  testHook: string | null;
}
