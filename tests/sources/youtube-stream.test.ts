// The YouTube source on liveChatMessages.streamList: the real @grpc/grpc-js client against a
// real gRPC server on loopback speaking Google's published messages (tests/fakes).
import grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { inEnglish } from '../../src/shared/messages/message.js';
import { youtubeKeyHosts } from '../../src/shared/secret-hosts.js';
import { YouTubeSource, type YouTubeTimings } from '../../src/sources/youtube-source.js';
import { openChatStream, type StreamPage } from '../../src/sources/youtube-stream.js';
import { api, startTestCore } from '../helpers/core.js';
import { sourceHarness, type Harness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';
import { FakeYouTubeApi } from '../fakes/youtube-api.js';
import { FakeYouTubeStream, STREAM_FAULTS } from '../fakes/youtube-stream-api.js';

const FAST: Partial<YouTubeTimings> = {
  minPollMs: 50,
  waitForChatMs: 100,
  retry: { initialMs: 50, maxMs: 200, jitter: 0 },
  maxQuotaWaitMs: 300,
  dailyUnits: 100_000_000,
  requestTimeoutMs: 500,
  streamIdleMs: 5000,
  streamFailuresBeforePolling: 3,
  streamRetryMs: 600,
};

const codes = (h: Harness): string[] => h.statuses.map((s) => s.message.code);

describe('YouTube source on streamList', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(timings: Partial<YouTubeTimings> = {}) {
    const chat = new FakeYouTubeApi();
    const stream = new FakeYouTubeStream(chat);
    await chat.start();
    await stream.start();
    cleanups.push(() => chat.stop());
    cleanups.push(() => stream.stop());
    const harness = sourceHarness();
    const source = new YouTubeSource(
      {
        apiKey: chat.apiKey,
        video: chat.videoId,
        rootUrl: chat.url,
        showMinutes: 180,
        streamUrl: stream.url,
      },
      harness.context,
      { timings: { ...FAST, ...timings } },
    );
    return {
      chat,
      stream,
      harness,
      start: () => {
        source.start();
        cleanups.push(() => source.stop());
      },
    };
  }

  it('streams messages as written, text intact across binary frames, with no list polling', async () => {
    const { chat, stream, harness, start } = await setup();
    start();
    await eventually(() => expect(harness.last()?.message.code).toBe('youtube.streaming'));
    const text = 'Grüße aus Köln 👋🏽 — ¿qué opinan? 日本語のテスト ✓';
    const m = chat.say(text, 'Zoë Ünal');
    await eventually(() => expect(harness.comments.get(m.id)?.text).toBe(text));
    expect(harness.comments.get(m.id)?.author.name).toBe('Zoë Ünal');
    // Asked for exactly the parts it reads; the key went as x-goog-api-key metadata.
    expect(stream.requests[0]?.part).toEqual(['id', 'snippet', 'authorDetails']);
    expect(chat.counts.messages).toBe(0);
  });

  it('resumes from the last page token after a dropped connection: the gap is backfilled', async () => {
    const { chat, stream, harness, start } = await setup();
    start();
    const first = chat.say('before the drop?');
    await eventually(() => expect(harness.comments.has(first.id)).toBe(true));
    stream.faults.push(STREAM_FAULTS.unavailable); // the first reconnect fails as well
    stream.drop();
    const during = [chat.say('during the gap 1?'), chat.say('during the gap 2?')];
    await eventually(() => expect(during.every((m) => harness.comments.has(m.id))).toBe(true));
    const resumed = stream.requests.at(-1);
    expect(resumed?.pageToken).toBeTruthy();
    expect(codes(harness)).toContain('youtube.stream_retrying');
    expect([...harness.added.values()].every((n) => n === 1)).toBe(true);
  });

  it('falls back to list polling when the stream is not offered (UNIMPLEMENTED), for good', async () => {
    const { chat, stream, harness, start } = await setup();
    stream.faults.push(STREAM_FAULTS.unimplemented);
    start();
    const m = chat.say('read by polling?');
    await eventually(() => expect(harness.comments.has(m.id)).toBe(true));
    expect(codes(harness)).toContain('youtube.stream_not_offered');
    expect(harness.last()?.message.code).toBe('youtube.reading');
    expect(chat.counts.messages).toBeGreaterThan(0);
    expect(stream.requests).toHaveLength(1);
  });

  it('falls back on PERMISSION_DENIED too, and says why in plain words', async () => {
    const { chat, stream, harness, start } = await setup();
    stream.faults.push(STREAM_FAULTS.permissionDenied);
    start();
    const m = chat.say('still read?');
    await eventually(() => expect(harness.comments.has(m.id)).toBe(true));
    const said = harness.statuses.find((s) => s.message.code === 'youtube.stream_not_offered');
    expect(said && inEnglish(said.message)).toMatch(/polling instead/);
  });

  it('polls while UNAVAILABLE repeats, then goes back to the stream', async () => {
    const { chat, stream, harness, start } = await setup();
    stream.faults.push(STREAM_FAULTS.unavailable, STREAM_FAULTS.unavailable);
    stream.faults.push(STREAM_FAULTS.unavailable);
    start();
    const polled = chat.say('while the stream is down?');
    await eventually(() => expect(harness.comments.has(polled.id)).toBe(true));
    expect(codes(harness)).toContain('youtube.stream_unavailable');
    expect(chat.counts.messages).toBeGreaterThan(0);
    // After streamRetryMs the stream is tried again, from where polling got to.
    await eventually(() => expect(harness.last()?.message.code).toBe('youtube.streaming'));
    expect(stream.requests.at(-1)?.pageToken).toBeTruthy();
    const streamed = chat.say('back on the stream?');
    await eventually(() => expect(harness.comments.has(streamed.id)).toBe(true));
    expect([...harness.added.values()].every((n) => n === 1)).toBe(true);
  });

  it('says a used-up quota plainly and waits once instead of retrying in a loop', async () => {
    const { chat, stream, harness, start } = await setup();
    stream.faults.push(STREAM_FAULTS.quota);
    start();
    await eventually(() => expect(codes(harness)).toContain('youtube.quota_exceeded'));
    expect(harness.statuses.find((s) => s.message.code === 'youtube.quota_exceeded')?.state).toBe(
      'rate_limited',
    );
    const m = chat.say('after midnight Pacific?');
    await eventually(() => expect(harness.comments.has(m.id)).toBe(true));
    expect(stream.requests).toHaveLength(2);
  });

  it('retracts a message deleted by a YouTube moderator and everything of a banned author', async () => {
    const { chat, harness, start } = await setup();
    start();
    const a = chat.say('keep?');
    const b = chat.say('delete me?');
    const c = chat.say('spam 1?', 'Spammer');
    await eventually(() => expect(harness.comments.size).toBe(3));
    chat.deleteMessage(b.id);
    chat.ban(c.author.channelId);
    await eventually(() => expect(harness.retracted).toEqual([b.id, c.id]));
    expect(harness.comments.has(a.id)).toBe(true);
  });

  it('retracts a message its author took back, and ends on chatEndedEvent', async () => {
    const { chat, harness, start } = await setup();
    start();
    const m = chat.say('never mind?');
    await eventually(() => expect(harness.comments.has(m.id)).toBe(true));
    chat.say('', 'Zuschauer', { type: 'messageRetractedEvent', target: m.id });
    await eventually(() => expect(harness.retracted).toEqual([m.id]));
    chat.say('', 'YouTube', { type: 'chatEndedEvent' });
    await eventually(() => expect(harness.last()?.state).toBe('stopped'));
    expect(harness.last()?.message.code).toBe('youtube.chat_ended');
  });

  it('stops when YouTube no longer knows the chat (NOT_FOUND)', async () => {
    const { stream, harness, start } = await setup();
    stream.faults.push({
      code: grpc.status.NOT_FOUND,
      details: 'The live chat that you are trying to retrieve cannot be found.',
    });
    start();
    await eventually(() => expect(harness.last()?.state).toBe('stopped'));
    expect(harness.last()?.message.code).toBe('youtube.chat_ended');
    expect(stream.requests).toHaveLength(1);
  });

  it('ends on offlineAt', async () => {
    const { chat, harness, start } = await setup();
    start();
    await eventually(() => expect(harness.last()?.message.code).toBe('youtube.streaming'));
    chat.offlineAt = '2026-11-23T21:00:00Z';
    chat.say('last words?');
    await eventually(() => expect(harness.last()?.state).toBe('stopped'));
    expect(harness.last()?.message.code).toBe('youtube.offline');
  });

  it('stops on a rejected key instead of retrying', async () => {
    const { chat, stream, harness, start } = await setup();
    // A key the REST fake takes but the stream refuses (as for a key restricted to one API).
    stream.faults.push({
      code: grpc.status.INVALID_ARGUMENT,
      details: 'API key not valid. Please pass a valid API key.',
    });
    start();
    await eventually(() => expect(harness.last()?.state).toBe('error'));
    expect(harness.last()?.message.code).toBe('youtube.key_rejected');
    chat.say('never read?');
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.requests).toHaveLength(1);
  });

  it('gives back only the parts asked for', async () => {
    const { chat, stream } = await setup();
    chat.say('hello?');
    const read = async (parts: string[]): Promise<StreamPage> => {
      const pages: StreamPage[] = [];
      const handle = openChatStream(
        {
          url: stream.url,
          apiKey: chat.apiKey,
          liveChatId: chat.liveChatId ?? '',
          pageToken: null,
          idleMs: 5000,
          parts,
        },
        { onPage: (p) => pages.push(p) > 0, onMalformed: () => undefined },
      );
      await eventually(() => expect(pages.length).toBeGreaterThan(0));
      handle.cancel();
      return pages[0] as StreamPage;
    };
    const snippetOnly = (await read(['snippet'])).items[0] as Record<string, unknown>;
    expect(snippetOnly.snippet).toMatchObject({ displayMessage: 'hello?' });
    expect(snippetOnly.id).toBeUndefined();
    expect(snippetOnly.authorDetails).toBeUndefined();
    const all = (await read(['id', 'snippet', 'authorDetails'])).items[0];
    expect(all).toMatchObject({ id: expect.any(String), authorDetails: { displayName: 'Viewer' } });
  });
});

describe('streamList settings', () => {
  it("binds the key to Google's REST and gRPC hosts, or exactly to the test addresses", () => {
    expect(youtubeKeyHosts(null)).toContain('youtube.googleapis.com:443');
    expect(youtubeKeyHosts('http://127.0.0.1:9001/', 'http://127.0.0.1:9002')).toEqual([
      '127.0.0.1:9001',
      '127.0.0.1:9002',
    ]);
  });

  it('streams through the core when configured with a gRPC test address', async () => {
    const chat = new FakeYouTubeApi();
    const stream = new FakeYouTubeStream(chat);
    await chat.start();
    await stream.start();
    const core = await startTestCore({ youtubeTimings: FAST });
    try {
      const res = await api(core, 'PUT', '/api/sources/youtube', {
        body: {
          enabled: true,
          video: chat.videoId,
          apiKey: chat.apiKey,
          rootUrl: chat.url,
          grpcUrl: stream.url,
        },
      });
      expect(res.status).toBe(200);
      const m = chat.say('via the core?');
      await eventually(() =>
        expect(core.queue.list(null).some((c) => c.platformId === m.id)).toBe(true),
      );
      expect(stream.requests.length).toBeGreaterThan(0);
      expect(chat.counts.messages).toBe(0);
    } finally {
      await core.dispose();
      await stream.stop();
      await chat.stop();
    }
  });

  it('refuses a gRPC test address unless test hooks are on', async () => {
    const core = await startTestCore({ testHooks: false });
    try {
      const res = await api(core, 'PUT', '/api/sources/youtube', {
        body: {
          enabled: false,
          video: 'dQw4w9WgXcQ',
          grpcUrl: 'http://127.0.0.1:9/',
        },
      });
      expect(res.status).toBe(400);
    } finally {
      await core.dispose();
    }
  });
});
