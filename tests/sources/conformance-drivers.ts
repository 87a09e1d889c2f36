// One driver per source for the conformance suite: how to start its fake and the source, post,
// and cause each fault the suite asks for, on that platform's own terms.
import { BlueskySource } from '../../src/sources/bluesky-source.js';
import { FacebookSource } from '../../src/sources/facebook-source.js';
import { LinkedInSource } from '../../src/sources/linkedin-source.js';
import { MastodonSource } from '../../src/sources/mastodon-source.js';
import type { CommentSource, SourceContext } from '../../src/sources/source.js';
import { TwitchEventSubSource, type TwitchTimings } from '../../src/sources/twitch-eventsub.js';
import { TwitchIrcSource } from '../../src/sources/twitch-irc.js';
import { XSource, type XTimings } from '../../src/sources/x-source.js';
import { YouTubeSource } from '../../src/sources/youtube-source.js';
import { FakeBlueskyApi } from '../fakes/bluesky-api.js';
import { FakeFacebookApi } from '../fakes/facebook-api.js';
import { FakeLinkedInApi } from '../fakes/linkedin-api.js';
import { FakeMastodonApi } from '../fakes/mastodon-api.js';
import { FakeTwitch } from '../fakes/twitch-api.js';
import { FakeXApi } from '../fakes/x-api.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { FakeYouTubeStream, STREAM_FAULTS } from '../fakes/youtube-stream-api.js';

export interface SourceDriver {
  name: string;
  /** Whether the platform reports deletions (then the suite checks they are retracted). */
  reportsDeletions: boolean;
  /**
   * Where it reports none: the source looks a post up right before it goes on air (then the
   * suite deletes one on the platform and asks).
   */
  checksBeforeAir: boolean;
  /**
   * The platform keeps no history an app can read (Twitch chat): a post made while the source
   * is not connected is gone for every client, so the suite posts only once it is back.
   */
  liveOnly?: boolean;
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
    checksBeforeAir: true,
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
    remove: (id) => fake.deletePost(id),
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
    checksBeforeAir: false,
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

export function facebookDriver(): SourceDriver {
  const fake = new FakeFacebookApi();
  fake.heartbeatMs = 100;
  // Every line in 5-byte pieces with its CRLF apart: characters and line ends split.
  fake.chunking = { pieceBytes: 5, gapMs: 1 };
  fake.lineEnd = '\r\n';
  fake.lineEndApart = true;
  let after: string | null = null;
  let n = 0;
  return {
    name: 'Facebook Live (SSE with polling backfill)',
    reportsDeletions: false,
    checksBeforeAir: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new FacebookSource(
        {
          pageToken: () => fake.pageToken,
          liveVideoId: fake.liveVideoId,
          apiBaseUrl: fake.url,
          after,
        },
        context,
        {
          timings: {
            pollIntervalMs: 100,
            keepAliveMs: 600,
            sweepMs: 30_000,
            retry: { initialMs: 50, maxMs: 300, jitter: 0 },
            rateLimitMs: 300,
            requestTimeoutMs: 1000,
          },
          onProgress: (cursor) => (after = cursor),
        },
      ),
    post: (text) => fake.comment(`${text} — Grüße 👋`, `Zuschauerin ${(n += 1)}`).id,
    drop: () => fake.dropStreams(),
    stall: () => fake.stallStreams(),
    rateLimit: () => {
      fake.faults.push('rateLimit');
      fake.dropStreams();
    },
    serverError: () => {
      fake.faults.push('serverError');
      fake.dropStreams();
    },
    malformed: () => fake.sendMalformed(),
    duplicateNext: (count) => fake.duplicateNext(count),
    remove: (id) => fake.deleteComment(id),
  };
}

export function linkedInDriver(): SourceDriver {
  const fake = new FakeLinkedInApi();
  let n = 0;
  return {
    name: 'LinkedIn (Community Management polling)',
    reportsDeletions: false,
    checksBeforeAir: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new LinkedInSource(
        {
          accessToken: () => fake.accessToken,
          postUrn: fake.postUrn,
          apiBaseUrl: fake.url,
          dailyRequests: 1_000_000,
          showMinutes: 15,
        },
        context,
        {
          timings: {
            minPollMs: 100,
            retry: { initialMs: 50, maxMs: 300, jitter: 0 },
            maxRateLimitMs: 1500,
            requestTimeoutMs: 600,
          },
        },
      ),
    // Every fourth comment is by the organization itself.
    post: (text) =>
      fake.comment(
        `${text} — Grüße 👋`,
        (n += 1) % 4 === 0 ? 'urn:li:organization:2414183' : undefined,
      ).id,
    drop: () => fake.faults.push('drop'),
    stall: () => fake.faults.push('stall'),
    rateLimit: () => fake.faults.push('throttle'),
    serverError: () => fake.faults.push('serverError'),
    malformed: () => fake.faults.push('garbage'),
    duplicateNext: () => fake.faults.push('duplicate'),
    remove: (id) => fake.deleteComment(id),
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
    checksBeforeAir: false,
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

const TWITCH_FAST: Partial<TwitchTimings> = {
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  keepaliveSeconds: 1,
  keepaliveGraceMs: 300,
  maxRateLimitMs: 1500,
  requestTimeoutMs: 1000,
  ircPingAfterMs: 500,
  ircPongTimeoutMs: 300,
};

function twitchFake(): FakeTwitch {
  const fake = new FakeTwitch();
  fake.keepaliveMinSeconds = 1;
  return fake;
}

/** Chatters with umlauts in their display names; every fifth is banned-free "NextTalk" itself. */
function twitchChatter(n: number): [string, string] {
  return n % 5 === 0 ? ['nexttalk', 'NextTalk'] : [`zuschauer_${n % 3}`, `Zuschauer_${n % 3}`];
}

/**
 * Twitch EventSub: live only (Twitch keeps no chat history for apps), so posts are made once the
 * source is connected again. A rate limit and a server error hit the Helix subscription request
 * after a dropped connection.
 */
export function twitchEventSubDriver(): SourceDriver {
  const fake = twitchFake();
  let n = 0;
  return {
    name: 'Twitch (EventSub WebSocket)',
    reportsDeletions: true,
    checksBeforeAir: false,
    liveOnly: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new TwitchEventSubSource(
        {
          channel: fake.channel,
          clientId: fake.clientId,
          userToken: () => fake.userToken,
          apiBaseUrl: fake.url,
        },
        context,
        TWITCH_FAST,
      ),
    post: (text) => fake.say(`${text} — Grüße 👋`, ...twitchChatter((n += 1))).id,
    drop: () => fake.drop(),
    stall: () => fake.stall(),
    rateLimit: () => {
      fake.helixFaults.push('rateLimit');
      fake.drop();
    },
    serverError: () => {
      fake.helixFaults.push('serverError');
      fake.drop();
    },
    malformed: () => fake.sendMalformed(),
    duplicateNext: (count) => (fake.duplicateNext = count),
    remove: (id) => fake.deleteMessage(id),
  };
}

/**
 * Twitch anonymous IRC: live only, like EventSub. Reading anonymously has no rate limit to
 * hit: the "rate limit" fault here is Twitch's RECONNECT notice, and the "server error" a
 * refused WebSocket upgrade (503) after a dropped connection.
 */
export function twitchIrcDriver(): SourceDriver {
  const fake = twitchFake();
  let n = 0;
  return {
    name: 'Twitch (anonymous IRC)',
    reportsDeletions: true,
    checksBeforeAir: false,
    liveOnly: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new TwitchIrcSource({ channel: fake.channel, apiBaseUrl: fake.url }, context, TWITCH_FAST),
    post: (text) => fake.say(`${text} — Grüße 👋`, ...twitchChatter((n += 1))).id,
    drop: () => fake.drop(),
    stall: () => fake.stall(),
    rateLimit: () => fake.reconnect(),
    serverError: () => {
      fake.upgradeFaults.push(503, 503);
      fake.drop();
    },
    malformed: () => fake.sendMalformed(),
    duplicateNext: (count) => (fake.duplicateNext = count),
    remove: (id) => fake.deleteMessage(id),
  };
}

/** The hashtag stream over SSE, in 5-byte pieces: umlauts and emoji are split across chunks. */
export function mastodonDriver(): SourceDriver {
  const fake = new FakeMastodonApi();
  fake.heartbeatMs = 100;
  fake.chunking = { pieceBytes: 5, gapMs: 1 };
  let sinceId: string | null = null;
  let n = 0;
  return {
    name: 'Mastodon (hashtag stream with tag-timeline backfill)',
    reportsDeletions: true,
    checksBeforeAir: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new MastodonSource(
        {
          token: () => fake.token,
          instanceUrl: 'https://chaos.social',
          hashtag: '#NextTalk',
          apiBaseUrl: fake.url,
          sinceId,
        },
        context,
        {
          timings: {
            keepAliveMs: 600,
            retry: { initialMs: 50, maxMs: 300, jitter: 0 },
            rateLimitMs: 1500,
            requestTimeoutMs: 1000,
          },
          onProgress: (id) => (sinceId = id),
        },
      ),
    // HTML-escaped on the wire: "&" and "<" must come back as typed.
    post: (text) =>
      fake.post(`${text} — Grüße 👋 <&> #NextTalk`, `gast${(n += 1)}@chaos.social`, `Gast ${n}`).id,
    drop: () => fake.dropStreams(),
    stall: () => fake.stallStreams(),
    rateLimit: () => {
      fake.faults.push('rateLimit');
      fake.dropStreams();
    },
    serverError: () => {
      fake.faults.push('serverError');
      fake.dropStreams();
    },
    malformed: () => fake.sendMalformed(),
    duplicateNext: (count) => fake.duplicateNext(count),
    remove: (id) => fake.deleteStatus(id),
  };
}

/** searchPosts polling with an app-password session; search indexes with a short delay. */
export function blueskyDriver(): SourceDriver {
  const fake = new FakeBlueskyApi();
  fake.indexDelayMs = 150;
  let since: string | null = null;
  let n = 0;
  return {
    name: 'Bluesky (searchPosts polling)',
    reportsDeletions: false,
    checksBeforeAir: true,
    start: async () => {
      await fake.start();
    },
    stop: () => fake.stop(),
    source: (context) =>
      new BlueskySource(
        {
          handle: fake.handle,
          appPassword: fake.appPassword,
          hashtag: 'NextTalk',
          apiBaseUrl: fake.url,
          since,
        },
        context,
        {
          timings: {
            minPollMs: 100,
            retry: { initialMs: 50, maxMs: 300, jitter: 0 },
            rateLimitMs: 1500,
            requestTimeoutMs: 600,
          },
          onProgress: (at) => (since = at),
        },
      ),
    // Every third author has no display name; every fifth poll finds the session expired.
    post: (text) => {
      n += 1;
      if (n % 5 === 0) fake.faults.push('expire');
      return fake.post(
        `${text} — Grüße 👋 #NextTalk`,
        `viewer${n}.bsky.social`,
        n % 3 === 0 ? undefined : `Zuschauer ${n}`,
      ).uri;
    },
    drop: () => fake.faults.push('drop'),
    stall: () => fake.faults.push('stall'),
    rateLimit: () => fake.faults.push('throttle'),
    serverError: () => fake.faults.push('serverError'),
    malformed: () => fake.faults.push('garbage'),
    duplicateNext: () => fake.faults.push('duplicate'),
    remove: (id) => fake.deletePost(id),
  };
}
