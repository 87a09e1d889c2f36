// The contract every capability (obs, queue, sources, relay, show, later guests and access)
// fulfils: it owns its service, registers its intents, lists its REST routes, starts and stops.
import type { Logger } from '../shared/logger.js';
import type { StateHub } from '../shared/state-hub.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { StorageMonitor } from '../store/storage-monitor.js';
import type { ShowStore } from '../store/show-store.js';
import type { Database } from 'better-sqlite3';
import type { IntentRegistry } from './intent-registry.js';
import type { Route } from './routes.js';

/** What the core hands every module when it is built. */
export interface ModuleContext {
  hub: StateHub;
  intents: IntentRegistry;
  db: Database;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
  /** The shows; which one is current decides where comments, starts and actions belong. */
  shows: ShowStore;
  /** The core's logger; a module names its own child. */
  logger: Logger;
  dataDir: string;
  /** Counts input refused at an edge, per channel (shown under diagnostics). */
  onRejected: (channel: string, reason: string) => void;
  /** Answers writes that fail for outside reasons (disk full, database locked). */
  storage: StorageMonitor;
}

/** What a module learns once the server answers. */
export interface ModuleRuntime {
  /** Base URL of the core, e.g. http://127.0.0.1:7878/ */
  url: string;
  /** Where links for other people's devices point (the public URL where control may use it). */
  linkUrl: string;
}

export interface CoreModule {
  readonly name: string;
  readonly routes: readonly Route[];
  /** Runs once the server answers, so clients can watch the module come up. */
  start(runtime: ModuleRuntime): Promise<void>;
  /** Stops timers, connections and child processes; called in reverse order of start. */
  stop(): Promise<void>;
}
