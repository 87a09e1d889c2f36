// The stage page's tiles: one per place on stage in the order guests came on; a guest whose
// connection dropped keeps their place as a "reconnecting" tile, so the others do not move.
import { describe, expect, it } from 'vitest';
import type { RoomLink } from '../../src/shared/guest-room.js';
import { placeTiles, type LinkMedia } from '../../renderer/src/stage/stage-places.js';

const media = (id: string, name: string, interrupted = false): LinkMedia<{ id: string }> => {
  const link: RoomLink = {
    id: `link-${id}`,
    peer: { id, kind: 'guest', name, role: '' },
    offerer: false,
    send: false,
    receive: true,
  };
  return { link, stream: { id: `stream-${id}` }, interrupted };
};

const place = (id: string, name: string) => ({ id, name, role: 'Panel' });

describe('placeTiles', () => {
  it('keeps a dropped guest’s place as a reconnecting tile, in the order they came on', () => {
    const tiles = placeTiles(
      [media('grace', 'Grace'), media('kat', 'Katherine')],
      [place('ada', 'Ada'), place('grace', 'Grace'), place('kat', 'Katherine')],
    );
    expect(tiles.map((t) => [t.name, t.interrupted, t.stream === null])).toEqual([
      ['Ada', true, true],
      ['Grace', false, false],
      ['Katherine', false, false],
    ]);
    expect(tiles[0]?.key).toBe('away:ada');
  });

  it('shows a link whose place has not arrived yet, and the links alone before any place', () => {
    expect(placeTiles([media('ada', 'Ada')], []).map((t) => t.name)).toEqual(['Ada']);
    expect(placeTiles([media('ada', 'Ada', true)], null)).toMatchObject([
      { key: 'link-ada', name: 'Ada', interrupted: true },
    ]);
  });
});
