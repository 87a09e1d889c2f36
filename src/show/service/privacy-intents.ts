// Privacy: after the retention period, viewers' names, handles, avatars and post links leave
// ended shows (the questions stay, anonymous); one person's comments are deleted on request.
// Both are written to the audit log, without the person's name.
import type { IntentRegistry } from '../../core/intent-registry.js';
import { intentRoute, type Route } from '../../core/routes.js';
import type { QueueController } from '../../queue/service/queue-controller.js';
import type { Logger } from '../../shared/logger.js';
import type { AuditLog } from '../../store/audit-log.js';
import type { PrivacyStore } from '../../store/privacy-store.js';
import type { SettingsStore } from '../../store/settings-store.js';

export interface PrivacyDeps {
  privacy: PrivacyStore;
  settings: SettingsStore;
  audit: AuditLog;
  queue: QueueController;
  logger: Logger;
  /** A storage fault for `error` (counted, banner raised), or null for anything else. */
  storageFault?: (error: unknown) => unknown;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Names expire by the day: checking hourly is soon enough. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/** Applies the retention setting now; returns how many comments were made anonymous. */
export function applyRetention(deps: PrivacyDeps, actor: string): number {
  const days = deps.settings.get('privacy.retentionDays');
  if (days === null) return 0;
  const cutoff = new Date(Date.now() - days * DAY_MS).toISOString();
  const done = deps.privacy.anonymizeEndedBefore(cutoff);
  if (done.comments > 0) {
    deps.audit.append({
      actor,
      action: 'privacy:retention',
      target: null,
      detail: { days, ...done },
    });
    deps.logger.info('viewer names removed from ended shows', { days, ...done });
  }
  return done.comments;
}

export function registerPrivacyIntents(intents: IntentRegistry, deps: PrivacyDeps): () => void {
  const { settings, audit, privacy, queue } = deps;
  intents.handle('privacy:setRetention', ({ days }, { actor }) => {
    settings.set('privacy.retentionDays', days);
    audit.append({ actor, action: 'privacy:setRetention', target: null, detail: { days } });
    return { anonymized: applyRetention(deps, actor) };
  });
  intents.handle('privacy:forget', ({ platform, by, author }, { actor }) => {
    const deleted = privacy.forget({
      platform,
      handle: by === 'handle' ? author : null,
      name: by === 'name' ? author : null,
    });
    // The log says that someone's data went, never whose.
    audit.append({
      actor,
      action: 'privacy:forget',
      target: null,
      detail: { platform, by, deleted },
    });
    if (deleted > 0) queue.reload();
    return { deleted };
  });
  // On a timer nobody answers for: a full disk or locked database waits for the next check.
  const check = (): void => {
    try {
      applyRetention(deps, 'retention');
    } catch (error) {
      if (!deps.storageFault?.(error)) throw error;
    }
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  check();
  return () => clearInterval(timer);
}

export function privacyRoutes(intents: IntentRegistry): Route[] {
  return [
    intentRoute(intents, 'PUT', '/api/privacy/retention', 'privacy:setRetention', 'body'),
    intentRoute(intents, 'POST', '/api/privacy/forget', 'privacy:forget', 'body'),
  ];
}
