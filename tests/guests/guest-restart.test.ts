// A core restart during the show: the guests' links still work and a guest who was on stage goes
// back there as soon as their page is ready again (their page reconnects and says Ready itself).
import { afterAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { RoomLink, RoomWelcome } from '../../src/shared/guest-room.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function connect(core: TestCore, auth: Record<string, unknown>): Socket {
  return io(new URL('/guest', core.url).toString(), {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

const welcomed = (socket: Socket): Promise<RoomWelcome> =>
  new Promise((resolve, reject) => {
    socket.once('room:welcome', resolve);
    socket.once('connect_error', (error) => reject(new Error(error.message)));
  });

describe('the guest room across a core restart', () => {
  const temp = makeTempDir('panelcast-room-restart-');
  const sockets: Socket[] = [];
  let core: TestCore | null = null;
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await core?.dispose();
    temp.remove();
  });

  it('keeps invites and places on stage', async () => {
    core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    await api(core, 'PUT', '/api/guests', { body: { guests: [{ name: 'Ada', role: 'Maths' }] } });
    const id = core.hub.get('guests')[0]?.id ?? '';
    const link = (await api(core, 'POST', `/api/guests/${id}/invite`)).body as { link: string };
    const invite = link.link.split('/join/')[1] ?? '';
    const before = connect(core, { kind: 'guest', invite });
    sockets.push(before);
    await welcomed(before);
    await before.emitWithAck('room:ready', { name: 'Ada', role: 'Maths' });
    expect((await api(core, 'PUT', `/api/guests/${id}/stage`, { body: { on: true } })).status).toBe(
      200,
    );
    await core.dispose();

    core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    expect(core.hub.get('room').onStage).toEqual([id]);
    const restarted = core;
    const stage = connect(restarted, { kind: 'stage', feed: null });
    const after = connect(restarted, { kind: 'guest', invite });
    sockets.push(stage, after);
    const links: RoomLink[][] = [];
    stage.on('room:links', (next: RoomLink[]) => links.push(next));
    await Promise.all([welcomed(stage), welcomed(after)]);
    expect(restarted.hub.get('room').guests[0]?.state).toBe('joining');
    await after.emitWithAck('room:ready', { name: 'Ada', role: 'Maths' });
    await expect.poll(() => restarted.hub.get('room').guests[0]?.state).toBe('stage');
    await expect.poll(() => links.at(-1)?.map((l) => l.peer.name)).toEqual(['Ada']);
  });
});
