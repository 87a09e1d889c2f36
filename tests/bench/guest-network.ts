// How long a remote guest takes to come back by itself (issue 18): guest and studio Chromiums in
// namespaces with no route between them, media through a real coturn; per round the guest's
// address changes, and its link is cut for 35 s twice (silently, then link down). Each figure runs
// from the change (address) or from the link's return (cuts) until the studio decodes the
// guest's video again. Rounds: BENCH_ROUNDS (default 3).
import os from 'node:os';
import { canMakeNetns } from '../helpers/netns.js';
import { changeAddress, cutLink, startGuestRig } from '../helpers/guest-scenarios.js';
import { formatMs, summarize, table } from './stats.js';

const OUTAGE_MS = 35_000;

export async function benchGuestNetwork(): Promise<string> {
  if (!canMakeNetns()) return 'skipped: needs root, ip netns and tc';
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const samples: Record<string, number[]> = {
    'address change → media back': [],
    'link cut 35 s (packets dropped), restored → media back': [],
    'link cut 35 s (link down), restored → media back': [],
  };
  const [address, blackhole, down] = Object.values(samples) as [number[], number[], number[]];
  const rig = await startGuestRig();
  const load: number[] = [];
  try {
    const { guest, studio } = await rig.open('bench', 'turn');
    for (let round = 1; round <= rounds; round += 1) {
      address.push((await changeAddress(rig, guest, studio)).ms);
      blackhole.push((await cutLink(rig, guest, studio, 'blackhole', OUTAGE_MS)).ms);
      down.push((await cutLink(rig, guest, studio, 'down', OUTAGE_MS)).ms);
      load.push(os.loadavg()[0] ?? 0);
      console.error(
        `round ${round}: ${[address, blackhole, down].map((s) => s.at(-1)).join(' / ')} ms`,
      );
    }
  } finally {
    await rig.close();
  }
  const rows = Object.entries(samples).map(([scenario, values]) => {
    const s = summarize(values);
    return {
      scenario,
      n: s.n,
      'p50 ms': formatMs(s.p50),
      'max ms': formatMs(s.max),
      'all ms': values.join(', '),
    };
  });
  const loadText = load.map((l) => l.toFixed(1)).join(', ');
  return `${table(rows)}\n\n1-minute load average after each round: ${loadText} (${os.cpus().length} cores).`;
}
