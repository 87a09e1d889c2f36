// Splits an RTMP chunk stream back into messages: chunk headers of all four formats, extended
// timestamps, "set chunk size" and "abort". A message that arrives in one chunk is handed on as a
// view of the received bytes; longer ones are assembled once into a buffer of their own size.

export interface RtmpMessage {
  type: number;
  streamId: number;
  /** Milliseconds, 32 bits, as the sender stamped it. */
  timestamp: number;
  payload: Buffer;
}

export class RtmpProtocolError extends Error {}

export const MSG = {
  setChunkSize: 1,
  abort: 2,
  ack: 3,
  userControl: 4,
  windowAckSize: 5,
  setPeerBandwidth: 6,
  audio: 8,
  video: 9,
  dataAmf3: 15,
  commandAmf3: 17,
  dataAmf0: 18,
  commandAmf0: 20,
} as const;

interface ChunkStream {
  timestamp: number;
  delta: number;
  length: number;
  type: number;
  streamId: number;
  extended: boolean;
  /** The message being assembled, and how much of it has arrived. */
  body: Buffer | null;
  filled: number;
}

export interface ChunkReaderLimits {
  /** Largest message accepted (the format allows 16 MiB). */
  maxMessageBytes: number;
  /** Most chunk streams one peer may use. */
  maxChunkStreams: number;
}

export class ChunkReader {
  readonly #limits: ChunkReaderLimits;
  readonly #onMessage: (message: RtmpMessage) => void;
  readonly #streams = new Map<number, ChunkStream>();
  #chunkSize = 128;
  #pending: Buffer | null = null;
  /** Chunk whose payload is still arriving. */
  #current: ChunkStream | null = null;
  #chunkLeft = 0;

  constructor(limits: ChunkReaderLimits, onMessage: (message: RtmpMessage) => void) {
    this.#limits = limits;
    this.#onMessage = onMessage;
  }

  /** Feeds received bytes; calls onMessage for each complete message. Throws on bad input. */
  push(data: Buffer): void {
    let buf = data;
    if (this.#pending) {
      buf = Buffer.concat([this.#pending, data]);
      this.#pending = null;
    }
    let offset = 0;
    while (offset < buf.length) {
      if (this.#current) {
        offset = this.#payload(buf, offset);
        continue;
      }
      const next = this.#header(buf, offset);
      if (next < 0) {
        this.#pending = Buffer.from(buf.subarray(offset));
        return;
      }
      offset = next;
    }
  }

  /** Parses one chunk header at `offset`; returns where its payload starts, or -1 if incomplete. */
  #header(buf: Buffer, start: number): number {
    let offset = start;
    const first = buf[offset] ?? 0;
    const fmt = first >> 6;
    let csid = first & 0x3f;
    offset += 1;
    if (csid === 0) {
      if (buf.length < offset + 1) return -1;
      csid = 64 + (buf[offset] ?? 0);
      offset += 1;
    } else if (csid === 1) {
      if (buf.length < offset + 2) return -1;
      csid = 64 + (buf[offset] ?? 0) + (buf[offset + 1] ?? 0) * 256;
      offset += 2;
    }
    const headerBytes = [11, 7, 3, 0][fmt] ?? 0;
    if (buf.length < offset + headerBytes) return -1;
    let stream = this.#streams.get(csid);
    if (!stream) {
      if (fmt !== 0) throw new RtmpProtocolError(`chunk stream ${csid} starts without a header`);
      if (this.#streams.size >= this.#limits.maxChunkStreams)
        throw new RtmpProtocolError('too many chunk streams');
      stream = {
        timestamp: 0,
        delta: 0,
        length: 0,
        type: 0,
        streamId: 0,
        extended: false,
        body: null,
        filled: 0,
      };
      this.#streams.set(csid, stream);
    }
    const starting = stream.body === null;
    let stamp = 0;
    if (fmt <= 2) stamp = buf.readUIntBE(offset, 3);
    if (fmt <= 1) {
      const length = buf.readUIntBE(offset + 3, 3);
      if (length > this.#limits.maxMessageBytes)
        throw new RtmpProtocolError(`message of ${length} bytes is too large`);
      if (!starting && length !== stream.length)
        throw new RtmpProtocolError('message header changed mid-message');
      stream.length = length;
      stream.type = buf[offset + 6] ?? 0;
    }
    if (fmt === 0) stream.streamId = buf.readUInt32LE(offset + 7);
    offset += headerBytes;
    const extended = fmt <= 2 ? stamp === 0xffffff : stream.extended;
    if (extended) {
      if (buf.length < offset + 4) return -1;
      if (fmt <= 2) stamp = buf.readUInt32BE(offset);
      offset += 4;
    }
    stream.extended = extended;
    if (fmt === 0) {
      stream.timestamp = stamp;
      stream.delta = 0;
    } else if (fmt <= 2) {
      stream.delta = stamp;
      stream.timestamp = (stream.timestamp + stamp) >>> 0;
    } else if (starting) {
      stream.timestamp = (stream.timestamp + stream.delta) >>> 0;
    }
    if (starting) {
      stream.filled = 0;
      stream.body = stream.length === 0 ? Buffer.alloc(0) : null;
    }
    this.#current = stream;
    this.#chunkLeft = Math.min(this.#chunkSize, stream.length - stream.filled);
    if (stream.length === 0) this.#complete(stream, Buffer.alloc(0));
    return offset;
  }

  #payload(buf: Buffer, offset: number): number {
    const stream = this.#current;
    if (!stream) return offset;
    const available = Math.min(this.#chunkLeft, buf.length - offset);
    // A whole message in one chunk, all here: hand on a view, no copy.
    if (stream.body === null && available === stream.length) {
      this.#complete(stream, buf.subarray(offset, offset + available));
      return offset + available;
    }
    stream.body ??= Buffer.allocUnsafe(stream.length);
    buf.copy(stream.body, stream.filled, offset, offset + available);
    stream.filled += available;
    this.#chunkLeft -= available;
    if (stream.filled === stream.length) this.#complete(stream, stream.body);
    else if (this.#chunkLeft === 0) this.#current = null;
    return offset + available;
  }

  #complete(stream: ChunkStream, payload: Buffer): void {
    stream.body = null;
    stream.filled = 0;
    this.#current = null;
    this.#chunkLeft = 0;
    const message: RtmpMessage = {
      type: stream.type,
      streamId: stream.streamId,
      timestamp: stream.timestamp,
      payload,
    };
    if (message.type === MSG.setChunkSize) {
      if (payload.length < 4) throw new RtmpProtocolError('short set-chunk-size');
      const size = payload.readUInt32BE(0) & 0x7fffffff;
      if (size < 1 || size > 0xffffff) throw new RtmpProtocolError(`bad chunk size ${size}`);
      this.#chunkSize = size;
      return;
    }
    if (message.type === MSG.abort) {
      if (payload.length < 4) throw new RtmpProtocolError('short abort');
      const aborted = this.#streams.get(payload.readUInt32BE(0));
      if (aborted) {
        aborted.body = null;
        aborted.filled = 0;
      }
      return;
    }
    this.#onMessage(message);
  }
}
