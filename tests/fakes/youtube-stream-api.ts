// A local liveChatMessages.streamList server: a real @grpc/grpc-js server on loopback (plain
// HTTP/2, no TLS, tests only) serving youtube.api.v3.V3DataLiveChatMessageService/StreamList with
// Google's message definitions (src/sources/youtube-stream.proto), over the chat of a
// FakeYouTubeApi (so a source can fall back to list polling on the same messages).
// As the docs describe: the API key in "x-goog-api-key" metadata (or an OAuth token as
// "authorization: Bearer"), a first response at once, then one response per new message batch,
// each with next_page_token to resume from; offline_at when the stream went offline; only the
// requested parts (id, snippet, authorDetails) are filled. Errors are gRPC statuses as Google
// sends them (INVALID_ARGUMENT for a bad key, NOT_FOUND for an unknown chat, PERMISSION_DENIED,
// RESOURCE_EXHAUSTED for quota and rate limits, UNAVAILABLE).
// Docs: https://developers.google.com/youtube/v3/live/docs/liveChatMessages/streamList,
// https://developers.google.com/youtube/v3/live/streaming-live-chat,
// https://grpc.github.io/grpc/core/md_doc_statuscodes.html
// A TCP relay in front of the server lets tests cut connections or freeze them (a stall).
import net from 'node:net';
import grpc from '@grpc/grpc-js';
import { STREAM_LIST_PATH, streamProto } from '../../src/sources/youtube-stream.js';
import { offsetOf, pageToken, type FakeChatMessage, type FakeYouTubeApi } from './youtube-api.js';

export interface StreamFault {
  code: grpc.status;
  details: string;
}

export const STREAM_FAULTS = {
  quota: {
    code: grpc.status.RESOURCE_EXHAUSTED,
    details: 'Quota exceeded for quota metric "Queries" of service "youtube.googleapis.com".',
  },
  rateLimit: {
    code: grpc.status.RESOURCE_EXHAUSTED,
    details: 'Rate limit exceeded. The request was sent too soon after the previous one.',
  },
  permissionDenied: {
    code: grpc.status.PERMISSION_DENIED,
    details: 'The caller does not have permission',
  },
  unavailable: { code: grpc.status.UNAVAILABLE, details: 'The service is currently unavailable.' },
  unimplemented: { code: grpc.status.UNIMPLEMENTED, details: 'Method not found.' },
} satisfies Record<string, StreamFault>;

interface Call {
  stream: grpc.ServerWritableStream<Request, unknown>;
  offset: number;
  parts: Set<string>;
}

interface Request {
  liveChatId?: string;
  pageToken?: string;
  part?: string[];
}

const TYPE_NAMES: Record<FakeChatMessage['type'], string> = {
  textMessageEvent: 'TEXT_MESSAGE_EVENT',
  superChatEvent: 'SUPER_CHAT_EVENT',
  newSponsorEvent: 'NEW_SPONSOR_EVENT',
  messageDeletedEvent: 'MESSAGE_DELETED_EVENT',
  messageRetractedEvent: 'MESSAGE_RETRACTED_EVENT',
  chatEndedEvent: 'CHAT_ENDED_EVENT',
  userBannedEvent: 'USER_BANNED_EVENT',
};

export class FakeYouTubeStream {
  readonly chat: FakeYouTubeApi;
  /** "http://127.0.0.1:port": the relay in front of the gRPC server. */
  url = '';
  /** Every StreamList request as received (parts, page token), for assertions. */
  readonly requests: Request[] = [];
  /** Statuses the next calls end with at once, in order. */
  readonly faults: StreamFault[] = [];
  /** Items per response at most. */
  pageSize = 5;
  /** The next response carries an undecodable frame and an item without author. */
  garbageNext = false;
  /** The next response with items lists each of them twice. */
  duplicateNext = false;
  /** While true, calls stay open but nothing is sent (a server that stopped talking). */
  silent = false;
  readonly #calls = new Set<Call>();
  readonly #server = new grpc.Server();
  readonly #relay = net.createServer((socket) => this.#pipe(socket));
  readonly #sockets = new Set<net.Socket>();
  #grpcPort = 0;
  readonly #onMessage = (): void => {
    for (const call of this.#calls) this.#flush(call);
  };

  constructor(chat: FakeYouTubeApi) {
    this.chat = chat;
  }

  get openCalls(): number {
    return this.#calls.size;
  }

  async start(): Promise<string> {
    const response = streamProto().lookupType('youtube.api.v3.LiveChatMessageListResponse');
    const request = streamProto().lookupType('youtube.api.v3.LiveChatMessageListRequest');
    this.#server.register<Request, object | Buffer>(
      STREAM_LIST_PATH,
      (call: grpc.ServerWritableStream<Request, object | Buffer>) => this.#handle(call),
      (value) =>
        Buffer.isBuffer(value)
          ? value
          : Buffer.from(response.encode(response.fromObject(value)).finish()),
      (bytes) => request.toObject(request.decode(bytes)),
      'serverStream',
    );
    this.#grpcPort = await new Promise<number>((resolve, reject) =>
      this.#server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, port) =>
        e ? reject(e) : resolve(port),
      ),
    );
    await new Promise<void>((resolve) => this.#relay.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.#relay.address() as net.AddressInfo).port}`;
    this.chat.listeners.add(this.#onMessage);
    return this.url;
  }

  async stop(): Promise<void> {
    this.chat.listeners.delete(this.#onMessage);
    for (const socket of this.#sockets) socket.destroy();
    this.#server.forceShutdown();
    await new Promise<void>((resolve) => this.#relay.close(() => resolve()));
  }

  /** Cuts every open connection (as a network drop would). */
  drop(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Freezes every open connection: bytes stop in both directions; new ones work. */
  stall(): void {
    for (const socket of this.#sockets) {
      socket.emit('stall');
    }
  }

  /** Ends every open call with this status now. */
  fail(fault: StreamFault): void {
    for (const call of this.#calls) this.#end(call, fault);
  }

  #pipe(client: net.Socket): void {
    const upstream = net.connect(this.#grpcPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.#sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.#sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('stall', () => {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    });
  }

  #handle(call: grpc.ServerWritableStream<Request, object | Buffer>): void {
    const req = call.request;
    this.requests.push(req);
    const key = call.metadata.get('x-goog-api-key')[0];
    const bearer = call.metadata.get('authorization')[0];
    if (key !== this.chat.apiKey && bearer === undefined) {
      call.emit('error', {
        code: grpc.status.INVALID_ARGUMENT,
        details: 'API key not valid. Please pass a valid API key.',
      });
      return;
    }
    if (req.liveChatId !== this.chat.liveChatId) {
      call.emit('error', {
        code: grpc.status.NOT_FOUND,
        details: 'The live chat that you are trying to retrieve cannot be found.',
      });
      return;
    }
    const fault = this.faults.shift();
    if (fault) {
      call.emit('error', fault);
      return;
    }
    const entry: Call = { stream: call, offset: offsetOf(req.pageToken), parts: new Set(req.part) };
    this.#calls.add(entry);
    call.on('cancelled', () => this.#calls.delete(entry));
    call.sendMetadata(new grpc.Metadata());
    this.#flush(entry, true);
  }

  #end(call: Call, fault: StreamFault): void {
    this.#calls.delete(call);
    call.stream.emit('error', fault);
  }

  /** Sends what the call has not seen yet; the first response goes out even when empty. */
  #flush(call: Call, first = false): void {
    if (this.silent) return;
    const all = this.chat.messages;
    if (this.garbageNext) {
      this.garbageNext = false;
      // Wire type 7 does not exist: not a LiveChatMessageListResponse. Then offline_at that is
      // no date (2 = field 2, length-delimited).
      call.stream.write(Buffer.from([0x0f, 0x41, 0x42]));
      call.stream.write(Buffer.concat([Buffer.from([0x12, 0x03]), Buffer.from('ABC')]));
      call.stream.write(this.#response(call, [], { brokenItem: true }));
    }
    do {
      const slice = all.slice(call.offset, call.offset + this.pageSize);
      call.offset += slice.length;
      let items = slice.filter((m) => !this.chat.removed.has(m.id));
      if (this.duplicateNext && items.length > 0) {
        this.duplicateNext = false;
        items = [...items, ...items];
      }
      if (slice.length > 0 || first) call.stream.write(this.#response(call, items));
      first = false;
    } while (call.offset < all.length);
    if (this.chat.offlineAt) {
      call.stream.write(this.#response(call, []));
      this.#calls.delete(call);
      call.stream.end();
    }
  }

  #response(call: Call, items: FakeChatMessage[], opts: { brokenItem?: boolean } = {}): object {
    return {
      kind: 'youtube#liveChatMessageListResponse',
      etag: `etag-${call.offset}`,
      ...(this.chat.offlineAt ? { offlineAt: this.chat.offlineAt } : {}),
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
      nextPageToken: pageToken(call.offset),
      items: [
        ...items.map((m) => this.#item(m, call.parts)),
        ...(opts.brokenItem ? [{ id: 'LCC.broken', snippet: { type: 'TEXT_MESSAGE_EVENT' } }] : []),
      ],
    };
  }

  /** One LiveChatMessage with only the parts asked for. */
  #item(m: FakeChatMessage, parts: Set<string>): object {
    return {
      kind: 'youtube#liveChatMessage',
      etag: `etag-${m.id}`,
      ...(parts.has('id') ? { id: m.id } : {}),
      ...(parts.has('snippet') ? { snippet: this.#snippet(m) } : {}),
      ...(parts.has('authorDetails')
        ? {
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
          }
        : {}),
    };
  }

  #snippet(m: FakeChatMessage): object {
    const shown = m.type === 'textMessageEvent' || m.type === 'superChatEvent';
    const base = {
      type: TYPE_NAMES[m.type],
      liveChatId: this.chat.liveChatId,
      authorChannelId: m.author.channelId,
      publishedAt: m.publishedAt,
      hasDisplayContent: shown,
      displayMessage: shown ? m.text : '',
    };
    switch (m.type) {
      case 'textMessageEvent':
        return { ...base, textMessageDetails: { messageText: m.text } };
      case 'superChatEvent':
        return {
          ...base,
          superChatDetails: {
            amountMicros: 5_000_000,
            currency: 'EUR',
            amountDisplayString: m.amount ?? '€5.00',
            userComment: m.text,
            tier: 2,
          },
        };
      case 'messageDeletedEvent':
        return { ...base, messageDeletedDetails: { deletedMessageId: m.target } };
      case 'messageRetractedEvent':
        return { ...base, messageRetractedDetails: { retractedMessageId: m.target } };
      case 'userBannedEvent':
        return {
          ...base,
          userBannedDetails: {
            bannedUserDetails: { channelId: m.target, displayName: 'Banned viewer' },
            banType: 'PERMANENT',
          },
        };
      default:
        return base;
    }
  }
}
