// Which peer connections the room asks for: a full mesh among the ready guests and the host,
// receive-only links from guests on stage to stage pages (a feed page only its guest), from
// every guest in the room to every director panel (thumbnails), and guests' states as the
// director panel shows them.
import { describe, expect, it } from 'vitest';
import { Room, type Participant } from '../../src/guests/room.js';

function person(id: string, kind: Participant['kind'] = 'guest', feed: string | null = null) {
  return {
    session: `s-${id}`,
    id,
    kind,
    name: id,
    role: '',
    ready: false,
    feed,
    quality: null,
    connectivity: null,
  };
}

function pairs(room: Room): string[] {
  const seen = new Set<string>();
  for (const [session, links] of room.links()) {
    for (const link of links) {
      const ends = link.send && link.receive ? 'both' : link.send ? 'sends' : 'receives';
      seen.add(`${session} ${ends} ${link.peer.id}${link.offerer ? ' (offers)' : ''}`);
    }
  }
  return [...seen].sort();
}

describe('the room', () => {
  it('meshes four ready guests and the host: ten links, each with one offerer', () => {
    const room = new Room();
    for (const id of ['a', 'b', 'c', 'd', 'host']) {
      room.add(person(id, id === 'host' ? 'host' : 'guest'));
      room.setReady(`s-${id}`, id, '');
    }
    const links = [...room.links().values()].flat();
    expect(links).toHaveLength(20);
    expect(new Set(links.map((l) => l.id)).size).toBe(10);
    expect(links.filter((l) => l.offerer)).toHaveLength(10);
    expect(links.every((l) => l.send && l.receive)).toBe(true);
    // Nobody is linked to themselves.
    for (const [session, own] of room.links()) {
      expect(own.some((l) => `s-${l.peer.id}` === session)).toBe(false);
    }
  });

  it('links a guest only once they are ready, and stage pages only to guests on stage', () => {
    const room = new Room();
    room.add(person('a'));
    room.add(person('b'));
    room.add(person('stage:1', 'stage'));
    room.add(person('stage:2', 'stage', 'b'));
    expect(pairs(room)).toEqual([]);
    expect(room.stage('a', true)).toBe(false);
    expect(room.stateOf('a', true)).toBe('joining');
    room.setReady('s-a', 'Ada', 'Maths');
    room.setReady('s-b', 'Bo', '');
    expect(room.stateOf('a', true)).toBe('green');
    expect(room.stage('a', true)).toBe(true);
    expect(room.stage('b', true)).toBe(true);
    expect(room.stateOf('a', true)).toBe('stage');
    expect(pairs(room)).toEqual([
      's-a both b (offers)',
      's-a sends stage:1 (offers)',
      's-b both a',
      's-b sends stage:1 (offers)',
      's-b sends stage:2 (offers)',
      's-stage:1 receives a',
      's-stage:1 receives b',
      's-stage:2 receives b',
    ]);
    expect(room.setReady('s-stage:1', 'x', '')).toBe(false);
    room.stage('b', false);
    expect(pairs(room).filter((p) => p.includes('stage'))).toEqual([
      's-a sends stage:1 (offers)',
      's-stage:1 receives a',
    ]);
  });

  it('lets a reloaded page replace the old one, and says who left', () => {
    const room = new Room();
    room.add(person('a'));
    const again = { ...person('a'), session: 's-a2' };
    expect(room.add(again)?.session).toBe('s-a');
    expect(room.guestCount()).toBe(1);
    expect(room.peerOn('s-a~s-b', 's-a2')).toBeNull();
    room.setReady('s-a2', 'Ada', '');
    room.stage('a', true);
    room.remove('s-a2');
    expect(room.stateOf('a', true)).toBe('left');
    // Gone, yet holding the place on stage: back and ready, back on stage.
    expect(room.onStage).toEqual(['a']);
    room.add({ ...person('a'), session: 's-a3' });
    room.setReady('s-a3', 'Ada', '');
    expect(room.stateOf('a', true)).toBe('stage');
    room.remove('s-a3');
    expect(room.stateOf('never', true)).toBe('invited');
    room.forget('a');
    expect(room.stateOf('a', false)).toBe('uninvited');
  });

  it('sends every director panel a picture of each guest in the room, from joining on', () => {
    const room = new Room();
    room.add(person('a'));
    room.add(person('b'));
    room.add(person('host', 'host'));
    room.add(person('monitor:1', 'monitor'));
    room.add(person('monitor:2', 'monitor'));
    room.add(person('stage:1', 'stage'));
    // Joining, not ready yet: the panel already sees them (checking their camera).
    expect(pairs(room)).toEqual([
      's-a sends monitor:1 (offers)',
      's-a sends monitor:2 (offers)',
      's-b sends monitor:1 (offers)',
      's-b sends monitor:2 (offers)',
      's-monitor:1 receives a',
      's-monitor:1 receives b',
      's-monitor:2 receives a',
      's-monitor:2 receives b',
    ]);
    room.setReady('s-a', 'Ada', '');
    room.setReady('s-host', 'Pia', '');
    room.stage('a', true);
    const withMonitor = pairs(room).filter((p) => p.includes('monitor'));
    // Ready and on stage changes nothing for the panels; the host sends them nothing.
    expect(withMonitor).toHaveLength(8);
    expect(withMonitor.some((p) => p.includes('host'))).toBe(false);
    // Panels only watch: never "Ready", never in the mesh, never sending, never each other.
    expect(room.setReady('s-monitor:1', 'Mallory', '')).toBe(false);
    const monitorEnds = [...(room.links().get('s-monitor:1') ?? [])];
    expect(monitorEnds.map((l) => [l.peer.id, l.send, l.receive, l.offerer])).toEqual([
      ['a', false, true, false],
      ['b', false, true, false],
    ]);
    expect(room.monitorCount()).toBe(2);
    // A second panel never replaces the first (unlike a reloaded guest or host).
    expect(room.add({ ...person('monitor:1', 'monitor'), session: 's-m3' })).toBeNull();
    // A guest who leaves: no more link to the panels.
    room.remove('s-b');
    expect(pairs(room).filter((p) => p.endsWith(' b') || p.startsWith('s-b '))).toEqual([]);
    expect(pairs(room).filter((p) => p.startsWith('s-monitor:2'))).toEqual([
      's-monitor:2 receives a',
    ]);
  });

  it('gives a guest who gets hold of a monitor session nothing to send it', () => {
    const room = new Room();
    room.add(person('a'));
    room.add(person('monitor:1', 'monitor'));
    const [link] = room.links().get('s-a') ?? [];
    // Signals on the thumbnail link only travel between its two ends.
    expect(room.peerOn(link?.id ?? '', 's-a')?.kind).toBe('monitor');
    expect(room.peerOn(link?.id ?? '', 's-monitor:1')?.id).toBe('a');
    expect(room.peerOn(link?.id ?? '', 's-intruder')).toBeNull();
  });
});
