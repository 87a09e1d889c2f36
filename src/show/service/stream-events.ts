// Notes in the current show when OBS's stream and each destination's push go up or down: the
// relay's push start is where a platform's recording begins (chapters), the rest is uptime.
import type { StateHub } from '../../shared/state-hub.js';
import type { ArchiveStore } from '../../store/archive-store.js';
import type { ShowScope } from '../../store/show-store.js';

export function recordStreamEvents(
  hub: StateHub,
  archive: ArchiveStore,
  shows: ShowScope,
): () => void {
  let obsSince: string | null = hub.get('obs').stream.startedAt;
  const destinations = new Map<string, string | null>(
    hub.get('relay').destinations.map((d) => [d.id, d.liveSince]),
  );
  const note = (source: string, name: string, before: string | null, now: string | null): void => {
    // A resync may restate the same stream's start a little differently: only on and off count.
    if ((before === null) === (now === null)) return;
    const at = new Date().toISOString();
    if (before !== null)
      archive.recordStreamEvent(shows.currentId, { source, name, kind: 'down', at });
    if (now !== null)
      archive.recordStreamEvent(shows.currentId, { source, name, kind: 'up', at: now });
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
  });
}
