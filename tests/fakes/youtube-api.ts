// A local stand-in for the YouTube Data API v3 endpoints Panelcast uses (videos.list for the
// live chat id, liveChatMessages.list with page tokens, pollingIntervalMillis, offlineAt,
// messageDeletedEvent and userBannedEvent), with Google's error envelope and a quota count (1 unit
// per videos.list, 5 per chat page), so @googleapis/youtube runs against it unchanged.
// Docs: https://developers.google.com/youtube/v3/live/docs/liveChatMessages/list,
// https://developers.google.com/youtube/v3/live/docs/liveChatMessages#resource,
// https://developers.google.com/youtube/v3/determine_quota_cost,
// https://developers.google.com/youtube/v3/docs/errors
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChatMessage {
  id: string;
  type:
    | 'textMessageEvent'
    | 'superChatEvent'
    | 'newSponsorEvent'
    | 'messageDeletedEvent'
    | 'messageRetractedEvent'
    | 'chatEndedEvent'
    | 'userBannedEvent';
  /** The message a messageDeletedEvent removes; the channel a userBannedEvent bans. */
  target?: string;
  text: string;
  author: { channelId: string; displayName: string; profileImageUrl: string };
  publishedAt: string;
  amount?: string;
}

export type YouTubeFault =
  | 'quotaExceeded'
  | 'liveChatEnded'
  | 'backendError'
  | 'rateLimitExceeded'
  | 'accessNotConfigured'
  | 'garbage'
  /** The connection is cut before an answer. */
  | 'drop'
  /** No answer at all: the request hangs until the client gives up. */
  | 'stall'
  /** The next page lists each of its messages twice. */
  | 'duplicate';

const REASONS: Record<
  Exclude<YouTubeFault, 'garbage' | 'drop' | 'stall' | 'duplicate'>,
  { code: number; domain: string; message: string }
> = {
  quotaExceeded: {
    code: 403,
    domain: 'youtube.quota',
    message:
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
  },
  liveChatEnded: {
    code: 403,
    domain: 'youtube.liveChat',
    message: 'The live chat is no longer live.',
  },
  backendError: { code: 503, domain: 'global', message: 'Backend Error' },
  accessNotConfigured: {
    code: 403,
    domain: 'usageLimits',
    message:
      'YouTube Data API v3 has not been used in project 123456789 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/youtube.googleapis.com/overview?project=123456789 then retry.',
  },
  rateLimitExceeded: {
    code: 403,
    domain: 'youtube.liveChat',
    message: 'The request was sent too soon after the previous one.',
  },
};

export class FakeYouTubeApi {
  readonly apiKey: string;
  readonly videoId = 'dQw4w9WgXcQ';
  liveChatId: string | null = 'Cg0KC2RRdzR3OVdnWGNRKicKGFVDX3g1WEc1';
  readonly messages: FakeChatMessage[] = [];
  readonly faults: YouTubeFault[] = [];
  pollingIntervalMillis = 100;
  pageSize = 5;
  readonly counts = { videos: 0, messages: 0 };
  /** Set when the stream ended: every chat page says so from then on. */
  offlineAt: string | null = null;
  /** Message ids removed by a moderator or a ban: no longer listed. */
  readonly removed = new Set<string>();
  /** Told of every new message (the streamList fake pushes it at once). */
  readonly listeners = new Set<() => void>();

  /** Quota units Google would have charged for what was asked of this fake. */
  get units(): number {
    return this.counts.videos + this.counts.messages * 5;
  }
  url = '';
  #server = http.createServer((req, res) => this.#handle(req, res));
  #next = 1;

  constructor(apiKey = 'AIzaSyFakeKeyForPanelcastTests0000000') {
    this.apiKey = apiKey;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  say(text: string, displayName = 'Viewer', extra: Partial<FakeChatMessage> = {}): FakeChatMessage {
    const n = this.#next++;
    const message: FakeChatMessage = {
      id: `LCC.CjgKDQoLZFF3NHc5V2dYY1EqJwoYVUM${n.toString(36).padStart(6, '0')}`,
      type: 'textMessageEvent',
      text,
      author: {
        channelId: `UC${String(n).padStart(22, 'x')}`,
        displayName,
        profileImageUrl: `https://yt3.ggpht.com/ytc/avatar-${n}=s88-c-k-c0x00ffffff-no-rj`,
      },
      publishedAt: new Date().toISOString(),
      ...extra,
    };
    this.messages.push(message);
    for (const listener of this.listeners) listener();
    return message;
  }

  /** A YouTube moderator deletes a message: it is no longer listed, and an event says so. */
  deleteMessage(id: string): void {
    this.removed.add(id);
    this.say('', 'Moderator', { type: 'messageDeletedEvent', target: id });
  }

  /** A YouTube moderator bans a viewer: their messages go, and an event says so. */
  ban(channelId: string): void {
    for (const m of this.messages) if (m.author.channelId === channelId) this.removed.add(m.id);
    this.say('', 'Moderator', { type: 'userBannedEvent', target: channelId });
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.searchParams.get('key') !== this.apiKey) {
      this.#error(
        res,
        400,
        'API key not valid. Please pass a valid API key.',
        'global',
        'badRequest',
        'INVALID_ARGUMENT',
      );
      return;
    }
    if (url.pathname === '/youtube/v3/videos') {
      this.counts.videos += 1;
      const ids = (url.searchParams.get('id') ?? '').split(',');
      const items = ids.includes(this.videoId)
        ? [
            {
              kind: 'youtube#video',
              etag: 'etag-video',
              id: this.videoId,
              liveStreamingDetails: {
                actualStartTime: '2026-11-23T19:00:00Z',
                concurrentViewers: '420',
                ...(this.liveChatId ? { activeLiveChatId: this.liveChatId } : {}),
              },
            },
          ]
        : [];
      this.#json(res, {
        kind: 'youtube#videoListResponse',
        etag: 'etag-list',
        items,
        pageInfo: { totalResults: items.length, resultsPerPage: items.length },
      });
      return;
    }
    if (url.pathname === '/youtube/v3/liveChat/messages') {
      this.counts.messages += 1;
      if (url.searchParams.get('liveChatId') !== this.liveChatId) {
        this.#error(
          res,
          404,
          'The live chat that you are trying to retrieve cannot be found.',
          'youtube.liveChat',
          'liveChatNotFound',
        );
        return;
      }
      const fault = this.faults.shift();
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault === 'stall') return;
      if (fault === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(
          JSON.stringify({
            kind: 'youtube#liveChatMessageListResponse',
            items: [{ id: 42, snippet: 'broken' }],
            pollingIntervalMillis: this.pollingIntervalMillis,
            nextPageToken: this.#token(this.#offset(url)),
          }),
        );
        return;
      }
      if (fault && fault !== 'duplicate') {
        const reason = REASONS[fault];
        this.#error(res, reason.code, reason.message, reason.domain, fault);
        return;
      }
      const offset = this.#offset(url);
      const slice = this.messages.slice(offset, offset + this.pageSize);
      const page = slice.filter((m) => !this.removed.has(m.id));
      const next = offset + slice.length;
      this.#json(res, {
        kind: 'youtube#liveChatMessageListResponse',
        etag: `etag-${next}`,
        pollingIntervalMillis: this.pollingIntervalMillis,
        ...(this.offlineAt ? { offlineAt: this.offlineAt } : {}),
        nextPageToken: this.#token(next),
        pageInfo: { totalResults: this.messages.length - offset, resultsPerPage: page.length },
        items: (fault === 'duplicate' ? [...page, ...page] : page).map((m) => this.#item(m)),
      });
      return;
    }
    this.#error(res, 404, 'Not Found', 'global', 'notFound');
  }

  #offset(url: URL): number {
    return offsetOf(url.searchParams.get('pageToken'));
  }

  #token(offset: number): string {
    return pageToken(offset);
  }

  #item(m: FakeChatMessage): object {
    const snippet: Record<string, unknown> = {
      type: m.type,
      liveChatId: this.liveChatId,
      authorChannelId: m.author.channelId,
      publishedAt: m.publishedAt,
      hasDisplayContent: true,
      displayMessage:
        m.type === 'superChatEvent'
          ? `${m.amount ?? ''} from ${m.author.displayName}: "${m.text}"`
          : m.text,
    };
    if (m.type === 'textMessageEvent') snippet.textMessageDetails = { messageText: m.text };
    if (m.type === 'messageDeletedEvent') {
      snippet.hasDisplayContent = false;
      snippet.displayMessage = '';
      snippet.messageDeletedDetails = { deletedMessageId: m.target };
    }
    if (m.type === 'messageRetractedEvent' || m.type === 'chatEndedEvent') {
      snippet.hasDisplayContent = false;
      snippet.displayMessage = '';
      if (m.target) snippet.messageRetractedDetails = { retractedMessageId: m.target };
    }
    if (m.type === 'userBannedEvent') {
      snippet.hasDisplayContent = false;
      snippet.displayMessage = '';
      snippet.userBannedDetails = {
        bannedUserDetails: {
          channelId: m.target,
          channelUrl: `http://www.youtube.com/channel/${m.target ?? ''}`,
          displayName: 'Banned viewer',
          profileImageUrl: 'https://yt3.ggpht.com/ytc/banned=s88',
        },
        banType: 'permanent',
      };
    }
    if (m.type === 'superChatEvent') {
      snippet.superChatDetails = {
        amountMicros: '5000000',
        currency: 'EUR',
        amountDisplayString: m.amount ?? '€5.00',
        userComment: m.text,
        tier: 2,
      };
    }
    return {
      kind: 'youtube#liveChatMessage',
      etag: `etag-${m.id}`,
      id: m.id,
      snippet,
      authorDetails: {
        channelId: m.author.channelId,
        channelUrl: `http://www.youtube.com/channel/${m.author.channelId}`,
        displayName: m.author.displayName,
        profileImageUrl: m.author.profileImageUrl,
        isVerified: false,
        isChatOwner: false,
        isChatSponsor: false,
        isChatModerator: false,
      },
    };
  }

  #json(res: http.ServerResponse, body: object): void {
    const text = JSON.stringify(body);
    res.writeHead(200, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  #error(
    res: http.ServerResponse,
    code: number,
    message: string,
    domain: string,
    reason: string,
    status?: string,
  ): void {
    const body = {
      error: {
        code,
        message,
        errors: [{ message, domain, reason }],
        ...(status ? { status } : {}),
      },
    };
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }
}

/** Page tokens as this fake (REST and streamList alike) hands them out: an offset, encoded. */
export function pageToken(offset: number): string {
  return Buffer.from(`page-${offset}`).toString('base64url');
}

export function offsetOf(token: string | null | undefined): number {
  return token ? Number(Buffer.from(token, 'base64url').toString().replace('page-', '')) || 0 : 0;
}
