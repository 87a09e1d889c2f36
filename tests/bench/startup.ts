// How long `panelcast serve --port 0` takes from process start until /api/health answers.
import { performance } from 'node:perf_hooks';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

export async function benchStartup(runs = 15): Promise<string> {
  const fresh: number[] = [];
  const warm: number[] = [];
  const temp = makeTempDir();
  try {
    for (let i = 0; i < runs; i += 1) {
      for (const [samples, dir] of [
        [fresh, `${temp.dir}/fresh-${i}`],
        [warm, `${temp.dir}/warm`],
      ] as const) {
        const t0 = performance.now();
        const run = runCli(['serve', '--port', '0', '--data-dir', dir]);
        const { url } = await run.ready;
        for (;;) {
          const res = await fetch(new URL('/api/health', url)).catch(() => null);
          if (res?.ok) break;
        }
        samples.push(performance.now() - t0);
        await run.stop();
      }
    }
  } finally {
    temp.remove();
  }
  const row = (name: string, s: number[]): Record<string, string | number> => {
    const r = summarize(s);
    return {
      case: name,
      runs: r.n,
      'p50 ms': formatMs(r.p50),
      'p99 ms': formatMs(r.p99),
      'max ms': formatMs(r.max),
    };
  };
  return table([row('new data dir (creates DB, token)', fresh), row('existing data dir', warm)]);
}
