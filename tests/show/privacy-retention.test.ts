// The hourly retention check runs on a timer nobody answers for: a locked database or a full
// disk at that moment must not end the core; the check simply runs again the next hour.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntentRegistry } from '../../src/core/intent-registry.js';
import type { QueueController } from '../../src/queue/service/queue-controller.js';
import { silentLogger } from '../../src/shared/logger.js';
import { registerPrivacyIntents } from '../../src/show/service/privacy-intents.js';
import type { AuditLog } from '../../src/store/audit-log.js';
import type { PrivacyStore } from '../../src/store/privacy-store.js';
import type { SettingsStore } from '../../src/store/settings-store.js';
import { storageFaultKind } from '../../src/store/storage-fault.js';

/** What better-sqlite3 throws when another program holds the write lock. */
const locked = (): Error => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('retention check and storage faults', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('skips a check that meets a locked database, counts it, and runs again an hour later', () => {
    vi.useFakeTimers();
    let lockedNow = true;
    const anonymized: string[] = [];
    const privacy = {
      anonymizeEndedBefore: (cutoff: string) => {
        if (lockedNow) throw locked();
        anonymized.push(cutoff);
        return { shows: [1], comments: 4 };
      },
    } as unknown as PrivacyStore;
    const faults: string[] = [];
    const audit = { append: vi.fn() };
    const stop = registerPrivacyIntents(
      new IntentRegistry({ logger: silentLogger, onRejected: () => undefined, redact: (t) => t }),
      {
        privacy,
        settings: { get: () => 30 } as unknown as SettingsStore,
        audit: audit as unknown as AuditLog,
        queue: {} as unknown as QueueController,
        logger: silentLogger,
        storageFault: (error) => {
          const kind = storageFaultKind(error);
          if (kind !== null) faults.push(kind);
          return kind;
        },
      },
    );
    try {
      expect(faults).toEqual(['busy']);
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(faults).toEqual(['busy', 'busy']);
      lockedNow = false;
      vi.advanceTimersByTime(60 * 60 * 1000);
      expect(anonymized).toHaveLength(1);
      expect(audit.append).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'privacy:retention' }),
      );
    } finally {
      stop();
    }
  });
});
