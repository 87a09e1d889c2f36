// One driver per source for the conformance suite: how to start its fake and the source, post,
// and cause each fault the suite asks for, on that platform's own terms.
import type { CommentSource, SourceContext } from '../../src/sources/source.js';
import { XSource, type XTimings } from '../../src/sources/x-source.js';
import { YouTubeSource } from '../../src/sources/youtube-source.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { FakeYouTubeStream, STREAM_FAULTS } from '../fakes/youtube-stream-api.js';

export interface SourceDriver {
  name: string;
  /** Whether the platform reports deletions (then the suite checks they are retracted). */
  reportsDeletions: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new source as after a start of the core: it carries what the last one saved. */
  source(context: SourceContext): CommentSource;
  post(text: string): string;
  drop(): void;
  stall(): void;
  rateLimit(): void;
  serverError(): void;
  malformed(): void;
  duplicateNext(n: number): void;
  remove(platformId: string): void;
}

const X_FAST: Partial<XTimings> = {
  keepAliveMs: 600,
  tcpStepMs: 50,
  tcpMaxMs: 300,
  httpInitialMs: 100,
  httpMaxMs: 500,
  rateLimitInitialMs: 200,
  rateLimitMaxMs: 1500,
  pollIntervalMs: 100,
};

export function xDriver(): SourceDriver {
  const fake = new FakeXApi();
  fake.heartbeatMs = 100;
  // Every line in 5-byte pieces with its "\r\n" apart: characters and line ends split.
  fake.chunking = { pieceBytes: 5, gapMs: 1 };
  fake.crlfApart = true;
  fake.user('nameless', null);
  let lastSeenId: string | null = null;
  let n = 0;
  return {
    name: 'X (filtered stream)',
    reportsDeletions: false,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new XSource(
        {
          bearerToken: fake.bearer,
          hashtags: ['#NextTalk'],
          mode: 'stream',
          apiBaseUrl: fake.url,
          lastSeenId,
        },
        context,
        { timings: X_FAST, onProgress: (id) => (lastSeenId = id) },
      ),
    // Every third author has no name; umlauts and emoji cross the 5-byte pieces.
    post: (text) =>
      fake.post(`${text} — Grüße 👋 #NextTalk`, (n += 1) % 3 === 0 ? 'nameless' : `v${n % 5}`).id,
    drop: () => fake.dropStreams(),
    stall: () => fake.stallStreams(),
    rateLimit: () => {
      fake.streamFaults.push({ kind: 'status', status: 429, resetInSec: 1 });
      fake.dropStreams();
    },
    serverError: () => {
      fake.streamFaults.push({ kind: 'status', status: 503 });
      fake.dropStreams();
    },
    malformed: () => {
      fake.sendMalformed();
      fake.sendWrongShape();
    },
    duplicateNext: (count) => (fake.duplicateNext = count),
    remove: () => undefined,
  };
}

const YOUTUBE_FAST = {
  minPollMs: 50,
  waitForChatMs: 100,
  retry: { initialMs: 50, maxMs: 200, jitter: 0 },
  maxQuotaWaitMs: 400,
  dailyUnits: 100_000_000,
  requestTimeoutMs: 500,
  streamIdleMs: 1000,
  streamFailuresBeforePolling: 3,
  streamRetryMs: 2000,
};

export function youTubeListDriver(): SourceDriver {
  const fake = new FakeYouTubeApi();
  fake.pollingIntervalMillis = 50;
  return {
    name: 'YouTube (list polling)',
    reportsDeletions: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new YouTubeSource(
        {
          apiKey: fake.apiKey,
          video: fake.videoId,
          rootUrl: fake.url,
          showMinutes: 180,
          streamUrl: null,
        },
        context,
        { timings: YOUTUBE_FAST },
      ),
    post: (text) => fake.say(`${text} Grüße 👋`, 'Viewer').id,
    drop: () => fake.faults.push('drop'),
    stall: () => fake.faults.push('stall'),
    rateLimit: () => fake.faults.push('rateLimitExceeded'),
    serverError: () => fake.faults.push('backendError'),
    malformed: () => fake.faults.push('garbage'),
    duplicateNext: () => fake.faults.push('duplicate'),
    remove: (id) => fake.deleteMessage(id),
  };
}

/** liveChatMessages.streamList over gRPC (binary frames: umlauts and emoji must survive). */
export function youTubeStreamDriver(): SourceDriver {
  const chat = new FakeYouTubeApi();
  const fake = new FakeYouTubeStream(chat);
  fake.pageSize = 3;
  return {
    name: 'YouTube (streamList)',
    reportsDeletions: true,
    start: async () => {
      await chat.start();
      await fake.start();
    },
    stop: async () => {
      await fake.stop();
      await chat.stop();
    },
    source: (context) =>
      new YouTubeSource(
        {
          apiKey: chat.apiKey,
          video: chat.videoId,
          rootUrl: chat.url,
          showMinutes: 180,
          streamUrl: fake.url,
        },
        context,
        { timings: YOUTUBE_FAST },
      ),
    post: (text) => chat.say(`${text} Grüße 👋`, 'Zuschauerin').id,
    drop: () => fake.drop(),
    stall: () => fake.stall(),
    rateLimit: () => fake.fail(STREAM_FAULTS.rateLimit),
    serverError: () => fake.fail(STREAM_FAULTS.unavailable),
    malformed: () => (fake.garbageNext = true),
    duplicateNext: () => (fake.duplicateNext = true),
    remove: (id) => chat.deleteMessage(id),
  };
}
