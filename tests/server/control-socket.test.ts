import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_REJECTED } from '../../src/shared/protocol.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import {
  connectControl,
  connectPublic,
  eventually,
  nextEvent,
  type ControlClient,
} from '../helpers/sockets.js';

describe('socket.io namespaces', () => {
  let core: TestCore;
  const clients: ControlClient[] = [];
  const open = async (name?: string): Promise<ControlClient> => {
    const client = await connectControl(core.url, { token: core.token, ...(name ? { name } : {}) });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    core = await startTestCore();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await core.dispose();
  });

  it('refuses /control without the token, or with a wrong one, giving the reason', async () => {
    await expect(connectControl(core.url, undefined)).rejects.toMatchObject({
      message: TOKEN_REJECTED,
      data: { reason: expect.stringContaining('token is missing or wrong') },
    });
    await expect(connectControl(core.url, { token: 'wrong-token-1234567' })).rejects.toMatchObject({
      message: TOKEN_REJECTED,
    });
  });

  it('sends a snapshot on connect, then only the changed slices to every client', async () => {
    const a = await open('Anna');
    const b = await open('Ben');
    expect(a.snapshot.app.version).toBe(core.version);
    const ack = await a.request('show:setTitle', { title: 'Panel night' });
    expect(ack).toEqual({ ok: true });
    await eventually(() => {
      expect(b.patches.at(-1)?.app?.showTitle).toBe('Panel night');
    });
    const sent = Object.keys(b.patches.at(-1) ?? {});
    expect(sent).toContain('app');
    expect(sent).not.toContain('obs');
    expect(sent).not.toContain('queue');
    const state = (await a.request('state:get', {})) as {
      ok: true;
      state: { app: { showTitle: string } };
    };
    expect(state.state.app.showTitle).toBe('Panel night');
  });

  it('answers malformed payloads with an error ack and keeps serving', async () => {
    const client = await open();
    const cases: unknown[][] = [
      ['show:setTitle', { title: 42 }],
      ['show:setTitle', 'not an object'],
      ['show:setTitle', null],
      ['show:setTitle', { title: 'ok', extra: 1 }],
      ['show:setTitle'],
      ['no:such-event', {}],
      ['__proto__', {}],
    ];
    for (const args of cases) {
      const [event, ...rest] = args as [string, ...unknown[]];
      const ack = (await client.request(event, ...rest)) as { ok: boolean; error: string };
      expect(ack.ok, JSON.stringify(args)).toBe(false);
      expect(ack.error.length, JSON.stringify(args)).toBeGreaterThan(10);
    }
    // An event without an ack callback must not hurt either.
    client.socket.emit('show:setTitle', { title: 7 });
    client.socket.emit('show:setTitle');
    // Still alive and answering, on the same connection and for new ones.
    expect(await client.request('state:get', {})).toMatchObject({ ok: true });
    const fresh = await open();
    expect(fresh.snapshot.app).toBeDefined();
    expect((await api(core, 'GET', '/api/health', { token: null })).status).toBe(200);
    const diag = (
      (await client.request('state:get', {})) as {
        state: { diagnostics: { rejectedInputs: Record<string, number> } };
      }
    ).state.diagnostics;
    expect(diag.rejectedInputs.socket).toBeGreaterThanOrEqual(cases.length);
  });

  it('drops a client that sends an oversized message and keeps serving the others', async () => {
    const victim = await open();
    const bystander = await open();
    const closed = nextEvent(victim.socket, 'disconnect');
    victim.socket.emit('show:setTitle', { title: 'x'.repeat(100_000) });
    await closed;
    expect(await bystander.request('state:get', {})).toMatchObject({ ok: true });
  });

  it('gives the public /overlay and /audience pages the show state without a token', async () => {
    const overlay = connectPublic(core.url, '/overlay');
    const audience = connectPublic(core.url, '/audience');
    try {
      const o = await nextEvent<{ showTitle: string }>(overlay, 'overlay:state');
      const a = await nextEvent<{ showTitle: string }>(audience, 'audience:state');
      expect(o.showTitle).toBe(a.showTitle);
      // Control intents are not accepted there.
      const ack = (await overlay
        .timeout(2000)
        .emitWithAck('show:setTitle', { title: 'hijack' })) as {
        ok: boolean;
      };
      expect(ack.ok).toBe(false);
      const state = (await api(core, 'GET', '/api/state')).body as { app: { showTitle: string } };
      expect(state.app.showTitle).not.toBe('hijack');
    } finally {
      overlay.close();
      audience.close();
    }
  });
});
