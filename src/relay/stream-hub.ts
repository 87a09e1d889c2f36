// Fans the publisher's messages out to every live push: each message is chunked once (per
// message stream id, which is 1 on every server we know) and the same buffer goes to all. Keeps
// the stream's setup (metadata, codec headers) for pushes that join later, and measures what the
// encoder sends for the encoder check.
import { decodeAmf0 } from './rtmp/amf0.js';
import { MSG, type RtmpMessage } from './rtmp/chunk-reader.js';
import { CSID, PUSH_CHUNK_SIZE, chunkMessage } from './rtmp/chunk-writer.js';
import { field } from './rtmp/commands.js';
import { isAudioSequenceHeader, isVideoKeyframe, isVideoSequenceHeader } from './rtmp/media.js';
import type { PushSession } from './rtmp/push-session.js';

export interface StreamInfo {
  width: number | null;
  height: number | null;
  fps: number | null;
  /** What the encoder says it sends (metadata), kbit/s. */
  declaredKbps: number | null;
  /** What arrived over the last second, kbit/s. */
  measuredKbps: number;
  /** Longest time between keyframes seen lately. */
  keyframeIntervalMs: number | null;
  videoCodec: string | null;
}

export interface HubTarget {
  session: PushSession | null;
  deliver(message: RtmpMessage, chunks: Buffer, keyframe: boolean): void;
}

const csidFor = (type: number): number =>
  type === MSG.audio ? CSID.audio : type === MSG.video ? CSID.video : CSID.data;

interface Cached {
  message: RtmpMessage;
  /** Chunked for message stream 1. */
  chunks: Buffer;
}

/** The picture group being sent, for pushes that start mid-stream (capped for odd encoders). */
const GOP_CACHE_BYTES = 16 * 1024 * 1024;

export class StreamHub {
  #gop: Cached[] = [];
  #gopBytes = 0;
  #metadata: RtmpMessage | null = null;
  #videoHeader: RtmpMessage | null = null;
  #audioHeader: RtmpMessage | null = null;
  #bytes = 0;
  #lastKeyframe: number | null = null;
  #intervals: number[] = [];
  #info: Omit<StreamInfo, 'measuredKbps' | 'keyframeIntervalMs'> = {
    width: null,
    height: null,
    fps: null,
    declaredKbps: null,
    videoCodec: null,
  };

  reset(): void {
    this.#gop = [];
    this.#gopBytes = 0;
    this.#metadata = null;
    this.#videoHeader = null;
    this.#audioHeader = null;
    this.#lastKeyframe = null;
    this.#intervals = [];
    this.#bytes = 0;
  }

  /** One message from the publisher, to every target. */
  forward(message: RtmpMessage, targets: Iterable<HubTarget>): void {
    this.#bytes += message.payload.length;
    if (message.type === MSG.dataAmf0) {
      this.#metadata = copy(message);
      this.#readMetadata(message.payload);
    }
    const setup =
      message.type === MSG.dataAmf0 ||
      isVideoSequenceHeader(message) ||
      isAudioSequenceHeader(message);
    if (isVideoSequenceHeader(message)) this.#videoHeader = copy(message);
    if (isAudioSequenceHeader(message)) this.#audioHeader = copy(message);
    const keyframe = !setup && isVideoKeyframe(message);
    if (keyframe) this.#keyframeAt(message.timestamp);
    let chunks = chunk(message, 1);
    let chunksStreamId = 1;
    if (!setup) this.#cache(message, chunks, keyframe);
    for (const target of targets) {
      const session = target.session;
      if (!session) continue;
      if (chunksStreamId !== session.streamId) {
        chunks = chunk(message, session.streamId);
        chunksStreamId = session.streamId;
      }
      if (setup) session.sendSetup(chunks);
      else target.deliver(message, chunks, keyframe);
    }
  }

  /** Sends the stream's setup, then the current picture group, to a push that just went live. */
  sendSetup(session: PushSession): void {
    for (const message of [this.#metadata, this.#videoHeader, this.#audioHeader]) {
      if (message) session.sendSetup(chunk({ ...message, timestamp: 0 }, session.streamId));
    }
    // The cache always starts with a keyframe (see #cache).
    session.sendCatchUp(
      this.#gop.map(({ message, chunks }) =>
        session.streamId === 1 ? chunks : chunk(message, session.streamId),
      ),
    );
  }

  #cache(message: RtmpMessage, chunks: Buffer, keyframe: boolean): void {
    if (keyframe) {
      this.#gop = [];
      this.#gopBytes = 0;
    }
    if (this.#gop.length === 0 && !keyframe) return;
    if (this.#gopBytes + chunks.length > GOP_CACHE_BYTES) {
      // A group cut short would show as broken pictures; new pushes wait for a keyframe instead.
      this.#gop = [];
      this.#gopBytes = 0;
      return;
    }
    this.#gop.push({ message, chunks });
    this.#gopBytes += chunks.length;
  }

  /** What arrived since the last call, and what the stream looks like. */
  sample(): StreamInfo {
    const measuredKbps = Math.round((this.#bytes * 8) / 1000);
    this.#bytes = 0;
    return {
      ...this.#info,
      measuredKbps,
      keyframeIntervalMs: this.#intervals.length > 0 ? Math.max(...this.#intervals) : null,
    };
  }

  #keyframeAt(timestamp: number): void {
    if (this.#lastKeyframe !== null && timestamp > this.#lastKeyframe) {
      this.#intervals = [...this.#intervals, timestamp - this.#lastKeyframe].slice(-5);
    }
    this.#lastKeyframe = timestamp;
  }

  #readMetadata(payload: Buffer): void {
    let values;
    try {
      values = decodeAmf0(payload);
    } catch {
      return; // metadata is a hint; a bad one is forwarded as it came
    }
    const meta = values.find((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (meta === undefined) return;
    const num = (key: string): number | null => {
      const value = field(meta, key);
      return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
    };
    const codec = field(meta, 'videocodecid');
    this.#info = {
      width: num('width'),
      height: num('height'),
      fps: num('framerate') ?? num('videoframerate'),
      declaredKbps: num('videodatarate'),
      videoCodec: typeof codec === 'number' || typeof codec === 'string' ? String(codec) : null,
    };
  }
}

function copy(message: RtmpMessage): RtmpMessage {
  return { ...message, payload: Buffer.from(message.payload) };
}

function chunk(message: RtmpMessage, streamId: number): Buffer {
  return chunkMessage(
    {
      csid: csidFor(message.type),
      type: message.type,
      streamId,
      timestamp: message.timestamp,
      payload: message.payload,
    },
    PUSH_CHUNK_SIZE,
  );
}
