// The stage's layout, chosen by the producer: a stage page hears it on joining and on each change
// (its links stay as they are), an unknown layout is refused with a code and counted, and the
// choice outlives a core restart.
import { afterAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { RoomLink, RoomStageView } from '../../src/shared/guest-room.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function connect(core: TestCore, auth: Record<string, unknown>): Socket {
  return io(new URL('/guest', core.url).toString(), {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Everything a stage page was told, in order. */
function stagePage(core: TestCore): { socket: Socket; views: RoomStageView[]; links: number } {
  const socket = connect(core, { kind: 'stage', feed: null });
  const seen = { socket, views: [] as RoomStageView[], links: 0 };
  socket.on('room:stage', (view: RoomStageView) => seen.views.push(view));
  socket.on('room:links', () => (seen.links += 1));
  return seen;
}

describe('the stage layout', () => {
  const temp = makeTempDir('panelcast-stage-layout-');
  const sockets: Socket[] = [];
  let core: TestCore | null = null;
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await core?.dispose();
    temp.remove();
  });

  it('reaches the stage page live, refuses unknown layouts and survives a restart', async () => {
    const first = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    core = first;
    expect(first.hub.get('room').layout).toBe('grid');
    const stage = stagePage(first);
    sockets.push(stage.socket);
    await expect.poll(() => stage.views).toEqual([{ layout: 'grid', places: [] }]);

    const changed = await api(first, 'PUT', '/api/room/layout', { body: { layout: 'spotlight' } });
    expect(changed.status).toBe(200);
    await expect.poll(() => stage.views.at(-1)).toEqual({ layout: 'spotlight', places: [] });
    expect(first.hub.get('room').layout).toBe('spotlight');
    // The same layout again tells nobody anything: the page is not disturbed.
    await api(first, 'PUT', '/api/room/layout', { body: { layout: 'spotlight' } });
    const linksBefore = stage.links;

    // Over the control socket as the director panel sends it.
    const control = await connectControl(first.url, { token: first.token });
    sockets.push(control.socket);
    expect(await control.request('guests:layout', { layout: 'row' })).toEqual({ ok: true });
    await expect.poll(() => stage.views.map((v) => v.layout)).toEqual(['grid', 'spotlight', 'row']);
    expect(stage.links).toBe(linksBefore);

    const rejectedBefore = first.hub.get('diagnostics').rejectedInputs.socket ?? 0;
    const refused = (await control.request('guests:layout', { layout: 'mosaic' })) as {
      ok: boolean;
      error: string;
      message: { code: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.message.code).toBe('intent.invalid');
    expect(refused.error).toContain('layout');
    expect(first.hub.get('diagnostics').rejectedInputs.socket).toBe(rejectedBefore + 1);
    const rest = await api(first, 'PUT', '/api/room/layout', { body: { layout: 7 } });
    expect(rest.status).toBe(400);
    expect(first.hub.get('room').layout).toBe('row');
    expect(stage.views.at(-1)).toEqual({ layout: 'row', places: [] });
    await first.dispose();

    const second = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    core = second;
    expect(second.hub.get('room').layout).toBe('row');
    const again = stagePage(second);
    sockets.push(again.socket);
    await expect.poll(() => again.views).toEqual([{ layout: 'row', places: [] }]);
  });

  it('keeps the stage page’s links when the layout changes with guests on stage', async () => {
    const running = core;
    if (!running) throw new Error('no core');
    await api(running, 'PUT', '/api/guests', { body: { guests: [{ name: 'Ada', role: '' }] } });
    const id = running.hub.get('guests')[0]?.id ?? '';
    const link = (await api(running, 'POST', `/api/guests/${id}/invite`)).body as { link: string };
    const guest = connect(running, { kind: 'guest', invite: link.link.split('/join/')[1] ?? '' });
    const stage = connect(running, { kind: 'stage', feed: null });
    sockets.push(guest, stage);
    const stageLinks: RoomLink[][] = [];
    stage.on('room:links', (links: RoomLink[]) => stageLinks.push(links));
    await new Promise((resolve) => guest.once('room:welcome', resolve));
    await guest.emitWithAck('room:ready', { name: 'Ada', role: '' });
    await api(running, 'PUT', `/api/guests/${id}/stage`, { body: { on: true } });
    await expect.poll(() => stageLinks.at(-1)?.map((l) => l.peer.name)).toEqual(['Ada']);
    const told = stageLinks.length;
    const views: RoomStageView[] = [];
    stage.on('room:stage', (view: RoomStageView) => views.push(view));
    await api(running, 'PUT', '/api/room/layout', { body: { layout: 'solo' } });
    await expect
      .poll(() => views)
      .toEqual([{ layout: 'solo', places: [{ id, name: 'Ada', role: '' }] }]);
    expect(stageLinks.length).toBe(told);

    // Ada's connection drops: her link goes, her place stays (the stage shows "reconnecting"
    // there), in the name she said Ready with, until she is taken off stage.
    guest.close();
    await expect.poll(() => stageLinks.at(-1)).toEqual([]);
    expect(views.at(-1)?.places).toEqual([{ id, name: 'Ada', role: '' }]);
    expect(running.hub.get('room').guests[0]?.state).toBe('left');
    await api(running, 'PUT', `/api/guests/${id}/stage`, { body: { on: false } });
    await expect.poll(() => views.at(-1)?.places).toEqual([]);
  });
});
