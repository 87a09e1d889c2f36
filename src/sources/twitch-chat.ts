// What Twitch's two chat paths (EventSub and anonymous IRC) share: the comment a chat message
// becomes, the messages each chatter sent this session (a ban or timeout clears them all, and
// Twitch names only the user), and holding on to what could not be saved. Twitch keeps no chat
// history an app can read: a message is taken live or never, so nothing here is dropped while
// the store is busy; it is tried again with the next event.
import type { RawData } from 'ws';
import type { IncomingComment } from '../shared/comment-schema.js';
import { NotStored, type SourceContext } from './source.js';

export const TWITCH_API = 'https://api.twitch.tv';
export const TWITCH_EVENTSUB_WS = 'wss://eventsub.wss.twitch.tv/ws';
export const TWITCH_IRC_WS = 'wss://irc-ws.chat.twitch.tv:443';
/** Twitch login names: letters, digits and underscores (4 to 25 today; some old ones have 3). */
export const TWITCH_CHANNEL = /^[a-zA-Z0-9_]{3,25}$/;
/** How many message ids per session are remembered for retracting a banned chatter's messages. */
const REMEMBERED = 20_000;

export interface ChatMessage {
  id: string;
  userId: string;
  login: string;
  displayName: string;
  text: string;
  /** ms since epoch */
  sentAt: number;
}

export function chatComment(channel: string, m: ChatMessage): IncomingComment {
  return {
    platform: 'twitch',
    platformId: m.id,
    author: {
      name: m.displayName.trim() || m.login,
      handle: m.login,
      avatarUrl: null,
      profileUrl: `https://www.twitch.tv/${encodeURIComponent(m.login)}`,
    },
    text: m.text,
    createdAt: new Date(Number.isFinite(m.sentAt) ? m.sentAt : Date.now()).toISOString(),
    url: `https://www.twitch.tv/${encodeURIComponent(channel.toLowerCase())}`,
    superchat: null,
  };
}

type InboxItem = { kind: 'message'; m: ChatMessage } | { kind: 'retract'; id: string };

/** Takes messages and retractions in order; keeps what could not be saved for the next try. */
export class ChatInbox {
  readonly #context: SourceContext;
  readonly #channel: string;
  readonly #byUser = new Map<string, string[]>();
  #remembered = 0;
  readonly #pending: InboxItem[] = [];

  constructor(context: SourceContext, channel: string) {
    this.#context = context;
    this.#channel = channel;
  }

  message(m: ChatMessage): void {
    this.#push({ kind: 'message', m });
  }

  /** A moderator deleted one message. */
  deleted(id: string): void {
    this.#push({ kind: 'retract', id });
  }

  /** A chatter was banned or timed out: Twitch clears all their messages. */
  cleared(userId: string): void {
    const ids = this.#byUser.get(userId) ?? [];
    this.#byUser.delete(userId);
    for (const id of ids) this.#push({ kind: 'retract', id });
  }

  /** Tries again what the store could not take (a later event also does). */
  retry(): void {
    while (this.#pending.length > 0) {
      const next = this.#pending[0];
      if (next === undefined || !this.#apply(next)) return;
      this.#pending.shift();
    }
  }

  #push(item: InboxItem): void {
    this.#pending.push(item);
    this.retry();
  }

  #apply(item: InboxItem): boolean {
    try {
      if (item.kind === 'retract') {
        this.#context.retract(item.id);
        return true;
      }
      const outcome = this.#context.ingest(chatComment(this.#channel, item.m));
      if (outcome === 'unstored') throw new NotStored(item.m.id);
      if (outcome === 'added') this.#remember(item.m);
      return true;
    } catch (error) {
      if (!(error instanceof NotStored)) throw error;
      this.#context.logger.warn('a Twitch chat event could not be saved; trying again', {});
      return false;
    }
  }

  #remember(m: ChatMessage): void {
    if (this.#remembered >= REMEMBERED) {
      this.#byUser.clear();
      this.#remembered = 0;
    }
    const ids = this.#byUser.get(m.userId) ?? [];
    ids.push(m.id);
    this.#byUser.set(m.userId, ids);
    this.#remembered += 1;
  }
}

/** "2023-07-19T14:56:51.634234626Z" (RFC3339 with nanoseconds) → ms; NaN when unreadable. */
export function twitchTime(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

/** A WebSocket frame's text (ws hands over whole frames: no character is split here). */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}
