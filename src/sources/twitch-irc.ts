// Twitch chat read anonymously over IRC on WebSocket, for channels where no account is
// connected (https://dev.twitch.tv/docs/chat/irc/): NICK justinfan…, the tags and commands
// capabilities, JOIN #channel; PRIVMSG carries the message with its id and display-name tags,
// CLEARMSG (target-msg-id) a deleted message and CLEARCHAT (target-user-id) a ban or timeout
// (https://dev.twitch.tv/docs/chat/irc/#twitch-irc-capabilities,
// https://dev.twitch.tv/docs/chat/irc-migration/). Twitch PINGs and expects PONG; RECONNECT asks
// the client to reconnect. Reading is all an anonymous connection can do, and as with EventSub,
// messages sent while Panelcast was not connected cannot be fetched afterwards.
import WebSocket from 'ws';
import { backoffDelay } from '../shared/backoff.js';
import { message } from '../shared/messages/message.js';
import {
  pause,
  type CommentSource,
  type SourceContext,
  endOnFatal,
  SourceFatal,
} from './source.js';
import { ChatInbox, TWITCH_CHANNEL, TWITCH_IRC_WS, frameText } from './twitch-chat.js';
import { TWITCH_TIMINGS, type TwitchTimings } from './twitch-eventsub.js';

export const ANONYMOUS_NICK = 'justinfan12345';

export interface IrcLine {
  tags: Map<string, string>;
  prefix: string | null;
  command: string;
  params: string[];
}

const TAG_ESCAPES: Record<string, string> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/** One IRC line with IRCv3 tags (https://ircv3.net/specs/extensions/message-tags); null: unreadable. */
export function parseIrcLine(line: string): IrcLine | null {
  let rest = line;
  const tags = new Map<string, string>();
  if (rest.startsWith('@')) {
    const space = rest.indexOf(' ');
    if (space === -1) return null;
    for (const pair of rest.slice(1, space).split(';')) {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      const raw = eq === -1 ? '' : pair.slice(eq + 1);
      tags.set(
        key,
        raw.replace(/\\(.?)/g, (_, c: string) => TAG_ESCAPES[c] ?? c),
      );
    }
    rest = rest.slice(space + 1).trimStart();
  }
  let prefix: string | null = null;
  if (rest.startsWith(':')) {
    const space = rest.indexOf(' ');
    if (space === -1) return null;
    prefix = rest.slice(1, space);
    rest = rest.slice(space + 1).trimStart();
  }
  const colon = rest.indexOf(' :');
  const trailing = colon === -1 ? null : rest.slice(colon + 2);
  const words = (colon === -1 ? rest : rest.slice(0, colon)).split(' ').filter(Boolean);
  const command = words.shift();
  if (command === undefined || !/^([A-Za-z]+|\d{3})$/.test(command)) return null;
  return {
    tags,
    prefix,
    command: command.toUpperCase(),
    params: trailing === null ? words : [...words, trailing],
  };
}

export interface TwitchIrcConfig {
  channel: string;
  /** A test server (ws on the same host, path /irc); null: Twitch's. */
  apiBaseUrl: string | null;
}

export class TwitchIrcSource implements CommentSource {
  readonly #config: TwitchIrcConfig;
  readonly #context: SourceContext;
  readonly #t: TwitchTimings;
  readonly #abort = new AbortController();
  readonly #inbox: ChatInbox;
  #run: Promise<void> = Promise.resolve();

  constructor(
    config: TwitchIrcConfig,
    context: SourceContext,
    timings: Partial<TwitchTimings> = {},
  ) {
    this.#config = config;
    this.#context = context;
    this.#t = { ...TWITCH_TIMINGS, ...timings };
    this.#inbox = new ChatInbox(context, config.channel);
  }

  start(): void {
    this.#run = endOnFatal(this.#loop(), this.#context);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#run;
  }

  /** A method, not a field read: the signal changes while the loop awaits. */
  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async #loop(): Promise<void> {
    const channel = this.#config.channel;
    if (!TWITCH_CHANNEL.test(channel))
      throw new SourceFatal(message('twitch.not_a_channel', { channel }));
    let failures = 0;
    while (!this.#abort.signal.aborted) {
      this.#context.status('connecting', message('twitch.connecting', { channel }));
      const why = await this.#connection(() => (failures = 0));
      if (this.#stopped()) return;
      const wait = backoffDelay((failures += 1), this.#t.retry);
      this.#context.status(
        'reconnecting',
        message('twitch.dropped', { seconds: (wait / 1000).toFixed(1) }, why),
        new Date(Date.now() + wait),
      );
      await pause(wait, this.#abort.signal);
    }
  }

  #url(): string {
    const base = this.#config.apiBaseUrl;
    return base === null ? TWITCH_IRC_WS : `${base.replace(/^http/, 'ws')}/irc`;
  }

  /** One connection; resolves with why it ended. */
  #connection(onJoined: () => void): Promise<string> {
    const channel = this.#config.channel.toLowerCase();
    return new Promise<string>((resolve) => {
      const socket = new WebSocket(this.#url(), { handshakeTimeout: this.#t.requestTimeoutMs });
      let idle: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (why: string): void => {
        if (done) return;
        done = true;
        clearTimeout(idle);
        this.#abort.signal.removeEventListener('abort', onAbort);
        socket.terminate();
        resolve(why);
      };
      const onAbort = (): void => finish('stopped');
      this.#abort.signal.addEventListener('abort', onAbort);
      // Silence: ask with PING; no PONG in time means the connection is gone.
      const arm = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          socket.send('PING :panelcast');
          idle = setTimeout(() => finish('no answer to PING'), this.#t.ircPongTimeoutMs);
        }, this.#t.ircPingAfterMs);
      };
      socket.on('open', () => {
        socket.send('CAP REQ :twitch.tv/tags twitch.tv/commands');
        socket.send(`NICK ${ANONYMOUS_NICK}`);
        socket.send(`JOIN #${channel}`);
        arm();
      });
      socket.on('message', (data) => {
        arm();
        for (const line of frameText(data).split('\r\n')) {
          if (line === '') continue;
          const why = this.#line(line, socket, channel, onJoined);
          if (why !== null) finish(why);
        }
      });
      socket.on('error', (error) => finish(error.message));
      socket.on('close', (code) => finish(`closed (${code})`));
    });
  }

  /** Handles one line; returns why the connection must end, else null. */
  #line(text: string, socket: WebSocket, channel: string, onJoined: () => void): string | null {
    const line = parseIrcLine(text);
    if (line === null) {
      this.#context.malformed(`A Twitch IRC line could not be read: ${text.slice(0, 80)}`);
      return null;
    }
    this.#inbox.retry();
    switch (line.command) {
      case 'PING':
        socket.send(`PONG :${line.params.at(-1) ?? 'tmi.twitch.tv'}`);
        return null;
      case 'RECONNECT':
        return 'Twitch asked to reconnect';
      case 'JOIN':
        if (line.prefix?.startsWith(`${ANONYMOUS_NICK}!`) && line.params[0] === `#${channel}`) {
          onJoined();
          this.#context.status(
            'connected',
            message('twitch.irc_live', { channel: this.#config.channel }),
          );
        }
        return null;
      case 'PRIVMSG':
        this.#privmsg(line);
        return null;
      case 'CLEARMSG':
        return this.#tagged(line, 'target-msg-id', (id) => this.#inbox.deleted(id));
      case 'CLEARCHAT':
        // Without target-user-id the whole chat was cleared: no one's post was taken back.
        if (line.tags.has('target-user-id')) {
          return this.#tagged(line, 'target-user-id', (id) => this.#inbox.cleared(id));
        }
        return null;
      default:
        return null;
    }
  }

  #tagged(line: IrcLine, tag: string, then: (value: string) => void): null {
    const value = line.tags.get(tag);
    if (value) then(value);
    else this.#context.malformed(`A Twitch ${line.command} without ${tag}`);
    return null;
  }

  #privmsg(line: IrcLine): void {
    const id = line.tags.get('id');
    const userId = line.tags.get('user-id');
    const login = line.prefix?.split('!')[0] ?? '';
    const text = line.params[1];
    if (!id || !userId || !login || text === undefined) {
      this.#context.malformed('A Twitch PRIVMSG without id, user-id, sender or text');
      return;
    }
    if (!text.trim()) return;
    this.#inbox.message({
      id,
      userId,
      login,
      displayName: line.tags.get('display-name') ?? login,
      text,
      sentAt: Number(line.tags.get('tmi-sent-ts')),
    });
  }
}
