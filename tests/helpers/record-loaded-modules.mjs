// Preloaded into a spawned core (`node --import`) by tests that check what it loads: every
// module file it loads is written to the file named by PANELCAST_TEST_LOADED_FILE, one path a
// line. ES modules are seen by a load hook (record-loaded-modules-hook.mjs) as they load;
// CommonJS files, which npm packages mostly are, come from require's cache when the core exits.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.PANELCAST_TEST_LOADED_FILE;
if (out) {
  register(new URL('./record-loaded-modules-hook.mjs', import.meta.url), { data: { out } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    fs.appendFileSync(
      out,
      Object.keys(require.cache)
        .map((file) => `${file}\n`)
        .join(''),
    );
  });
}
