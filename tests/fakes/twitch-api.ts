// A local stand-in for Twitch chat: EventSub over WebSocket with the Helix subscription endpoint,
// and anonymous IRC over WebSocket, speaking their documented wire formats so the real sources
// run against it unchanged.
// - EventSub WebSocket: session_welcome (session id, keepalive_timeout_seconds from the URL,
//   10–600 on Twitch), session_keepalive during silence, notification, session_reconnect (with
//   reconnect_url; subscriptions move to the new connection), revocation; close codes 4001
//   (client sent inbound traffic) and 4003 (connection unused: no subscription within 10 s)
//   https://dev.twitch.tv/docs/eventsub/handling-websocket-events/
//   https://dev.twitch.tv/docs/eventsub/websocket-reference/
// - channel.chat.message / channel.chat.message_delete / channel.chat.clear_user_messages
//   (condition broadcaster_user_id + user_id; scope user:read:chat) and their event bodies
//   https://dev.twitch.tv/docs/eventsub/eventsub-subscription-types/#channelchatmessage
//   https://dev.twitch.tv/docs/eventsub/eventsub-reference/#channel-chat-message-event
// - Helix: POST /helix/eventsub/subscriptions → 202 {data,total,total_cost,max_total_cost}, 400
//   for a session that does not exist, 409 for one already held, 429 "number of websocket
//   transports limit exceeded" past 3 connections; GET /helix/users; every request needs
//   Client-Id and Authorization: Bearer; errors as {error, status, message}; rate-limit headers
//   Ratelimit-Limit / Ratelimit-Remaining / Ratelimit-Reset (epoch seconds, token bucket)
//   https://dev.twitch.tv/docs/api/reference/#create-eventsub-subscription
//   https://dev.twitch.tv/docs/api/reference/#get-users
//   https://dev.twitch.tv/docs/api/guide/#twitch-rate-limits
// - IRC over WebSocket (anonymous: NICK justinfan…): CAP REQ / ACK, 001–376, JOIN echo with
//   353/366 and ROOMSTATE, PRIVMSG with tags (id, display-name, user-id, tmi-sent-ts), CLEARMSG
//   (target-msg-id), CLEARCHAT (target-user-id), PING/PONG, RECONNECT; tag values escaped
//   https://dev.twitch.tv/docs/chat/irc/
//   https://dev.twitch.tv/docs/chat/irc-migration/ (wss://irc-ws.chat.twitch.tv)
//   https://dev.twitch.tv/docs/chat/irc/#twitch-irc-capabilities
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { frameText } from '../../src/sources/twitch-chat.js';

export const CHAT_SUBSCRIPTIONS = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
] as const;

interface EventSubSession {
  id: string;
  socket: WebSocket;
  subs: Map<string, string>;
  keepaliveSec: number;
  lastSent: number;
  stalled: boolean;
  timers: NodeJS.Timeout[];
  /** Closed for the client or handed over to a reconnected session. */
  gone: boolean;
}

interface IrcClient {
  socket: WebSocket;
  nick: string | null;
  tags: boolean;
  commands: boolean;
  channels: Set<string>;
  stalled: boolean;
}

interface FakeChatMessage {
  id: string;
  login: string;
  userId: string;
  displayName: string;
  text: string;
  sentAt: number;
}

export type HelixFault = 'rateLimit' | 'serverError';

const BUCKET = 800;

function escapeTag(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\:')
    .replace(/ /g, '\\s')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

/** RFC3339 with nanoseconds, as EventSub writes its timestamps. */
function nanoTime(ms = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '123456Z');
}

export class FakeTwitch {
  readonly clientId = 'wbmytr93xzw8zbg0p1izqyzzc5mbiz';
  readonly userToken = 'cfabdegwdoklmawdzdo98xt2fo512y';
  /**
   * Which user tokens Helix takes; a test with a fake authorization server (oauth-server.ts) takes
   * the tokens it issued and has not revoked, withdrawn or seen run out.
   */
  acceptToken: (token: string) => boolean = (token) => token === this.userToken;
  /** Helix requests answered 401 for a token it does not take. */
  refusedTokens = 0;
  readonly channel = 'nexttalk';
  readonly broadcasterId = '141981764';
  /** The account the user token belongs to (any account may read a chat). */
  readonly readerId = '902817364';
  scopes = ['user:read:chat'];
  /** Twitch accepts 10–600; tests lower the floor so a stall shows in a second. */
  keepaliveMinSeconds = 10;
  unusedCloseMs = 10_000;
  ircPingMs = 300_000;
  /** After session_reconnect the old connection closes with 4004 unless the client moved. */
  reconnectGraceMs = 30_000;
  /** EventSub connections welcomed so far (a reconnect opens a new one). */
  sessionsOpened = 0;
  rateLimitResetSec = 1;
  readonly helixFaults: HelixFault[] = [];
  /** Statuses the next WebSocket upgrades are refused with (a load balancer's 503). */
  readonly upgradeFaults: number[] = [];
  duplicateNext = 0;
  readonly messages: FakeChatMessage[] = [];
  readonly helixCalls: { method: string; path: string }[] = [];
  /** PONGs IRC clients sent in answer to Twitch's PING. */
  pongs = 0;
  /** Frames clients sent on EventSub (Twitch closes with 4001 on any). */
  inboundFrames = 0;
  url = '';
  readonly #sessions = new Map<string, EventSubSession>();
  readonly #irc = new Set<IrcClient>();
  readonly #server = http.createServer((req, res) => void this.#helix(req, res));
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #users = new Map<string, string>();
  #bucket = { left: BUCKET, resetAt: 0 };

  async start(): Promise<string> {
    this.#server.on('upgrade', (req, socket: Socket, head) => this.#upgrade(req, socket, head));
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.#sessions.values()) this.#end(s);
    for (const c of this.#irc) c.socket.terminate();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Open EventSub sessions holding at least one subscription. */
  liveSessions(): number {
    return [...this.#sessions.values()].filter((s) => !s.gone && s.subs.size > 0).length;
  }

  ircClients(): number {
    return [...this.#irc].filter((c) => c.channels.has(this.channel)).length;
  }

  /** A chatter writes in the channel's chat. */
  say(text: string, login = 'zuschauerin', displayName = login): FakeChatMessage {
    const m = {
      id: randomUUID(),
      login,
      userId: this.#userId(login),
      displayName,
      text,
      sentAt: Date.now(),
    };
    this.messages.push(m);
    const twice = this.duplicateNext > 0;
    if (twice) this.duplicateNext -= 1;
    for (let i = 0; i < (twice ? 2 : 1); i += 1) {
      this.#notify('channel.chat.message', this.#chatEvent(m), m.id);
      this.#ircSend(this.#privmsg(m));
    }
    return m;
  }

  /** A moderator deletes one message. */
  deleteMessage(id: string): void {
    const m = this.messages.find((x) => x.id === id);
    if (!m) return;
    this.#notify('channel.chat.message_delete', {
      ...this.#broadcaster(),
      target_user_id: m.userId,
      target_user_login: m.login,
      target_user_name: m.displayName,
      message_id: m.id,
    });
    const tags = `@login=${m.login};room-id=;target-msg-id=${m.id};tmi-sent-ts=${Date.now()}`;
    this.#ircSend(`${tags} :tmi.twitch.tv CLEARMSG #${this.channel} :${m.text}`, true);
  }

  /** A moderator bans a chatter: Twitch clears all their messages. */
  ban(login: string): void {
    const userId = this.#userId(login);
    this.#notify('channel.chat.clear_user_messages', {
      ...this.#broadcaster(),
      target_user_id: userId,
      target_user_login: login,
      target_user_name: login,
    });
    const tags = `@room-id=${this.broadcasterId};target-user-id=${userId};tmi-sent-ts=${Date.now()}`;
    this.#ircSend(`${tags} :tmi.twitch.tv CLEARCHAT #${this.channel} :${login}`, true);
  }

  /** Every connection is cut without a close frame. */
  drop(): void {
    for (const s of this.#sessions.values()) this.#end(s, true);
    for (const c of this.#irc) c.socket.terminate();
  }

  /** Every connection stays open and goes silent (no keepalive, no PONG, no messages). */
  stall(): void {
    for (const s of this.#sessions.values()) s.stalled = true;
    for (const c of this.#irc) c.stalled = true;
  }

  /** Twitch moves the sessions to another edge server: session_reconnect / RECONNECT. */
  reconnect(): void {
    for (const s of this.#liveSessions()) {
      const url = `${this.url.replace(/^http/, 'ws')}/ws?reconnect=${s.id}`;
      this.#send(s, 'session_reconnect', {
        session: {
          id: s.id,
          status: 'reconnecting',
          keepalive_timeout_seconds: null,
          reconnect_url: url,
          connected_at: nanoTime(),
          recovery_url: null,
        },
      });
    }
    for (const s of this.#liveSessions()) {
      s.timers.push(
        setTimeout(() => {
          if (!s.gone) s.socket.close(4004, 'reconnect grace time expired');
        }, this.reconnectGraceMs),
      );
    }
    this.#ircSend(':tmi.twitch.tv RECONNECT');
  }

  /** The user revoked the app's access: Twitch says so per subscription and stops sending. */
  revoke(status = 'authorization_revoked'): void {
    for (const s of this.#liveSessions()) {
      for (const [type, id] of s.subs) {
        const sub = { ...this.#subscription(s, type, id), status };
        this.#send(s, 'revocation', { subscription: sub }, { subscription_type: type });
      }
      s.subs.clear();
    }
  }

  /** A frame that is no JSON, and a notification whose event lacks its fields. */
  sendMalformed(): void {
    for (const s of this.#liveSessions()) {
      if (!s.stalled) s.socket.send('{"metadata": {"message_type": "notif');
    }
    this.#notify('channel.chat.message', { ...this.#broadcaster(), message: 'not an object' });
    this.#ircSend('@id=; :nobody PRIVMSG #' + this.channel + ' :no id, no user');
    this.#ircSend('@tags-and-no-command');
  }

  // ---- EventSub WebSocket ----

  #upgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const refuse = this.upgradeFaults.shift();
    if (refuse !== undefined) {
      socket.end(`HTTP/1.1 ${refuse} ${http.STATUS_CODES[refuse]}\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    if (url.pathname !== '/ws' && url.pathname !== '/irc') {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (url.pathname === '/irc') this.#ircConnected(ws);
      else this.#eventSubConnected(ws, url);
    });
  }

  #eventSubConnected(socket: WebSocket, url: URL): void {
    const asked = Number(url.searchParams.get('keepalive_timeout_seconds') ?? '10');
    const keepaliveSec = Math.min(600, Math.max(this.keepaliveMinSeconds, Math.round(asked) || 10));
    const from = this.#sessions.get(url.searchParams.get('reconnect') ?? '');
    const s: EventSubSession = {
      id: randomUUID(),
      socket,
      subs: new Map(from?.subs ?? []),
      keepaliveSec: from?.keepaliveSec ?? keepaliveSec,
      lastSent: 0,
      stalled: false,
      timers: [],
      gone: false,
    };
    this.#sessions.set(s.id, s);
    this.sessionsOpened += 1;
    socket.on('message', () => {
      this.inboundFrames += 1;
      socket.close(4001, 'client sent inbound traffic');
    });
    socket.on('close', () => this.#end(s));
    this.#send(s, 'session_welcome', {
      session: {
        id: s.id,
        status: 'connected',
        connected_at: nanoTime(),
        keepalive_timeout_seconds: s.keepaliveSec,
        reconnect_url: null,
        recovery_url: null,
      },
    });
    if (from) {
      // Subscriptions moved: the old connection ends once the new one is welcomed.
      from.subs.clear();
      from.gone = true;
    }
    s.timers.push(
      setTimeout(() => {
        if (s.subs.size === 0 && !s.gone) socket.close(4003, 'connection unused');
      }, this.unusedCloseMs),
      setInterval(() => this.#keepalive(s), Math.max(50, (s.keepaliveSec * 1000) / 4)),
    );
  }

  #keepalive(s: EventSubSession): void {
    if (Date.now() - s.lastSent >= s.keepaliveSec * 1000 * 0.7) {
      this.#send(s, 'session_keepalive', {});
    }
  }

  #end(s: EventSubSession, cut = false): void {
    s.gone = true;
    for (const t of s.timers) clearTimeout(t);
    this.#sessions.delete(s.id);
    if (cut) s.socket.terminate();
    else s.socket.close();
  }

  #liveSessions(): EventSubSession[] {
    return [...this.#sessions.values()].filter((s) => !s.gone);
  }

  #send(
    s: EventSubSession,
    type: string,
    payload: object,
    extra: Record<string, string> = {},
    messageId: string = randomUUID(),
  ): void {
    if (s.stalled || s.socket.readyState !== s.socket.OPEN) return;
    s.lastSent = Date.now();
    s.socket.send(
      JSON.stringify({
        metadata: {
          message_id: messageId,
          message_type: type,
          message_timestamp: nanoTime(),
          ...extra,
        },
        payload,
      }),
    );
  }

  /** One notification to every session subscribed to `type`; a resend keeps its message_id. */
  #notify(type: string, event: object, key?: string): void {
    const messageId = key === undefined ? randomUUID() : `n-${key}`;
    for (const s of this.#liveSessions()) {
      const id = s.subs.get(type);
      if (id === undefined) continue;
      const extra = { subscription_type: type, subscription_version: '1' };
      this.#send(
        s,
        'notification',
        { subscription: this.#subscription(s, type, id), event },
        extra,
        messageId,
      );
    }
  }

  #subscription(s: EventSubSession, type: string, id: string): object {
    return {
      id,
      status: 'enabled',
      type,
      version: '1',
      cost: 0,
      condition: { broadcaster_user_id: this.broadcasterId, user_id: this.readerId },
      transport: { method: 'websocket', session_id: s.id },
      created_at: nanoTime(),
    };
  }

  #broadcaster(): object {
    return {
      broadcaster_user_id: this.broadcasterId,
      broadcaster_user_login: this.channel,
      broadcaster_user_name: 'NextTalk',
    };
  }

  #chatEvent(m: FakeChatMessage): object {
    return {
      ...this.#broadcaster(),
      chatter_user_id: m.userId,
      chatter_user_login: m.login,
      chatter_user_name: m.displayName,
      message_id: m.id,
      message: {
        text: m.text,
        fragments: [{ type: 'text', text: m.text, cheermote: null, emote: null, mention: null }],
      },
      color: '#00FF7F',
      badges: [],
      message_type: 'text',
      cheer: null,
      reply: null,
      channel_points_custom_reward_id: null,
      source_broadcaster_user_id: null,
      source_broadcaster_user_login: null,
      source_broadcaster_user_name: null,
      source_message_id: null,
      source_badges: null,
    };
  }

  #userId(login: string): string {
    let id = this.#users.get(login);
    if (id === undefined) {
      id = String(500_000_000 + this.#users.size * 7919);
      this.#users.set(login, id);
    }
    return id;
  }

  // ---- Helix ----

  async #helix(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body = '';
    for await (const chunk of req) body += String(chunk);
    this.helixCalls.push({ method: req.method ?? '', path: url.pathname });
    this.#rateHeaders(res);
    if (req.headers['client-id'] !== this.clientId) {
      return this.#error(res, 401, 'Unauthorized', 'Client ID and OAuth token do not match');
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !this.acceptToken(bearer)) {
      this.refusedTokens += 1;
      return this.#error(res, 401, 'Unauthorized', 'Invalid OAuth token');
    }
    const fault = this.#bucket.left <= 0 ? 'rateLimit' : this.helixFaults.shift();
    if (fault === 'rateLimit') {
      this.#bucket = { left: 0, resetAt: Math.ceil(Date.now() / 1000) + this.rateLimitResetSec };
      this.#rateHeaders(res);
      return this.#error(res, 429, 'Too Many Requests', 'Too Many Requests');
    }
    if (fault === 'serverError') return this.#error(res, 503, 'Service Unavailable', '');
    if (req.method === 'GET' && url.pathname === '/helix/users') return this.#usersAnswer(url, res);
    if (req.method === 'POST' && url.pathname === '/helix/eventsub/subscriptions') {
      return this.#subscribe(body, res);
    }
    return this.#error(res, 404, 'Not Found', '');
  }

  #rateHeaders(res: http.ServerResponse): void {
    const now = Math.ceil(Date.now() / 1000);
    if (this.#bucket.resetAt <= now && this.#bucket.left < BUCKET) {
      this.#bucket = { left: BUCKET, resetAt: now + 60 };
    }
    if (this.#bucket.resetAt === 0) this.#bucket.resetAt = now + 60;
    res.setHeader('ratelimit-limit', String(BUCKET));
    res.setHeader('ratelimit-remaining', String(Math.max(0, this.#bucket.left - 1)));
    res.setHeader('ratelimit-reset', String(this.#bucket.resetAt));
    if (this.#bucket.left > 0) this.#bucket.left -= 1;
  }

  #usersAnswer(url: URL, res: http.ServerResponse): void {
    const login = url.searchParams.get('login');
    const user = (id: string, name: string): object => ({
      id,
      login: name.toLowerCase(),
      display_name: name,
      type: '',
      broadcaster_type: 'partner',
      description: '',
      profile_image_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${id}-profile_image-300x300.png`,
      offline_image_url: '',
      view_count: 0,
      created_at: '2016-12-14T20:32:28Z',
    });
    const data =
      login === null
        ? [user(this.readerId, 'PanelcastReader')]
        : login.toLowerCase() === this.channel
          ? [user(this.broadcasterId, 'NextTalk')]
          : [];
    this.#json(res, 200, { data });
  }

  #subscribe(text: string, res: http.ServerResponse): void {
    let body: {
      type?: string;
      version?: string;
      condition?: Record<string, string>;
      transport?: { method?: string; session_id?: string };
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return this.#error(res, 400, 'Bad Request', 'malformed JSON body');
    }
    const type = body.type ?? '';
    if (!(CHAT_SUBSCRIPTIONS as readonly string[]).includes(type) || body.version !== '1') {
      return this.#error(res, 400, 'Bad Request', 'unsupported subscription type or version');
    }
    const c = body.condition ?? {};
    if (c.broadcaster_user_id !== this.broadcasterId || !c.user_id) {
      return this.#error(res, 400, 'Bad Request', 'invalid condition');
    }
    if (c.user_id !== this.readerId || !this.scopes.includes('user:read:chat')) {
      return this.#error(res, 403, 'Forbidden', 'subscription missing proper authorization');
    }
    const s = this.#sessions.get(body.transport?.session_id ?? '');
    if (body.transport?.method !== 'websocket' || s === undefined || s.gone) {
      return this.#error(
        res,
        400,
        'Bad Request',
        'websocket transport session does not exist or has already disconnected',
      );
    }
    if (s.subs.has(type)) return this.#error(res, 409, 'Conflict', 'subscription already exists');
    if (s.subs.size === 0 && this.liveSessions() >= 3) {
      return this.#error(
        res,
        429,
        'Too Many Requests',
        'number of websocket transports limit exceeded',
      );
    }
    const id = randomUUID();
    s.subs.set(type, id);
    this.#json(res, 202, {
      data: [
        {
          ...this.#subscription(s, type, id),
          transport: { method: 'websocket', session_id: s.id, connected_at: nanoTime() },
        },
      ],
      total: [...this.#sessions.values()].reduce((n, x) => n + x.subs.size, 0),
      total_cost: 0,
      max_total_cost: 10,
    });
  }

  #json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  #error(res: http.ServerResponse, status: number, error: string, message: string): void {
    this.#json(res, status, { error, status, message });
  }

  // ---- IRC ----

  #ircConnected(socket: WebSocket): void {
    const c: IrcClient = {
      socket,
      nick: null,
      tags: false,
      commands: false,
      channels: new Set(),
      stalled: false,
    };
    this.#irc.add(c);
    const ping = setInterval(() => this.#ircWrite(c, 'PING :tmi.twitch.tv'), this.ircPingMs);
    socket.on('close', () => {
      clearInterval(ping);
      this.#irc.delete(c);
    });
    socket.on('message', (data) => {
      if (c.stalled) return;
      for (const line of frameText(data).split(/\r?\n/)) if (line) this.#ircLine(c, line);
    });
  }

  #ircLine(c: IrcClient, line: string): void {
    const [command = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (command.toUpperCase()) {
      case 'CAP': {
        const caps = arg.replace(/^REQ :/, '');
        c.tags ||= caps.includes('twitch.tv/tags');
        c.commands ||= caps.includes('twitch.tv/commands');
        return this.#ircWrite(c, `:tmi.twitch.tv CAP * ACK :${caps}`);
      }
      case 'PASS':
        return;
      case 'PONG':
        this.pongs += 1;
        return;
      case 'NICK':
        return this.#ircNick(c, arg);
      case 'JOIN':
        return this.#ircJoin(c, arg);
      case 'PING':
        return this.#ircWrite(c, `:tmi.twitch.tv PONG tmi.twitch.tv ${arg}`);
      default:
        return;
    }
  }

  #ircNick(c: IrcClient, nick: string): void {
    if (!/^justinfan\d+$/.test(nick)) {
      this.#ircWrite(c, ':tmi.twitch.tv NOTICE * :Login authentication failed');
      c.socket.close();
      return;
    }
    c.nick = nick;
    for (const [code, text] of [
      ['001', 'Welcome, GLHF!'],
      ['002', 'Your host is tmi.twitch.tv'],
      ['003', 'This server is rather new'],
      ['004', '-'],
      ['375', '-'],
      ['372', 'You are in a maze of twisty passages, all alike.'],
      ['376', '>'],
    ]) {
      this.#ircWrite(c, `:tmi.twitch.tv ${code} ${nick} :${text}`);
    }
  }

  #ircJoin(c: IrcClient, arg: string): void {
    const nick = c.nick;
    if (nick === null) return;
    const channel = arg.replace(/^#/, '').toLowerCase();
    c.channels.add(channel);
    this.#ircWrite(c, `:${nick}!${nick}@${nick}.tmi.twitch.tv JOIN #${channel}`);
    this.#ircWrite(c, `:${nick}.tmi.twitch.tv 353 ${nick} = #${channel} :${nick}`);
    this.#ircWrite(c, `:${nick}.tmi.twitch.tv 366 ${nick} #${channel} :End of /NAMES list`);
    if (c.commands) {
      const tags = `@emote-only=0;followers-only=-1;r9k=0;room-id=${this.broadcasterId};slow=0;subs-only=0`;
      this.#ircWrite(c, `${tags} :tmi.twitch.tv ROOMSTATE #${channel}`);
    }
  }

  #privmsg(m: FakeChatMessage): { tagged: string; plain: string } {
    const tags = [
      'badge-info=',
      'badges=',
      'color=#1E90FF',
      `display-name=${escapeTag(m.displayName)}`,
      'emotes=',
      'first-msg=0',
      'flags=',
      `id=${m.id}`,
      'mod=0',
      `room-id=${this.broadcasterId}`,
      'subscriber=0',
      `tmi-sent-ts=${m.sentAt}`,
      'turbo=0',
      `user-id=${m.userId}`,
      'user-type=',
    ].join(';');
    const plain = `:${m.login}!${m.login}@${m.login}.tmi.twitch.tv PRIVMSG #${this.channel} :${m.text}`;
    return { tagged: `@${tags} ${plain}`, plain };
  }

  /** A line to every client in the channel; commands only to those that asked for them. */
  #ircSend(line: string | { tagged: string; plain: string }, command = false): void {
    for (const c of this.#irc) {
      if (!c.channels.has(this.channel) || (command && !c.commands)) continue;
      const text = typeof line === 'string' ? line : c.tags ? line.tagged : line.plain;
      this.#ircWrite(c, c.tags ? text : text.replace(/^@\S+ /, ''));
    }
  }

  #ircWrite(c: IrcClient, line: string): void {
    if (c.stalled || c.socket.readyState !== c.socket.OPEN) return;
    c.socket.send(`${line}\r\n`);
  }
}
