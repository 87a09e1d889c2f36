// Scene switches through Panelcast's REST API against direct obs-websocket-js calls, in the same
// run against the same real OBS: what does going through Panelcast cost?
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { OBSWebSocket } from 'obs-websocket-js';
import { runCli } from '../helpers/cli.js';
import { startObs } from '../helpers/obs.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { formatMs, summarize, table } from './stats.js';

const ROUNDS = 300;
const WARMUP = 20;

function post(url: string, token: string, body: unknown, agent: http.Agent): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

export async function benchObs(): Promise<string> {
  const obs = await startObs();
  const temp = makeTempDir();
  const core = runCli(['serve', '--port', '0', '--data-dir', temp.dir], {
    PANELCAST_LOG_LEVEL: 'warn',
  });
  const direct = new OBSWebSocket();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const { url, token } = await core.ready;
    await direct.connect(obs.url, obs.password);
    for (const scene of ['A', 'B']) await direct.call('CreateScene', { sceneName: scene });
    await new Promise<void>((resolve, reject) => {
      const data = JSON.stringify({ url: obs.url, password: obs.password });
      const req = http.request(
        `${url}api/settings/obs`,
        {
          method: 'PUT',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(data),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(data);
    });
    for (;;) {
      const state = await fetch(`${url}api/state`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await state.json()) as { obs: { status: string; scenes: string[] } };
      if (body.obs.status === 'connected' && body.obs.scenes.includes('B')) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const viaDirect: number[] = [];
    const viaPanelcast: number[] = [];
    // Interleave the two in random order with random pauses, so both see the same OBS load and
    // neither is always in step with OBS's 30 fps render loop (which paces its answers).
    const pause = (): Promise<void> => new Promise((r) => setTimeout(r, Math.random() * 40));
    let scene = 'A';
    const next = (): string => (scene = scene === 'A' ? 'B' : 'A');
    const runDirect = async (): Promise<number> => {
      const t0 = performance.now();
      await direct.call('SetCurrentProgramScene', { sceneName: next() });
      return performance.now() - t0;
    };
    const runPanelcast = async (): Promise<number> => {
      const t0 = performance.now();
      const status = await post(`${url}api/obs/scene`, token, { scene: next() }, agent);
      if (status !== 200) throw new Error(`scene switch through Panelcast answered ${status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < ROUNDS + WARMUP; i += 1) {
      const directFirst = Math.random() < 0.5;
      await pause();
      const a = directFirst ? await runDirect() : await runPanelcast();
      await pause();
      const b = directFirst ? await runPanelcast() : await runDirect();
      if (i >= WARMUP) {
        viaDirect.push(directFirst ? a : b);
        viaPanelcast.push(directFirst ? b : a);
      }
    }
    const d = summarize(viaDirect);
    const p = summarize(viaPanelcast);
    return [
      `${ROUNDS} scene switches each way against one real OBS 29 (after ${WARMUP} warm-up rounds), in random order with random 0–40 ms pauses.`,
      '',
      table([
        {
          path: 'direct obs-websocket-js call',
          n: d.n,
          'p50 ms': formatMs(d.p50),
          'p99 ms': formatMs(d.p99),
          'max ms': formatMs(d.max),
        },
        {
          path: 'Panelcast REST POST /api/obs/scene',
          n: p.n,
          'p50 ms': formatMs(p.p50),
          'p99 ms': formatMs(p.p99),
          'max ms': formatMs(p.max),
        },
        {
          path: 'ratio Panelcast / direct',
          n: '',
          'p50 ms': `${(p.p50 / d.p50).toFixed(2)}×`,
          'p99 ms': `${(p.p99 / d.p99).toFixed(2)}×`,
          'max ms': '',
        },
      ]),
    ].join('\n');
  } finally {
    agent.destroy();
    await direct.disconnect().catch(() => undefined);
    await core.stop();
    temp.remove();
    await obs.stop();
  }
}
