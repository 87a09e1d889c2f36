// YouTube live chat through @googleapis/youtube with an API key: from a video URL or id it finds
// the active live chat, then polls liveChatMessages.list as YouTube asks (pollingIntervalMillis,
// nextPageToken). Super Chats are flagged. A used-up quota, an ended chat or a rejected key are
// said plainly; transient errors retry with backoff.
import { youtube, type youtube_v3 } from '@googleapis/youtube';
import { z } from 'zod';
import { backoffDelay, type BackoffPolicy } from '../shared/backoff.js';
import type { IncomingComment } from '../shared/comment-schema.js';
import { describeZodError } from '../shared/validation.js';
import { NotStored, clockTime, pause, type CommentSource, type SourceContext } from './source.js';

export interface YouTubeSourceConfig {
  apiKey: string;
  /** A video URL (watch, live, youtu.be) or its 11-character id. */
  video: string;
  /** Another API root (tests use a local fake); null for YouTube's own. */
  rootUrl: string | null;
}

export interface YouTubeTimings {
  /** Polling faster than YouTube asks only burns quota; never faster than this either. */
  minPollMs: number;
  /** How often to look again for a live chat that has not started yet. */
  waitForChatMs: number;
  retry: BackoffPolicy;
  /** Cap on the wait after the quota ran out (it resets at midnight Pacific time). */
  maxQuotaWaitMs: number;
}

export const YOUTUBE_TIMINGS: YouTubeTimings = {
  minPollMs: 1000,
  waitForChatMs: 30_000,
  retry: { initialMs: 1000, maxMs: 30_000, jitter: 0.2 },
  maxQuotaWaitMs: 24 * 3600_000,
};

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/** The 11-character id from a YouTube URL, or the id itself; null when it is neither. */
export function videoIdFrom(input: string): string | null {
  const text = input.trim();
  if (VIDEO_ID.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^(www|m|music)\./, '');
  let candidate: string | null = null;
  if (host === 'youtu.be') candidate = url.pathname.slice(1);
  else if (host === 'youtube.com') {
    candidate =
      url.searchParams.get('v') ??
      /^\/(?:live|shorts|embed)\/([^/?#]+)/.exec(url.pathname)?.[1] ??
      null;
  }
  return candidate !== null && VIDEO_ID.test(candidate) ? candidate : null;
}

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
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: YouTubeSourceConfig,
    context: SourceContext,
    timings: Partial<YouTubeTimings> = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#timings = { ...YOUTUBE_TIMINGS, ...timings };
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
        `YouTube chat stopped: ${error instanceof Error ? error.message : String(error)}`,
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
      this.#context.status('error', `"${this.#config.video}" is not a YouTube video URL or id.`);
      return;
    }
    const signal = this.#abort.signal;
    let chatId: string | null = null;
    let pageToken: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      let wait: number;
      try {
        if (chatId === null) {
          this.#context.status('connecting', `Looking for the live chat of video ${videoId}…`);
          const found = await this.#findChat(videoId);
          if (found === 'missing' || found.chatId === null) {
            wait = this.#timings.waitForChatMs;
            const why =
              found === 'missing'
                ? `There is no public YouTube video ${videoId} (private, deleted or mistyped?)`
                : `Video ${videoId} has no live chat right now (not live yet?)`;
            this.#context.status(
              'reconnecting',
              `${why}. Looking again in ${Math.round(wait / 1000)} s.`,
              new Date(Date.now() + wait),
            );
            await pause(wait, signal);
            continue;
          }
          chatId = found.chatId;
        }
        const page = await this.#api.liveChatMessages.list(
          {
            liveChatId: chatId,
            part: ['snippet', 'authorDetails'],
            maxResults: 2000,
            ...(pageToken ? { pageToken } : {}),
          },
          { signal },
        );
        failures = 0;
        if (!(await this.#takePage(page.data.items ?? [], videoId, signal))) continue;
        pageToken = page.data.nextPageToken ?? pageToken;
        if (page.data.offlineAt) {
          this.#context.status('stopped', 'The live stream has ended, and with it the chat.');
          return;
        }
        wait = Math.max(this.#timings.minPollMs, page.data.pollingIntervalMillis ?? 5000);
        this.#context.status('connected', `Reading the live chat of video ${videoId}.`);
      } catch (error) {
        if (this.#abort.signal.aborted) return;
        const e = googleError(error);
        switch (e.reason) {
          case 'liveChatEnded':
          case 'liveChatNotFound':
            this.#context.status(
              'stopped',
              'The live chat has ended (or was removed); nothing more to read.',
            );
            return;
          case 'liveChatDisabled':
            this.#context.status('error', 'Live chat is turned off for this video.');
            return;
          case 'quotaExceeded':
          case 'dailyLimitExceeded': {
            const reset = nextPacificMidnight(new Date());
            wait = Math.min(this.#timings.maxQuotaWaitMs, reset.getTime() - Date.now());
            this.#context.status(
              'rate_limited',
              `The YouTube API quota is used up until ${clockTime(reset)} (midnight Pacific time). Chat messages from meanwhile cannot be fetched.`,
              new Date(Date.now() + wait),
            );
            await pause(wait, signal);
            continue;
          }
          default:
            break;
        }
        if (
          e.status === 400 ||
          e.status === 401 ||
          (e.status === 403 && e.reason === 'forbidden')
        ) {
          this.#context.status('error', `YouTube rejected the API key: ${e.message}`);
          return;
        }
        failures += 1;
        wait = backoffDelay(failures, this.#timings.retry);
        this.#context.status(
          'reconnecting',
          `YouTube answered ${e.status ?? 'nothing'} (${e.reason ?? e.message}). Trying again in ${(wait / 1000).toFixed(1)} s.`,
          new Date(Date.now() + wait),
        );
      }
      await pause(wait, signal);
    }
  }

  /** The video's active live chat id; null while it has none; "missing" when no such video. */
  async #findChat(videoId: string): Promise<{ chatId: string | null } | 'missing'> {
    const response = await this.#api.videos.list(
      { id: [videoId], part: ['liveStreamingDetails'] },
      { signal: this.#abort.signal },
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
    try {
      for (const item of items) this.#take(item, videoId);
      return true;
    } catch (error) {
      if (!(error instanceof NotStored)) throw error;
      const wait = this.#timings.retry.initialMs;
      this.#context.status(
        'reconnecting',
        'Chat messages cannot be saved right now; they are fetched again once saving works.',
        new Date(Date.now() + wait),
      );
      await pause(wait, signal);
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
    let text: string | undefined;
    let superchat: { amount: string } | null = null;
    if (snippet.type === 'textMessageEvent') {
      text = snippet.textMessageDetails?.messageText ?? snippet.displayMessage;
    } else if (snippet.type === 'superChatEvent' && snippet.superChatDetails) {
      superchat = { amount: snippet.superChatDetails.amountDisplayString };
      text = snippet.superChatDetails.userComment || snippet.displayMessage;
    } else {
      return; // memberships, polls, deletions: not questions
    }
    if (!text?.trim()) return;
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
    // The page token moves on only once the whole page is saved.
    if (this.#context.ingest(comment) === 'unstored') throw new NotStored(id);
  }
}
