// Every way of starting the core gives V8 the same flags (src/shared/core-runtime.ts), and this
// Node takes them: the installed `panelcast` command (its shebang), `npm run serve`, and the
// desktop shell's utility process (as Chromium's --js-flags switch).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_V8_FLAGS, utilityProcessExecArgv } from '../../src/shared/core-runtime.js';
import { cliPath, repoRoot } from '../helpers/cli.js';

const firstLine = (file: string): string => fs.readFileSync(file, 'utf8').split('\n')[0] ?? '';

describe('the V8 flags the core runs with', () => {
  const flags = CORE_V8_FLAGS.join(' ');

  it('are in the shebang of the panelcast command, as written and as built', () => {
    const shebang = `#!/usr/bin/env -S node ${flags}`;
    expect(firstLine(path.join(repoRoot, 'src', 'cli.ts'))).toBe(shebang);
    expect(firstLine(cliPath)).toBe(shebang);
  });

  it('are in the npm serve script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.serve).toBe(`node ${flags} dist/src/cli.js serve`);
  });

  it('reach the utility process as the --js-flags switch V8 reads before the heap exists', () => {
    expect(utilityProcessExecArgv()).toEqual([`--js-flags=${flags}`]);
  });

  it('are taken by this Node and keep the young generation at 2 × 2 MiB', () => {
    const grow = `const keep = []; for (let i = 0; i < 3e6; i++) { const o = { i }; if (i % 64 === 0) keep.push(o); }
      const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(space.space_size);`;
    const size = (args: readonly string[]): number =>
      Number(execFileSync(process.execPath, [...args, '-e', grow], { encoding: 'utf8' }));
    expect(size(CORE_V8_FLAGS)).toBeLessThanOrEqual(4 * 1024 * 1024);
    // The same work without them grows it further: the flags are what holds it.
    expect(size([])).toBeGreaterThan(4 * 1024 * 1024);
  });
});
