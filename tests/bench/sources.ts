// 1,000 posts per second from the fake X filtered stream, through Panelcast (a separate process)
// to a moderator's socket: how long from the post leaving "X" to the moderator receiving it?
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { Comment } from '../../src/shared/comment.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { FakeXApi } from '../fakes/x-api.js';
import { formatMs, summarize, table } from './stats.js';

const RATE = 1000;
const SECONDS = 10;

export async function benchSources(): Promise<string> {
  const fake = new FakeXApi();
  await fake.start();
  const temp = makeTempDir();
  const core = runCli(['serve', '--port', '0', '--data-dir', temp.dir], {
    PANELCAST_LOG_LEVEL: 'warn',
  });
  try {
    const { url, token } = await core.ready;
    const put = await fetch(`${url}api/sources/x`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        enabled: true,
        hashtags: ['#NextTalk'],
        bearerToken: fake.bearer,
        apiBaseUrl: fake.url,
      }),
    });
    if (!put.ok) throw new Error(`configuring X failed: ${await put.text()}`);
    while (fake.openStreams === 0) await new Promise((r) => setTimeout(r, 50));

    const latencies: number[] = [];
    const socket = io(`${url}control`, {
      auth: { token, name: 'bench' },
      transports: ['websocket'],
    });
    socket.on('comments:changed', (comments: Comment[]) => {
      const now = Date.now();
      for (const c of comments) {
        const sent = /^bench (\d+)/.exec(c.text)?.[1];
        if (sent && c.status === 'incoming' && c.moderatedAt === null)
          latencies.push(now - Number(sent));
      }
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await socket.timeout(5000).emitWithAck('comments:subscribe', {});

    const total = RATE * SECONDS;
    const t0 = performance.now();
    let posted = 0;
    while (posted < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      for (; posted < due; posted += 1)
        fake.post(`bench ${Date.now()} question ${posted} #NextTalk`, `user${posted % 300}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const achieved = total / ((performance.now() - t0) / 1000);
    const deadline = Date.now() + 30_000;
    while (latencies.length < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    socket.close();
    const s = summarize(latencies);
    return [
      `${total} posts at ${achieved.toFixed(0)}/s through the fake filtered stream; ${latencies.length} received by the moderator socket.`,
      '',
      table([
        {
          measure: 'post sent by "X" → moderator socket',
          n: s.n,
          'p50 ms': formatMs(s.p50),
          'p90 ms': formatMs(s.p90),
          'p99 ms': formatMs(s.p99),
          'max ms': formatMs(s.max),
        },
      ]),
    ].join('\n');
  } finally {
    await core.stop();
    await fake.stop();
    temp.remove();
  }
}
