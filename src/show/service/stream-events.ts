// Notes in the current show when OBS's stream and each destination's push go up or down: the
// relay's push start is where a platform's recording begins (chapters), the rest is uptime.
// A note that cannot be saved (disk full, database locked) waits and is saved once writes work:
// it is written from inside a state change, where a throw would reach OBS's or the relay's
// event handler.
import type { StateHub } from '../../shared/state-hub.js';
import type { ArchiveStore, StreamEvent } from '../../store/archive-store.js';
import type { ShowScope } from '../../store/show-store.js';

/** A storage fault for `error` (counted, banner raised), or null for anything else. */
export type StorageFaultCheck = (error: unknown) => unknown;

export function recordStreamEvents(
  hub: StateHub,
  archive: ArchiveStore,
  shows: ShowScope,
  storageFault: StorageFaultCheck = () => null,
): () => void {
  let obsSince: string | null = hub.get('obs').stream.startedAt;
  const destinations = new Map<string, string | null>(
    hub.get('relay').destinations.map((d) => [d.id, d.liveSince]),
  );
  const waiting: { showId: number; event: StreamEvent }[] = [];
  // A failed write raises the banner, itself a state change: no second try from inside it.
  let flushing = false;
  const flush = (): void => {
    if (flushing) return;
    flushing = true;
    try {
      for (let next = waiting[0]; next; next = waiting[0]) {
        archive.recordStreamEvent(next.showId, next.event);
        waiting.shift();
      }
    } catch (error) {
      if (!storageFault(error)) throw error;
      // Tried again with the next change of the stream or of the banner (it clears).
    } finally {
      flushing = false;
    }
  };
  const note = (source: string, name: string, before: string | null, now: string | null): void => {
    // A resync may restate the same stream's start a little differently: only on and off count.
    if ((before === null) === (now === null)) return;
    const at = new Date().toISOString();
    const showId = shows.currentId;
    if (before !== null) waiting.push({ showId, event: { source, name, kind: 'down', at } });
    if (now !== null) waiting.push({ showId, event: { source, name, kind: 'up', at: now } });
  };
  return hub.subscribe((slice) => {
    if (slice === 'obs') {
      const startedAt = hub.get('obs').stream.startedAt;
      note('obs', 'OBS', obsSince, startedAt);
      if ((obsSince === null) !== (startedAt === null)) obsSince = startedAt;
    } else if (slice === 'relay') {
      for (const d of hub.get('relay').destinations) {
        const before = destinations.get(d.id) ?? null;
        note(d.id, d.name, before, d.liveSince);
        if ((before === null) !== (d.liveSince === null)) destinations.set(d.id, d.liveSince);
      }
    }
    if (slice === 'obs' || slice === 'relay' || slice === 'diagnostics') flush();
  });
}
