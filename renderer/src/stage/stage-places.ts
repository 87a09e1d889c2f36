// The tiles of a stage page: one per guest holding a place on stage, in the order they came on.
// A guest whose connection dropped keeps their place as a calm "reconnecting" tile until they
// are back (on a new link) or taken off stage, so the other tiles do not jump around.
import type { RoomLink, StagePlace } from '../../../src/shared/guest-room.js';

/** A link's media as the room's peers hold it (S: the browser's MediaStream). */
export interface LinkMedia<S> {
  link: RoomLink;
  stream: S;
  interrupted: boolean;
}

export interface StageTile<S> {
  key: string;
  stream: S | null;
  name: string;
  role: string;
  /** Connection lost for now: the tile says so over its (empty or last) picture. */
  interrupted: boolean;
}

const fromLink = <S>({ link, stream, interrupted }: LinkMedia<S>): StageTile<S> => ({
  key: link.id,
  stream,
  name: link.peer.name,
  role: link.peer.role,
  interrupted,
});

/** `places`: null before the core has said (the links alone then). */
export function placeTiles<S>(remote: LinkMedia<S>[], places: StagePlace[] | null): StageTile<S>[] {
  if (places === null) return remote.map(fromLink);
  const placed = places.map((place): StageTile<S> => {
    const media = remote.find((r) => r.link.peer.id === place.id);
    if (media) return fromLink(media);
    return { key: `away:${place.id}`, stream: null, ...place, interrupted: true };
  });
  // A link the places do not know yet (they follow a moment later) is still shown.
  const extra = remote.filter((r) => !places.some((p) => p.id === r.link.peer.id));
  return [...placed, ...extra.map(fromLink)];
}
