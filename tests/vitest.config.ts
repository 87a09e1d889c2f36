// Vitest for everything under tests/. Two projects: "unit" runs in parallel; "serial" holds every
// test that starts an outside program (OBS, Chromium, ffmpeg, nginx, coturn, caddy, network
// namespaces) and runs its files one at a time, so two of them never fight over the two cores.
// Benchmarks live in tests/bench and run separately (npm run bench).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Folders whose tests start outside programs. */
const SERIAL = [
  'tests/obs/**/*.test.ts',
  'tests/ui/**/*.test.ts',
  'tests/relay/**/*.test.ts',
  'tests/net/**/*.test.ts',
];
const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  globalSetup: ['tests/global-setup.ts'],
  // Conditions, not sleeps: a page on a busy two-core machine may need more than vitest's
  // default second to show what the test waits for.
  expect: { poll: { timeout: 5000 } },
};

export default defineConfig({
  root,
  test: {
    reporters: ['default'],
    projects: [
      {
        root,
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/bench/**', 'node_modules/**', 'dist/**', ...SERIAL],
        },
      },
      {
        root,
        test: {
          ...shared,
          name: 'serial',
          include: SERIAL,
          exclude: ['tests/bench/**', 'node_modules/**', 'dist/**'],
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
