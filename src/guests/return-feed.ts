// What a guest's page shows beside the others' pictures: who is on stage, the question on air,
// the running segment and when it should end, and the producer's last cue for them. Pure.
import type { RoomFeed } from '../shared/guest-room.js';
import type { ShowState } from '../shared/state.js';

export function returnFeed(
  show: Pick<ShowState, 'queue' | 'rundown'>,
  onStage: string[],
  cue: RoomFeed['cue'],
  talk: RoomFeed['talk'],
): RoomFeed {
  const { onAir } = show.queue;
  const { segments, index, startedAt } = show.rundown;
  const segment = index >= 0 ? segments[index] : undefined;
  const endsAt =
    segment && startedAt !== null
      ? new Date(Date.parse(startedAt) + segment.plannedSec * 1000).toISOString()
      : null;
  return {
    onStage,
    onAir: onAir ? { text: onAir.text, author: onAir.author.name } : null,
    segment: segment ? { title: segment.title, endsAt } : null,
    cue,
    talk,
  };
}
