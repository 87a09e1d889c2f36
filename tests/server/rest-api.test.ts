import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowState } from '../../src/shared/state.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

describe('REST control API', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await startTestCore();
  });
  afterAll(() => core.dispose());

  it('answers /api/health without a token', async () => {
    const res = await api(core, 'GET', '/api/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: core.version });
  });

  it('refuses /api/state without the token, or with a wrong one, with 401 and a reason', async () => {
    const missing = await api(core, 'GET', '/api/state', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await api(core, 'GET', '/api/state', { token: 'not-the-token-123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: expect.stringContaining('token is wrong') });
  });

  it('returns the show snapshot with the token: OBS status, sources, queue counts', async () => {
    const res = await api(core, 'GET', '/api/state');
    expect(res.status).toBe(200);
    const state = res.body as ShowState;
    expect(state.obs).toMatchObject({
      status: 'not_configured',
      streaming: false,
      recording: false,
      scenes: [],
    });
    // The audience page is Panelcast's own source and open by default.
    expect(state.sources).toEqual([
      expect.objectContaining({
        id: 'audience',
        state: 'connected',
        counters: { received: 0, duplicates: 0, malformed: 0, retracted: 0 },
        message: expect.objectContaining({ code: 'audience.open' }),
        quota: null,
      }),
    ]);
    expect(state.queue.counts).toMatchObject({ incoming: 0, approved: 0, on_air: 0 });
    expect(state.app.version).toBe(core.version);
  });

  it('changes the show title through PUT /api/show and validates the body', async () => {
    const ok = await api(core, 'PUT', '/api/show', { body: { title: '#NextTalk: AI panel' } });
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
    const state = (await api(core, 'GET', '/api/state')).body as ShowState;
    expect(state.app.showTitle).toBe('#NextTalk: AI panel');

    const empty = await api(core, 'PUT', '/api/show', { body: { title: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({
      error: expect.stringContaining('title'),
      message: {
        code: 'intent.invalid',
        params: { intent: 'show:setTitle' },
        details: expect.stringContaining('title'),
      },
    });
    const extra = await api(core, 'PUT', '/api/show', { body: { title: 'x', admin: true } });
    expect(extra.status).toBe(400);
  });

  it('explains malformed JSON, wrong content type, oversized bodies and unknown routes', async () => {
    const malformed = await api(core, 'PUT', '/api/show', { body: '{"title": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: expect.stringContaining('not valid JSON') });

    const wrongType = await api(core, 'PUT', '/api/show', {
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);

    const huge = await api(core, 'PUT', '/api/show', { body: { title: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);

    const unknown = await api(core, 'GET', '/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: expect.stringContaining('/api/nope') });

    const method = await api(core, 'DELETE', '/api/state');
    expect(method.status).toBe(405);
  });

  it('counts refused input in the diagnostics', async () => {
    const before =
      ((await api(core, 'GET', '/api/state')).body as ShowState).diagnostics.rejectedInputs.rest ??
      0;
    await api(core, 'PUT', '/api/show', { body: { title: 5 } });
    await api(core, 'GET', '/api/state', { token: 'wrong-token-123456789' });
    const after = ((await api(core, 'GET', '/api/state')).body as ShowState).diagnostics
      .rejectedInputs.rest;
    expect(after).toBe(before + 2);
  });

  it('refuses requests naming a foreign host (DNS rebinding) while on loopback', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: core.port,
          path: '/api/health',
          headers: { host: 'evil.example:80' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the UI pages with a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/producer', '/settings', '/overlay', '/audience']) {
      const res = await fetch(new URL(path, core.url));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await fetch(new URL('/../../etc/passwd', core.url))).status).toBe(404);
    expect((await fetch(new URL('/%2e%2e/%2e%2e/etc/passwd', core.url))).status).toBe(404);
  });
});
