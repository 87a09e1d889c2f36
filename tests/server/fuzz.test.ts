// Thousands of hostile inputs against a running core in its own process: REST paths and bodies,
// control intents and audience events full of wrong types, odd Unicode, deep nesting, prototype
// keys and broken escapes. Each must be answered plainly: no crash, no 5xx, no internal error.
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlIntentSchemas } from '../../src/shared/control-intents.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** Inputs that could point the core at a real outside host are left out: no test reaches one. */
const REACHES_OUT =
  /^(sources|obs|relay|guests|destinations)\b|\/api\/(sources|obs|relay|destinations|guests)/;

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%00',
    '../../etc/passwd',
    '..%2F..%2Fsecret.key',
    '\u202e\u0000\ud800',
    'x'.repeat(70_000),
    '__proto__',
    'constructor',
    '{{intent}}',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: false, withBoxedValues: false }),
  fc.json().map((text) => JSON.parse(text) as unknown),
  hostileString,
  fc.constantFrom(
    null,
    [],
    {},
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}') as unknown,
    Number.MAX_VALUE,
    -0,
    Array.from({ length: 5000 }, (_, i) => i),
  ),
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let value: unknown = 'deep';
    for (let i = 0; i < depth * 50; i += 1) value = [value];
    return value;
  }),
);

describe('fuzz: hostile input', () => {
  const temp = makeTempDir();
  let run: CliRun;
  let core: { url: string; token: string };
  beforeAll(async () => {
    run = runCli(['serve', '--port', '0', '--data-dir', temp.dir]);
    core = await run.ready;
  });
  afterAll(async () => {
    await run.stop();
    temp.remove();
  });

  async function alive(): Promise<void> {
    expect(run.child.exitCode).toBeNull();
    const health = await fetch(new URL('/api/health', core.url));
    expect(health.status).toBe(200);
    expect(run.stderr()).not.toMatch(/Uncaught|unhandled|TypeError|RangeError/i);
  }

  it('answers 1,200 hostile REST requests without a 5xx', { timeout: 180_000 }, async () => {
    const doc = (await (
      await fetch(new URL('/api/openapi.json', core.url), {
        headers: { authorization: `Bearer ${core.token}` },
      })
    ).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
    );
    const statuses = new Map<number, number>();
    const samples = fc.sample(
      fc.record({
        route: fc.constantFrom(...routes),
        param: hostileString,
        body: hostileValue,
        raw: fc.oneof(fc.constant(null), fc.string({ maxLength: 200 })),
        type: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=x'),
        token: fc.constantFrom(core.token, 'wrong-token-123456789', ''),
      }),
      { numRuns: 1200, seed: 12 },
    );
    for (const s of samples) {
      const bodyAllowed = s.route.method !== 'GET' && !REACHES_OUT.test(s.route.path);
      const path = s.route.path.replace(/\{\w+\}/g, () =>
        s.param.length % 3 === 0
          ? s.param.slice(0, 200)
          : encodeURIComponent(s.param.slice(0, 200)),
      );
      let url: URL;
      try {
        url = new URL(path.startsWith('/') ? path : `/${path}`, core.url);
      } catch {
        continue;
      }
      const response = await fetch(url, {
        method: bodyAllowed ? s.route.method : 'GET',
        headers: { authorization: `Bearer ${s.token}`, 'content-type': s.type },
        ...(bodyAllowed
          ? { body: s.raw ?? `${JSON.stringify(s.body) as string | undefined}` }
          : {}),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect([response.status, s.route.path]).toEqual([
        expect.toSatisfy((status: number) => status < 500),
        s.route.path,
      ]);
    }
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    await alive();
  });

  /** A connection, or null when the core refused the handshake (too big, not allowed). */
  function tryConnect(namespace: string, auth: unknown): Promise<Socket | null> {
    return connect(namespace, auth).catch(() => null);
  }

  function connect(namespace: string, auth: unknown): Promise<Socket> {
    const socket = io(new URL(namespace, core.url).toString(), {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: auth as Record<string, unknown>,
    });
    return new Promise((resolve, reject) => {
      const refuse = (error: Error): void => {
        clearTimeout(timer);
        socket.close();
        reject(error);
      };
      const timer = setTimeout(() => refuse(new Error('no handshake')), 3000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('connect_error', refuse);
      socket.once('disconnect', () => refuse(new Error('closed')));
    });
  }

  /** The answer to one event, or null when none came (no ack asked, or a refusal to listen). */
  async function send(socket: Socket, event: string, args: unknown[]): Promise<unknown> {
    // A message over the size limit closes the connection (socket.io's own refusal).
    if (!socket.connected) return null;
    try {
      return await socket.timeout(3000).emitWithAck(event, ...args);
    } catch {
      return null;
    }
  }

  it(
    'answers 1,500 hostile control intents without an internal error',
    { timeout: 180_000 },
    async () => {
      let socket = await connect('/control', { token: core.token, name: 'Fuzz' });
      const intents = Object.keys(controlIntentSchemas).filter((name) => !REACHES_OUT.test(name));
      const samples = fc.sample(
        fc.record({
          event: fc.oneof(
            fc.constantFrom(...intents),
            hostileString.map((s) => s.slice(0, 100)),
          ),
          args: fc.array(hostileValue, { maxLength: 3 }),
        }),
        { numRuns: 1500, seed: 34 },
      );
      let answered = 0;
      for (const s of samples) {
        if (s.event === '' || ['connect', 'disconnect', 'connect_error'].includes(s.event))
          continue;
        if (!socket.connected) socket = await connect('/control', { token: core.token });
        const answer = (await send(socket, s.event, s.args)) as {
          ok?: boolean;
          message?: { code?: string };
        } | null;
        if (answer === null) continue;
        answered += 1;
        expect([s.event, answer.message?.code]).not.toEqual([s.event, 'intent.internal']);
      }
      expect(answered).toBeGreaterThan(1000);
      socket.close();
      await alive();
    },
  );

  it(
    'answers about 1,400 hostile audience events and handshakes',
    { timeout: 180_000 },
    async () => {
      const samples = fc.sample(
        fc.record({
          auth: fc.oneof(fc.constant({}), fc.record({ device: hostileValue })),
          events: fc.array(
            fc.record({
              event: fc.oneof(
                fc.constantFrom('audience:ask', 'audience:vote'),
                hostileString.map((s) => s.slice(0, 100)),
              ),
              args: fc.array(hostileValue, { maxLength: 3 }),
            }),
            { minLength: 1, maxLength: 30 },
          ),
        }),
        { numRuns: 90, seed: 56 },
      );
      let answered = 0;
      for (const s of samples) {
        const socket = await tryConnect('/audience', s.auth);
        if (socket === null) continue;
        for (const e of s.events) {
          if (e.event === '' || ['connect', 'disconnect', 'connect_error'].includes(e.event))
            continue;
          const answer = (await send(socket, e.event, e.args)) as { ok?: boolean } | null;
          if (answer !== null) {
            answered += 1;
            expect(typeof answer.ok).toBe('boolean');
          }
        }
        socket.close();
      }
      expect(answered).toBeGreaterThan(400);
      await alive();
    },
  );
});
