// YouTube live chat with an API key: from a video URL or id it finds the active live chat
// (@googleapis/youtube), then reads it through liveChatMessages.streamList (gRPC, pushed as written)
// or, where the stream is not available, polls liveChatMessages.list as YouTube asks
// (pollingIntervalMillis, nextPageToken), slower where the daily quota would not last the show. Super Chats are
// flagged; deletions and bans take comments back; offlineAt ends the chat. A used-up quota, an
// API not turned on, an ended chat or a rejected key are said plainly; transient errors retry.
import { youtube, type youtube_v3 } from '@googleapis/youtube';
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { message } from '../shared/messages/message.js';
import { describeZodError } from '../shared/validation.js';
import {
  NotStored,
  beforeWindow,
  clockTime,
  realClock,
  type CommentSource,
  type SourceClock,
  type SourceContext,
} from './source.js';
import { COST, DAILY_UNITS, QuotaBudget, type QuotaDay } from './youtube-quota.js';
import { YOUTUBE_GRPC_URL, videoIdFrom } from './youtube-video.js';
import { ChatStreamer, type ChatPosition, type StreamerDeps } from './youtube-streamer.js';

export interface YouTubeSourceConfig {
  apiKey: string;
  /** A video URL (watch, live, youtu.be) or its 11-character id. */
  video: string;
  /** Another API root (tests use a local fake); null for YouTube's own. */
  rootUrl: string | null;
  /** The planned length of the show; the daily quota is spread over it. */
  showMinutes: number;
  /**
   * Where liveChatMessages.streamList is called (YOUTUBE_GRPC_URL, or a local fake in tests);
   * null: list polling only.
   */
  streamUrl: string | null;
}

export interface YouTubeSourceOptions {
  timings?: Partial<YouTubeTimings>;
  clock?: SourceClock;
  /** Units already spent today (kept across restarts), and where to keep the new count. */
  quota?: QuotaDay | null;
  onQuota?: (day: QuotaDay) => void;
}

export interface YouTubeTimings {
  /** Polling faster than YouTube asks only burns quota; never faster than this either. */
  minPollMs: number;
  /** How often to look again for a live chat that has not started yet. */
  waitForChatMs: number;
  retry: BackoffPolicy;
  /** Cap on the wait after the quota ran out (it resets at midnight Pacific time). */
  maxQuotaWaitMs: number;
  /** The project's daily quota: 10,000 units unless Google granted more. */
  dailyUnits: number;
  /** A request without an answer for this long is given up (a stalled connection). */
  requestTimeoutMs: number;
  /** A chat stream silent this long is opened again from its page token (nothing is lost). */
  streamIdleMs: number;
  /** UNAVAILABLE this many times in a row: poll with list for a while instead. */
  streamFailuresBeforePolling: number;
  /** How long to poll before the stream is tried again after it kept failing. */
  streamRetryMs: number;
}

export const YOUTUBE_TIMINGS: YouTubeTimings = {
  minPollMs: 1000,
  waitForChatMs: 30_000,
  retry: { initialMs: 1000, maxMs: 30_000, jitter: 0.2 },
  maxQuotaWaitMs: 24 * 3600_000,
  dailyUnits: DAILY_UNITS,
  requestTimeoutMs: 20_000,
  streamIdleMs: 120_000,
  streamFailuresBeforePolling: 3,
  streamRetryMs: 10 * 60_000,
};

const itemSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({
    type: z.string(),
    publishedAt: z.string(),
    displayMessage: z.string().optional(),
    textMessageDetails: z.object({ messageText: z.string() }).optional(),
    superChatDetails: z
      .object({ amountDisplayString: z.string(), userComment: z.string().optional() })
      .optional(),
    messageDeletedDetails: z.object({ deletedMessageId: z.string() }).optional(),
    messageRetractedDetails: z.object({ retractedMessageId: z.string() }).optional(),
    userBannedDetails: z
      .object({ bannedUserDetails: z.object({ channelId: z.string() }) })
      .optional(),
  }),
  authorDetails: z.object({
    channelId: z.string(),
    displayName: z.string(),
    profileImageUrl: z.string().optional(),
    channelUrl: z.string().optional(),
  }),
});

interface GoogleError {
  status: number | null;
  reason: string | null;
  message: string;
}

function googleError(error: unknown): GoogleError {
  const e = error as {
    response?: {
      status?: number;
      data?: { error?: { message?: string; errors?: { reason?: string }[] } };
    };
    message?: string;
  };
  const body = e.response?.data?.error;
  return {
    status: e.response?.status ?? null,
    reason: body?.errors?.[0]?.reason ?? null,
    message: body?.message ?? e.message ?? String(error),
  };
}

/** Next midnight in America/Los_Angeles, when the YouTube API quota resets. */
export function nextPacificMidnight(now: Date): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const secondsToday = get('hour') * 3600 + get('minute') * 60 + get('second');
  return new Date(now.getTime() + (86_400 - secondsToday) * 1000);
}

export class YouTubeSource implements CommentSource {
  readonly #config: YouTubeSourceConfig;
  readonly #context: SourceContext;
  readonly #timings: YouTubeTimings;
  readonly #api: youtube_v3.Youtube;
  readonly #abort = new AbortController();
  readonly #clock: SourceClock;
  readonly #quota: QuotaBudget;
  readonly #onQuota: (day: QuotaDay) => void;
  /** Message ids per author channel, so a ban can take back everything its author wrote. */
  readonly #byChannel = new Map<string, string[]>();
  /** Deleted before we saw them: never taken in. */
  readonly #deleted = new Set<string>();
  /** A chatEndedEvent came: nothing more will be said. */
  #chatEnded = false;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: YouTubeSourceConfig,
    context: SourceContext,
    options: YouTubeSourceOptions = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#timings = { ...YOUTUBE_TIMINGS, ...options.timings };
    this.#clock = options.clock ?? realClock;
    this.#onQuota = options.onQuota ?? (() => undefined);
    this.#quota = new QuotaBudget({
      showMs: config.showMinutes * 60_000,
      now: this.#clock.now(),
      saved: options.quota ?? null,
      dailyUnits: this.#timings.dailyUnits,
    });
    this.#api = youtube({
      version: 'v3',
      auth: config.apiKey,
      ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}),
      retry: false,
    });
  }

  start(): void {
    this.#run = this.#loop().catch((error: unknown) => {
      this.#context.status(
        'error',
        message('source.failed', {}, error instanceof Error ? error.message : String(error)),
      );
    });
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#run;
  }

  async #loop(): Promise<void> {
    const videoId = videoIdFrom(this.#config.video);
    if (videoId === null) {
      this.#context.status('error', message('youtube.not_a_video', { video: this.#config.video }));
      return;
    }
    const chatId = await this.#waitForChat(videoId);
    if (chatId === null) return;
    const chat: ChatPosition = { videoId, chatId, pageToken: undefined };
    // streamList first; list polling while the stream cannot be had (and for good after
    // UNIMPLEMENTED or PERMISSION_DENIED). Both resume from the last page token: no gap.
    let streamAt = this.#config.streamUrl === null ? Infinity : 0;
    while (!this.#abort.signal.aborted) {
      if (this.#clock.now() >= streamAt) {
        const outcome = await new ChatStreamer(this.#streamDeps(chat)).run();
        if (outcome === 'stop') return;
        streamAt = this.#clock.now() + outcome.retryStreamInMs;
      }
      if ((await this.#poll(chat, streamAt)) === 'stop') return;
    }
  }

  #streamDeps(chat: ChatPosition): StreamerDeps {
    return {
      url: this.#config.streamUrl ?? YOUTUBE_GRPC_URL,
      apiKey: this.#config.apiKey,
      chat,
      context: this.#context,
      timings: this.#timings,
      clock: this.#clock,
      signal: this.#abort.signal,
      takeItems: (items) => this.#takeItems(items, chat.videoId),
      chatEnded: () => this.#chatEnded,
      onQuotaGone: () => this.#quotaWait(),
    };
  }

  /** One chat page; the quota display counts it as soon as YouTube could have (even if cut). */
  async #listPage(chat: ChatPosition, signal: AbortSignal) {
    this.#spend(COST.chatPage);
    try {
      return await this.#api.liveChatMessages.list(
        {
          liveChatId: chat.chatId,
          part: ['snippet', 'authorDetails'],
          maxResults: 2000,
          ...(chat.pageToken ? { pageToken: chat.pageToken } : {}),
        },
        { signal, timeout: this.#timings.requestTimeoutMs },
      );
    } finally {
      this.#publishQuota();
    }
  }

  /** A method, not a property read: the compiler must not assume it stays false in a loop. */
  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** The video's live chat id, looked for until there is one; null when the source stops. */
  async #waitForChat(videoId: string): Promise<string | null> {
    const signal = this.#abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        this.#context.status('connecting', message('youtube.looking', { video: videoId }));
        const found = await this.#findChat(videoId);
        if (found !== 'missing' && found.chatId !== null) return found.chatId;
        failures = 0;
        const wait = this.#timings.waitForChatMs;
        this.#context.status(
          'reconnecting',
          message(found === 'missing' ? 'youtube.no_video' : 'youtube.no_chat', {
            video: videoId,
            seconds: Math.round(wait / 1000),
          }),
          new Date(this.#clock.now() + wait),
        );
        await this.#clock.pause(wait, signal);
      } catch (error) {
        if (this.#stopped()) return null;
        if ((await this.#onError(googleError(error), (failures += 1))) === 'stop') return null;
      }
    }
    return null;
  }

  /** Polls liveChatMessages.list until `until` (then the stream is tried again) or the end. */
  async #poll(chat: ChatPosition, until: number): Promise<'stop' | 'again'> {
    const signal = this.#abort.signal;
    let failures = 0;
    while (!signal.aborted && this.#clock.now() < until) {
      let wait: number;
      try {
        const page = await this.#listPage(chat, signal);
        failures = 0;
        if (!(await this.#takePage(page.data.items ?? [], chat.videoId, signal))) continue;
        chat.pageToken = page.data.nextPageToken ?? chat.pageToken;
        if (page.data.offlineAt || this.#chatEnded) {
          const code = page.data.offlineAt ? 'youtube.offline' : 'youtube.chat_ended';
          this.#context.status('stopped', message(code));
          return 'stop';
        }
        const asked = Math.max(this.#timings.minPollMs, page.data.pollingIntervalMillis ?? 5000);
        wait = this.#quota.nextPollMs(asked, this.#clock.now());
        this.#publishQuota();
        this.#context.status('connected', message('youtube.reading', { video: chat.videoId }));
      } catch (error) {
        if (this.#stopped()) return 'stop';
        if ((await this.#onError(googleError(error), (failures += 1))) === 'stop') return 'stop';
        continue;
      }
      await this.#clock.pause(wait, signal);
    }
    return signal.aborted ? 'stop' : 'again';
  }

  /** Says what went wrong; waits where waiting helps, or tells the loop to stop. */
  async #onError(e: GoogleError, failures: number): Promise<'again' | 'stop'> {
    const signal = this.#abort.signal;
    switch (e.reason) {
      case 'liveChatEnded':
      case 'liveChatNotFound':
        this.#context.status('stopped', message('youtube.chat_ended'));
        return 'stop';
      case 'liveChatDisabled':
        this.#context.status('error', message('youtube.chat_disabled'));
        return 'stop';
      case 'accessNotConfigured':
        // Retrying cannot help until someone turns the API on for the key's project.
        this.#context.status('error', message('youtube.access_not_configured'), null);
        return 'stop';
      case 'quotaExceeded':
      case 'dailyLimitExceeded':
        await this.#quotaWait();
        return 'again';
      default:
        break;
    }
    if (e.status === 400 || e.status === 401 || (e.status === 403 && e.reason === 'forbidden')) {
      this.#context.status('error', message('youtube.key_rejected', {}, e.message));
      return 'stop';
    }
    const wait = backoffDelay(failures, this.#timings.retry);
    this.#context.status(
      'reconnecting',
      message(
        'youtube.retrying',
        { status: e.status ?? '—', seconds: (wait / 1000).toFixed(1) },
        e.reason ?? e.message,
      ),
      new Date(this.#clock.now() + wait),
    );
    await this.#clock.pause(wait, signal);
    return 'again';
  }

  /** One wait until Google's new day, not a loop of refused (and still charged) calls. */
  async #quotaWait(): Promise<void> {
    const reset = nextPacificMidnight(new Date(this.#clock.now()));
    const wait = Math.min(this.#timings.maxQuotaWaitMs, reset.getTime() - this.#clock.now());
    this.#context.status(
      'rate_limited',
      message('youtube.quota_exceeded', { time: clockTime(reset) }),
      new Date(this.#clock.now() + wait),
    );
    await this.#clock.pause(wait, this.#abort.signal);
  }

  #spend(units: number): void {
    this.#quota.spend(units, this.#clock.now());
    this.#onQuota(this.#quota.day);
  }

  #publishQuota(): void {
    const now = this.#clock.now();
    this.#context.quota(this.#quota.reading(now, nextPacificMidnight(new Date(now))));
  }

  /** The video's active live chat id; null while it has none; "missing" when no such video. */
  async #findChat(videoId: string): Promise<{ chatId: string | null } | 'missing'> {
    this.#spend(COST.videoLookup);
    const response = await this.#api.videos.list(
      { id: [videoId], part: ['liveStreamingDetails'] },
      { signal: this.#abort.signal, timeout: this.#timings.requestTimeoutMs },
    );
    const video = response.data.items?.[0];
    if (!video) return 'missing';
    return { chatId: video.liveStreamingDetails?.activeLiveChatId ?? null };
  }

  /**
   * Takes a page of chat messages; false (after a pause) when one could not be saved, so the
   * page token stays and the page is fetched again.
   */
  async #takePage(
    items: readonly unknown[],
    videoId: string,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (this.#takeItems(items, videoId)) return true;
    const wait = this.#timings.retry.initialMs;
    this.#context.status(
      'reconnecting',
      message('sources.not_stored'),
      new Date(this.#clock.now() + wait),
    );
    await this.#clock.pause(wait, signal);
    return false;
  }

  /** Takes items in order; false when one could not be saved (the cursor must not move on). */
  #takeItems(items: readonly unknown[], videoId: string): boolean {
    try {
      for (const item of items) this.#take(item, videoId);
      return true;
    } catch (error) {
      if (!(error instanceof NotStored)) throw error;
      return false;
    }
  }

  #take(raw: unknown, videoId: string): void {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      this.#context.malformed(
        `A YouTube chat message could not be read: ${describeZodError(parsed.error)}`,
      );
      return;
    }
    const { id, snippet, authorDetails: author } = parsed.data;
    if (snippet.type === 'messageDeletedEvent' && snippet.messageDeletedDetails) {
      this.#retract([snippet.messageDeletedDetails.deletedMessageId]);
      return;
    }
    if (snippet.type === 'messageRetractedEvent' && snippet.messageRetractedDetails) {
      this.#retract([snippet.messageRetractedDetails.retractedMessageId]);
      return;
    }
    if (snippet.type === 'chatEndedEvent') {
      this.#chatEnded = true;
      return;
    }
    if (snippet.type === 'userBannedEvent' && snippet.userBannedDetails) {
      const channel = snippet.userBannedDetails.bannedUserDetails.channelId;
      this.#retract(this.#byChannel.get(channel) ?? []);
      return;
    }
    let text: string | undefined;
    let superchat: { amount: string } | null = null;
    if (snippet.type === 'textMessageEvent') {
      text = snippet.textMessageDetails?.messageText ?? snippet.displayMessage;
    } else if (snippet.type === 'superChatEvent' && snippet.superChatDetails) {
      superchat = { amount: snippet.superChatDetails.amountDisplayString };
      text = snippet.superChatDetails.userComment || snippet.displayMessage;
    } else {
      return; // memberships, polls: not questions
    }
    if (!text?.trim() || this.#deleted.has(id)) return;
    // The chat is read from its start: what was said before the show's window is not its own.
    if (beforeWindow(this.#context, snippet.publishedAt)) return;
    const comment: IncomingComment = {
      platform: 'youtube',
      platformId: id,
      author: {
        name: author.displayName.trim() || 'YouTube viewer',
        handle: null,
        avatarUrl: author.profileImageUrl?.startsWith('https://') ? author.profileImageUrl : null,
        profileUrl: `https://www.youtube.com/channel/${author.channelId}`,
      },
      text,
      createdAt: snippet.publishedAt,
      url: `https://www.youtube.com/watch?v=${videoId}`,
      superchat,
    };
    // Remembered for duplicates too: after a restart the chat is read again from its start.
    const ids = this.#byChannel.get(author.channelId) ?? [];
    if (!ids.includes(id)) this.#byChannel.set(author.channelId, [...ids, id]);
    // The page token moves on only once the whole page is saved.
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(id);
  }

  #retract(ids: readonly string[]): void {
    for (const id of ids) {
      this.#deleted.add(id);
      this.#context.retract(id);
    }
  }
}
