// The relay's ingest with the database locked by another program: "where do I stream to?" still
// gets an answer and a listening ingest, since the port it would save is only a preference.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { holdWriteLock, release } from '../helpers/write-lock.js';

type Target = { ok: true; value: { server: string; key: string } } | { ok: false };

const publishTarget = (core: TestCore): Promise<Target> =>
  core.intents.dispatch(
    'relay:publishTarget',
    {},
    { actor: 'test', channel: 'rest', role: 'producer' },
  );

describe('relay ingest and a locked database', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('starts the ingest and answers while the port cannot be saved, and keeps that one ingest', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    // A first show sets up the publish key and remembers the ingest's port.
    const first = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    expect((await publishTarget(first)).ok).toBe(true);
    await first.dispose();

    const core = await startTestCore({ dataDir: temp.dir, keepDataDir: true });
    cleanups.push(() => core.dispose());
    const holder = await holdWriteLock(path.join(temp.dir, 'panelcast.db'));
    cleanups.push(() => release(holder));

    const during = await publishTarget(core);
    expect(during).toMatchObject({ ok: true, value: { server: expect.stringMatching(/^rtmp:/) } });
    expect(core.hub.get('relay').ingest.state).toBe('ready');
    expect(core.hub.get('diagnostics').storage.fault?.code).toBe('storage.busy');

    await release(holder);
    await eventually(() => expect(core.hub.get('diagnostics').storage.fault).toBeNull(), 5000);
    // The same ingest answers afterwards: none was left running unowned.
    expect(await publishTarget(core)).toEqual(during);
  });
});
