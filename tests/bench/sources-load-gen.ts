// The load generator for the sources-load benchmark, in its own process so its CPU is not the
// core's: the platform fakes (X filtered stream, YouTube streamList over gRPC, Facebook live
// comments over SSE, LinkedIn comments polled) and audience-page phones, posting at a shared total rate. Each post carries the time it left its fake.
// Line protocol on stdin/stdout (one JSON object a line):
//   out {ready, configure: [{path, body}]}   → the benchmark configures the core with these
//   in  "wait"  → out {connected: true}        once every source has connected to its fake
//   in  "go"    → out {sent: {name: n}, seconds, cpuMs}   after RATE posts/s for SECONDS
// Adding a platform: write a LoadDriver for its fake and add it to DRIVERS (one line).
import http from 'node:http';
import readline from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import { FakeFacebookApi } from '../fakes/facebook-api.js';
import { FakeLinkedInApi } from '../fakes/linkedin-api.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { FakeYouTubeStream } from '../fakes/youtube-stream-api.js';

export interface LoadDriver {
  name: string;
  /** Posts per second this driver can take at most (the rest goes to the others). */
  maxRate?: number;
  /** Read by polling (LinkedIn): its latency is mostly the poll interval, reported apart. */
  polled?: boolean;
  /** Starts the fake; says how to point the core at it (REST path and body), if at all. */
  start(coreUrl: string): Promise<{ path: string; body: object } | null>;
  connected(): boolean;
  post(text: string): void;
  stop(): Promise<void>;
}

function xDriver(): LoadDriver {
  const fake = new FakeXApi();
  let n = 0;
  return {
    name: 'x',
    start: async () => {
      await fake.start();
      const body = { enabled: true, hashtags: ['#NextTalk'], bearerToken: fake.bearer };
      return { path: 'api/sources/x', body: { ...body, mode: 'stream', apiBaseUrl: fake.url } };
    },
    connected: () => fake.openStreams > 0,
    post: (text) => void fake.post(`${text} #NextTalk`, `user${(n += 1) % 300}`),
    stop: () => fake.stop(),
  };
}

function youtubeStreamDriver(): LoadDriver {
  const chat = new FakeYouTubeApi();
  const stream = new FakeYouTubeStream(chat);
  stream.pageSize = 50;
  return {
    name: 'youtube',
    start: async () => {
      await chat.start();
      await stream.start();
      const body = { enabled: true, video: chat.videoId, apiKey: chat.apiKey };
      return {
        path: 'api/sources/youtube',
        body: { ...body, rootUrl: chat.url, grpcUrl: stream.url },
      };
    },
    connected: () => stream.openCalls > 0,
    post: (text) => void chat.say(text, 'Viewer'),
    stop: async () => {
      await stream.stop();
      await chat.stop();
    },
  };
}

/** Facebook Live: comments pushed over the live_comments Server-Sent Events stream. */
function facebookDriver(): LoadDriver {
  const fake = new FakeFacebookApi();
  let n = 0;
  return {
    name: 'facebook',
    start: async () => {
      await fake.start();
      const body = { enabled: true, liveVideoId: fake.liveVideoId, secret: fake.pageToken };
      return { path: 'api/sources/facebook/settings', body: { ...body, apiBaseUrl: fake.url } };
    },
    connected: () => fake.openStreams > 0,
    post: (text) => void fake.comment(text, `viewer${(n += 1) % 300}`),
    stop: () => fake.stop(),
  };
}

/**
 * LinkedIn: the Community Management API has no push, so the core polls (at most every 10 s by
 * default); a modest rate, as an organization's live post gets.
 */
function linkedinDriver(): LoadDriver {
  const fake = new FakeLinkedInApi();
  return {
    name: 'linkedin',
    maxRate: 20,
    polled: true,
    start: async () => {
      await fake.start();
      const body = { enabled: true, postUrn: fake.postUrn, dailyRequests: 1_000_000 };
      return {
        path: 'api/sources/linkedin/settings',
        body: { ...body, apiBaseUrl: fake.url, secret: fake.accessToken },
      };
    },
    connected: () => fake.calls > 0,
    post: (text) => void fake.comment(text),
    stop: () => fake.stop(),
  };
}

/** Phones on the audience page: ten per loopback address, each within the per-device limits. */
function audienceDriver(phones: number): LoadDriver {
  const sockets: Socket[] = [];
  let n = 0;
  return {
    name: 'audience',
    // The page allows one question per device every 15 s (16 here, for margin).
    maxRate: phones / 16,
    start: async (coreUrl) => {
      for (let i = 0; i < phones; i += 1) {
        const agent = new http.Agent({ localAddress: `127.0.0.${2 + Math.floor(i / 10)}` });
        const socket = io(new URL('/audience', coreUrl).toString(), {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          agent: agent as unknown as string,
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('audience:state', () => resolve());
          socket.once('connect_error', reject);
        });
        sockets.push(socket);
      }
      return null;
    },
    connected: () => sockets.every((s) => s.connected),
    post: (text) => {
      const socket = sockets[(n += 1) % sockets.length];
      socket?.emit('audience:ask', { text }, () => undefined);
    },
    stop: async () => {
      for (const s of sockets) s.close();
      await Promise.resolve();
    },
  };
}

const [coreUrl = '', rateArg = '1000', secondsArg = '20', phonesArg = '300'] =
  process.argv.slice(2);
const RATE = Number(rateArg);
const SECONDS = Number(secondsArg);

const ALL: (() => LoadDriver)[] = [
  xDriver,
  youtubeStreamDriver,
  facebookDriver,
  linkedinDriver,
  () => audienceDriver(Number(phonesArg)),
];
// BENCH_DRIVERS=youtube,x runs only those (to see one platform's path alone).
const only = process.env.BENCH_DRIVERS?.split(',');
const DRIVERS = ALL.map((make) => make()).filter((d) => !only || only.includes(d.name));

/** Posts per second per driver: capped drivers get their cap, the others share the rest. */
function rates(total: number): number[] {
  const open = DRIVERS.filter((d) => d.maxRate === undefined).length;
  const fair = total / DRIVERS.length;
  const fixed = DRIVERS.reduce((sum, d) => sum + Math.min(d.maxRate ?? 0, fair), 0);
  return DRIVERS.map((d) =>
    d.maxRate === undefined ? (total - fixed) / open : Math.min(d.maxRate, fair),
  );
}

function say(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function run(): Promise<{ sent: Record<string, number>; seconds: number }> {
  const perDriver = rates(RATE);
  const sent = DRIVERS.map(() => 0);
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (Date.now() - started) / 1000;
      DRIVERS.forEach((driver, i) => {
        const due = Math.floor(Math.min(elapsed, SECONDS) * (perDriver[i] ?? 0));
        for (; (sent[i] ?? 0) < due; sent[i] = (sent[i] ?? 0) + 1) {
          driver.post(`bench ${Date.now()} ${driver.name} ${sent[i] ?? 0} question?`);
        }
      });
      if (elapsed >= SECONDS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  return {
    sent: Object.fromEntries(DRIVERS.map((d, i) => [d.name, sent[i] ?? 0])),
    seconds: (Date.now() - started) / 1000,
  };
}

const configure = [];
for (const driver of DRIVERS) {
  const setup = await driver.start(coreUrl);
  if (setup) configure.push(setup);
}
say({
  ready: true,
  configure,
  rates: Object.fromEntries(DRIVERS.map((d, i) => [d.name, rates(RATE)[i]])),
  polled: DRIVERS.filter((d) => d.polled).map((d) => d.name),
});

const cpuStart = process.cpuUsage();
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'wait') {
    while (!DRIVERS.every((d) => d.connected())) await new Promise((r) => setTimeout(r, 50));
    say({ connected: true });
  } else if (line === 'go') {
    const result = await run();
    const cpu = process.cpuUsage(cpuStart);
    say({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (line === 'stop') {
    break;
  }
}
for (const driver of DRIVERS) await driver.stop();
process.exit(0);
