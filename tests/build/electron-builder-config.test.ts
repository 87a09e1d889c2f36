// Packaging cannot run here (no Electron runtime), so at least keep its configuration valid
// against electron-builder's own schema.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

interface BuilderConfig {
  files?: unknown;
  linux?: { target?: unknown; icon?: string };
  [key: string]: unknown;
}

const require = createRequire(path.join(repoRoot, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, file: null, extra: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

describe('electron-builder configuration', () => {
  it('passes electron-builder validation and targets AppImage, deb, NSIS and dmg', async () => {
    const config = await getConfig(repoRoot, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config).toMatchObject({ win: { target: ['nsis'] }, mac: { target: ['dmg'] } });
  });

  it('rejects a broken configuration (the check is real)', async () => {
    const config = await getConfig(repoRoot, null, null);
    // A typo in an option name is what people really get wrong.
    const broken = { ...config, linux: { ...config.linux, iconn: 'build/icon.png' } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration/,
    );
  });

  it('packs the built app and points at resources that exist', async () => {
    const config = await getConfig(repoRoot, null, null);
    expect(JSON.stringify(config.files)).toContain('"dist/**/*"');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(fs.existsSync(path.join(repoRoot, config.linux?.icon ?? 'missing'))).toBe(true);
  });
});
