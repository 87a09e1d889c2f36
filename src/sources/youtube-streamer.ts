// Reads a YouTube live chat through liveChatMessages.streamList for as long as the stream can be
// had: every call resumes from the last nextPageToken (so a reconnect backfills the gap), with
// backoff between failures. It hands back to list polling when the stream is not offered to the
// key (UNIMPLEMENTED, PERMISSION_DENIED) or keeps failing (UNAVAILABLE again and again), and ends
// the source on offlineAt, an ended chat or a rejected key. gRPC status codes:
// https://grpc.github.io/grpc/core/md_doc_statuscodes.html; the method:
// https://developers.google.com/youtube/v3/live/docs/liveChatMessages/streamList.
import { status as grpcStatus } from '@grpc/grpc-js';
import { backoffDelay } from '../shared/backoff.js';
import { message, type Message } from '../shared/messages/message.js';
import type { SourceClock, SourceContext } from './source.js';
import type { YouTubeTimings } from './youtube-source.js';
import { openChatStream, type StreamEnd, type StreamPage } from './youtube-stream.js';

/** Where the chat is read from; the page token moves on only once a page is saved. */
export interface ChatPosition {
  videoId: string;
  chatId: string;
  pageToken: string | undefined;
}

export interface StreamerDeps {
  url: string;
  apiKey: string;
  chat: ChatPosition;
  context: SourceContext;
  timings: YouTubeTimings;
  clock: SourceClock;
  signal: AbortSignal;
  /** Takes a page's items; false when one could not be saved. */
  takeItems(items: readonly unknown[]): boolean;
  /** Whether a chatEndedEvent was taken. */
  chatEnded(): boolean;
  /** Waits out a used-up daily quota, saying so. */
  onQuotaGone(): Promise<void>;
}

/** 'stop': the source is done; otherwise poll with list, and try the stream again later. */
export type StreamOutcome = 'stop' | { retryStreamInMs: number };

type Next = 'again' | 'now' | StreamOutcome;

/** Codes after which list polling takes over for good: the stream is not offered to this key. */
const NOT_OFFERED: readonly (grpcStatus | string)[] = [
  grpcStatus.UNIMPLEMENTED,
  grpcStatus.PERMISSION_DENIED,
];

export class ChatStreamer {
  readonly #d: StreamerDeps;
  #failures = 0;
  #unavailable = 0;
  /** Why the chat is over (offlineAt, chatEndedEvent), once it is. */
  #ended: 'youtube.offline' | 'youtube.chat_ended' | null = null;
  #received = false;

  constructor(deps: StreamerDeps) {
    this.#d = deps;
  }

  async run(): Promise<StreamOutcome> {
    const { signal } = this.#d;
    while (!signal.aborted) {
      const end = await this.#call();
      if (this.#stopped()) return 'stop';
      if (this.#ended !== null) {
        this.#d.context.status('stopped', message(this.#ended));
        return 'stop';
      }
      const next = await this.#after(end);
      if (next !== 'again' && next !== 'now') return next;
    }
    return 'stop';
  }

  #stopped(): boolean {
    return this.#d.signal.aborted;
  }

  /** One StreamList call, from the last page token until it ends. */
  async #call(): Promise<StreamEnd> {
    const { chat, context, signal } = this.#d;
    this.#received = false;
    const handle = openChatStream(
      {
        url: this.#d.url,
        apiKey: this.#d.apiKey,
        liveChatId: chat.chatId,
        pageToken: chat.pageToken ?? null,
        idleMs: this.#d.timings.streamIdleMs,
      },
      {
        onPage: (page) => this.#onPage(page, handle.cancel),
        onMalformed: (reason) =>
          context.malformed(`A YouTube chat stream response could not be decoded: ${reason}`),
      },
    );
    const cancel = (): void => handle.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await handle.done;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  #onPage(page: StreamPage, cancel: () => void): boolean {
    if (!this.#d.takeItems(page.items)) return false;
    this.#d.chat.pageToken = page.nextPageToken ?? this.#d.chat.pageToken;
    if (!this.#received) {
      this.#received = true;
      this.#failures = 0;
      this.#unavailable = 0;
      this.#d.context.status(
        'connected',
        message('youtube.streaming', { video: this.#d.chat.videoId }),
      );
    }
    if (page.offlineAt) this.#ended = 'youtube.offline';
    else if (this.#d.chatEnded()) this.#ended = 'youtube.chat_ended';
    if (this.#ended !== null) cancel();
    return true;
  }

  /** What to do once a call ended: go on, wait and go on, poll instead, or stop. */
  async #after(end: StreamEnd): Promise<Next> {
    const { context, timings } = this.#d;
    if (end.code === 'end' && this.#received) return 'now';
    if (end.code === 'unstored') return this.#wait(timings.retry.initialMs, 'sources.not_stored');
    if (NOT_OFFERED.includes(end.code)) {
      context.status('reconnecting', message('youtube.stream_not_offered'), null);
      return { retryStreamInMs: Infinity };
    }
    switch (end.code) {
      case grpcStatus.NOT_FOUND:
      case grpcStatus.FAILED_PRECONDITION:
        context.status('stopped', message('youtube.chat_ended', {}, end.details));
        return 'stop';
      case grpcStatus.UNAUTHENTICATED:
        context.status('error', message('youtube.key_rejected', {}, end.details));
        return 'stop';
      case grpcStatus.INVALID_ARGUMENT:
        if (/api key/i.test(end.details)) {
          context.status('error', message('youtube.key_rejected', {}, end.details));
          return 'stop';
        }
        // Another bad argument (a page token YouTube no longer knows?): list says plainly.
        return { retryStreamInMs: timings.streamRetryMs };
      case grpcStatus.RESOURCE_EXHAUSTED:
        if (/quota/i.test(end.details)) {
          await this.#d.onQuotaGone();
          return 'again';
        }
        return this.#wait(this.#backoff(), 'youtube.stream_rate_limited', 'rate_limited');
      case grpcStatus.UNAVAILABLE:
        this.#unavailable += 1;
        if (this.#unavailable >= timings.streamFailuresBeforePolling) {
          context.status(
            'reconnecting',
            message('youtube.stream_unavailable', {
              count: this.#unavailable,
              minutes: Math.round(timings.streamRetryMs / 60_000),
            }),
            null,
          );
          return { retryStreamInMs: timings.streamRetryMs };
        }
        break;
      default:
        break;
    }
    return end.code === 'idle'
      ? this.#wait(this.#backoff(), 'youtube.stream_stalled')
      : this.#wait(this.#backoff(), 'youtube.stream_retrying', 'reconnecting', end);
  }

  #backoff(): number {
    this.#failures += 1;
    return backoffDelay(this.#failures, this.#d.timings.retry);
  }

  async #wait(
    ms: number,
    code: Message['code'],
    state: 'reconnecting' | 'rate_limited' = 'reconnecting',
    end?: StreamEnd,
  ): Promise<'again'> {
    const { clock, context, signal } = this.#d;
    const params = {
      seconds: (ms / 1000).toFixed(1),
      ...(end ? { status: typeof end.code === 'number' ? grpcStatus[end.code] : end.code } : {}),
    };
    context.status(state, message(code, params, end?.details || null), new Date(clock.now() + ms));
    await clock.pause(ms, signal);
    return 'again';
  }
}
