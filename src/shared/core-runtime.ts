// The V8 settings the core process runs with, in one place for `panelcast serve` (the shebang of
// src/cli.ts and the npm serve script) and the desktop shell (its utility process).

/**
 * V8's young generation grows to 2 × 16 MiB while the core starts and reads its show, and stays
 * that size: 20 to 30 MiB of RSS that hold no data. At 2 × 2 MiB it collects more often (about
 * 7 times as many scavenges at 1,000 comments/s, costing well under a tenth of a core). Measured
 * in tests/bench/README.md (`## shows`, `## sources-load`). A test checks every way of starting
 * the core passes these.
 */
export const CORE_V8_FLAGS = ['--max-semi-space-size=2'] as const;

/**
 * How Electron's utility process takes V8 flags: its execArgv become Chromium switches, and
 * V8 reads `--js-flags` before it creates the core's heap (a plain V8 flag there would come
 * after the heap exists and change nothing).
 */
export function utilityProcessExecArgv(): string[] {
  return [`--js-flags=${CORE_V8_FLAGS.join(' ')}`];
}
