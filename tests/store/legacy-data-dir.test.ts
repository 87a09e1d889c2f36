// One data folder for desktop and serve: the folder an earlier desktop version kept in Electron's
// userData/data moves into the shared one on first start, and is left alone when the shared
// folder already has a database.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('one data folder', () => {
  let legacy: ReturnType<typeof makeTempDir>;
  let shared: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    legacy = makeTempDir();
    shared = makeTempDir();
  });
  afterEach(() => {
    legacy.remove();
    shared.remove();
  });

  async function oldDesktopData(): Promise<string> {
    const core = await startTestCore({ dataDir: legacy.dir, keepDataDir: true });
    await core.intents.dispatch(
      'show:setTitle',
      { title: 'From the desktop app' },
      {
        actor: 'test',
        channel: 'rest',
        role: 'producer',
      },
    );
    const token = core.token;
    await core.dispose();
    return token;
  }

  it('moves the old desktop folder into the shared one, token and show included', async () => {
    const token = await oldDesktopData();
    const core = await startTestCore({
      dataDir: shared.dir,
      legacyDataDir: legacy.dir,
      keepDataDir: true,
    });
    try {
      expect(core.hub.get('app').showTitle).toBe('From the desktop app');
      expect(core.token).toBe(token);
      expect(fs.existsSync(path.join(shared.dir, 'panelcast.db'))).toBe(true);
      expect(fs.existsSync(path.join(legacy.dir, 'panelcast.db'))).toBe(false);
      expect(core.logs.some((l) => l.message.startsWith('moved the desktop data folder'))).toBe(
        true,
      );
    } finally {
      await core.dispose();
    }
  });

  it('leaves both alone when the shared folder already has a database', async () => {
    await oldDesktopData();
    const first = await startTestCore({ dataDir: shared.dir, keepDataDir: true });
    await first.dispose();
    const core = await startTestCore({
      dataDir: shared.dir,
      legacyDataDir: legacy.dir,
      keepDataDir: true,
    });
    try {
      expect(core.hub.get('app').showTitle).not.toBe('From the desktop app');
      expect(fs.existsSync(path.join(legacy.dir, 'panelcast.db'))).toBe(true);
      expect(core.logs.some((l) => l.level === 'warn' && l.message.includes('not moved'))).toBe(
        true,
      );
    } finally {
      await core.dispose();
    }
  });
});
