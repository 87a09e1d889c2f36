// One liveChatMessages.streamList call: a server-streaming gRPC request to YouTube
// (youtube.api.v3.V3DataLiveChatMessageService/StreamList on youtube.googleapis.com:443, TLS,
// the API key in the "x-goog-api-key" metadata), decoded with Google's published message
// definitions (youtube-stream.proto). Docs:
// https://developers.google.com/youtube/v3/live/docs/liveChatMessages/streamList,
// https://developers.google.com/youtube/v3/live/streaming-live-chat.
// Each call gets its own channel, so a stalled connection is never reused for the next one.
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { version } from '../package-info.js';

export const STREAM_LIST_PATH = '/youtube.api.v3.V3DataLiveChatMessageService/StreamList';
/** The parts asked for: id for de-duplication, snippet for the text, authorDetails for names. */
export const STREAM_PARTS = ['id', 'snippet', 'authorDetails'] as const;

let root: protobuf.Root | null = null;

/** Google's message definitions (loaded once; the .proto ships next to this module). */
export function streamProto(): protobuf.Root {
  root ??= protobuf.loadSync(fileURLToPath(new URL('./youtube-stream.proto', import.meta.url)));
  return root;
}

export interface StreamPage {
  /** Items as plain objects in the REST resource's shape (camelCase, enum names as there). */
  items: unknown[];
  nextPageToken: string | null;
  offlineAt: string | null;
}

export interface StreamHandlers {
  /** A response; false when it could not be stored: the call ends and is opened again. */
  onPage(page: StreamPage): boolean;
  /** A response that could not be decoded: counted, the stream goes on. */
  onMalformed(reason: string): void;
}

export interface StreamRequest {
  /** "https://host:port" (TLS) or, in tests, "http://127.0.0.1:port" (plain). */
  url: string;
  apiKey: string;
  liveChatId: string;
  pageToken: string | null;
  /** No response for this long: the call is given up as stalled (it resumes from the token). */
  idleMs: number;
  /** The resource parts asked for; all that Panelcast reads unless told otherwise. */
  parts?: readonly string[];
}

/** How a call ended: a gRPC status code, "idle" (stalled), "end" (closed cleanly), "stored". */
export interface StreamEnd {
  code: grpc.status | 'idle' | 'end' | 'unstored';
  details: string;
}

const ENUM_NAME = /_([a-z])/g;

const typeNames = new Map<string, string>();

/** TEXT_MESSAGE_EVENT → textMessageEvent, as the REST resource spells the type. */
export function restTypeName(name: string): string {
  let rest = typeNames.get(name);
  if (rest === undefined) {
    rest = name.toLowerCase().replace(ENUM_NAME, (_m, c: string) => c.toUpperCase());
    // The enum has 17 names; anything else is not remembered.
    if (typeNames.size < 64) typeNames.set(name, rest);
  }
  return rest;
}

type Decoded = StreamPage | { malformed: string };

function decodeResponse(bytes: Buffer): Decoded {
  const type = streamProto().lookupType('youtube.api.v3.LiveChatMessageListResponse');
  try {
    const object = type.toObject(type.decode(bytes), { longs: String, enums: String }) as {
      items?: { snippet?: { type?: string } }[];
      nextPageToken?: string;
      offlineAt?: string;
    };
    if (object.offlineAt && Number.isNaN(Date.parse(object.offlineAt))) {
      return { malformed: `offlineAt "${object.offlineAt.slice(0, 40)}" is not a date` };
    }
    for (const item of object.items ?? []) {
      if (item.snippet?.type !== undefined) item.snippet.type = restTypeName(item.snippet.type);
    }
    return {
      items: object.items ?? [],
      nextPageToken: object.nextPageToken || null,
      offlineAt: object.offlineAt || null,
    };
  } catch (error) {
    return { malformed: error instanceof Error ? error.message : String(error) };
  }
}

function encodeRequest(request: object): Buffer {
  const type = streamProto().lookupType('youtube.api.v3.LiveChatMessageListRequest');
  return Buffer.from(type.encode(type.fromObject(request)).finish());
}

function channelFor(url: string): { address: string; credentials: grpc.ChannelCredentials } {
  const parsed = new URL(url);
  const secure = parsed.protocol !== 'http:';
  const port = parsed.port || (secure ? '443' : '80');
  return {
    address: `${parsed.hostname}:${port}`,
    credentials: secure ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(),
  };
}

/** Opens one StreamList call; `done` settles when it ends; `cancel` ends it from our side. */
export function openChatStream(
  request: StreamRequest,
  handlers: StreamHandlers,
): { done: Promise<StreamEnd>; cancel: () => void } {
  const { address, credentials } = channelFor(request.url);
  const client = new grpc.Client(address, credentials, {
    'grpc.use_local_subchannel_pool': 1,
    'grpc.primary_user_agent': `Panelcast/${version}`,
    // A busy chat must not wait on window updates while the core is busy for a moment: with
    // HTTP/2's default 64 KiB window a short pause on our side held YouTube's sending back.
    'grpc-node.flow_control_window': 4 * 1024 * 1024,
  });
  const metadata = new grpc.Metadata();
  metadata.set('x-goog-api-key', request.apiKey);
  const call = client.makeServerStreamRequest<object, Decoded>(
    STREAM_LIST_PATH,
    encodeRequest,
    decodeResponse,
    {
      liveChatId: request.liveChatId,
      part: [...(request.parts ?? STREAM_PARTS)],
      ...(request.pageToken ? { pageToken: request.pageToken } : {}),
    },
    metadata,
  );
  let settle: (end: StreamEnd) => void = () => undefined;
  const done = new Promise<StreamEnd>((resolve) => (settle = resolve));
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = (end: StreamEnd): void => {
    clearTimeout(idle);
    call.removeAllListeners('data');
    call.cancel();
    client.close();
    settle(end);
  };
  const watch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(
      () => finish({ code: 'idle', details: 'no response within the idle limit' }),
      request.idleMs,
    );
  };
  watch();
  call.on('data', (decoded: Decoded) => {
    watch();
    if ('malformed' in decoded) handlers.onMalformed(decoded.malformed);
    else if (!handlers.onPage(decoded)) finish({ code: 'unstored', details: '' });
  });
  call.on('error', (error: grpc.ServiceError) =>
    finish({ code: error.code, details: error.details || error.message }),
  );
  call.on('end', () => finish({ code: 'end', details: '' }));
  return { done, cancel: () => finish({ code: grpc.status.CANCELLED, details: 'cancelled' }) };
}
