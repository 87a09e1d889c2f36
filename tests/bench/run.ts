// Runs the benchmarks and prints their figures: `npm run bench` (all) or `npm run bench -- NAME`.
import { benchAudience } from './audience.js';
import { benchGuestNetwork } from './guest-network.js';
import { benchGuestRoom } from './guest-room.js';
import { benchObs } from './obs.js';
import { benchParaphrase } from './paraphrase.js';
import { benchQueueLive, benchQueueStore } from './queue.js';
import { benchRelay } from './relay.js';
import { benchShows } from './shows.js';
import { benchSources } from './sources.js';
import { benchSourcesLoad } from './sources-load.js';
import { benchStartup } from './startup.js';

const benches: Record<string, () => Promise<string>> = {
  startup: () => benchStartup(),
  audience: () => benchAudience(),
  'queue-live': () => benchQueueLive(),
  'queue-store': () => benchQueueStore(),
  obs: () => benchObs(),
  sources: () => benchSources(),
  'sources-load': () => benchSourcesLoad(),
  relay: () => benchRelay(),
  paraphrase: () => benchParaphrase(),
  shows: () => benchShows(),
  'guest-network': () => benchGuestNetwork(),
  'guest-room': () => benchGuestRoom(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}\n`);
  console.log(await bench());
}
