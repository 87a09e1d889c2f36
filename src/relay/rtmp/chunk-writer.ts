// Turns RTMP messages into chunks: a full (type 0) header on the first chunk and one-byte
// continuation headers after it, so the bytes for a message never depend on what was sent
// before. That lets the relay chunk each media message once and send the same buffer to every
// destination.
import { encodeAmf0, type AmfValue } from './amf0.js';
import { MSG } from './chunk-reader.js';

/** Chunk stream ids, as Flash Media Encoder and OBS use them. */
export const CSID = { control: 2, command: 3, audio: 4, video: 6, data: 5 } as const;

/** Chunk size every push announces and uses. */
export const PUSH_CHUNK_SIZE = 4096;

function basicHeader(fmt: number, csid: number): Buffer {
  if (csid < 64) return Buffer.from([(fmt << 6) | csid]);
  if (csid < 320) return Buffer.from([fmt << 6, csid - 64]);
  return Buffer.from([(fmt << 6) | 1, (csid - 64) & 0xff, (csid - 64) >> 8]);
}

export interface OutgoingMessage {
  csid: number;
  type: number;
  streamId: number;
  timestamp: number;
  payload: Buffer;
}

/** The whole message as chunks of `chunkSize`, in one buffer. */
export function chunkMessage(message: OutgoingMessage, chunkSize: number): Buffer {
  const { payload } = message;
  const extended = message.timestamp >= 0xffffff;
  const first = basicHeader(0, message.csid);
  const next = basicHeader(3, message.csid);
  const chunks = Math.max(1, Math.ceil(payload.length / chunkSize));
  const extra = extended ? 4 : 0;
  const size = first.length + 11 + extra + (chunks - 1) * (next.length + extra) + payload.length;
  const out = Buffer.allocUnsafe(size);
  let offset = first.copy(out, 0);
  out.writeUIntBE(extended ? 0xffffff : message.timestamp, offset, 3);
  out.writeUIntBE(payload.length, offset + 3, 3);
  out[offset + 6] = message.type;
  out.writeUInt32LE(message.streamId, offset + 7);
  offset += 11;
  for (let i = 0; i < chunks; i += 1) {
    if (i > 0) offset += next.copy(out, offset);
    if (extended) offset = out.writeUInt32BE(message.timestamp >>> 0, offset);
    const from = i * chunkSize;
    offset += payload.copy(out, offset, from, Math.min(payload.length, from + chunkSize));
  }
  return out;
}

const u32 = (value: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
};

/** A protocol control message (chunk stream 2, message stream 0). */
export function controlMessage(type: number, payload: Buffer): Buffer {
  return chunkMessage({ csid: CSID.control, type, streamId: 0, timestamp: 0, payload }, 128);
}

export const setChunkSize = (size: number): Buffer => controlMessage(MSG.setChunkSize, u32(size));
export const acknowledgement = (received: number): Buffer => controlMessage(MSG.ack, u32(received));
export const windowAckSize = (size: number): Buffer => controlMessage(MSG.windowAckSize, u32(size));
export const setPeerBandwidth = (size: number): Buffer =>
  controlMessage(MSG.setPeerBandwidth, Buffer.concat([u32(size), Buffer.from([2])]));

/** User control "stream begin" for message stream `streamId`. */
export function streamBegin(streamId: number): Buffer {
  const payload = Buffer.alloc(6);
  payload.writeUInt32BE(streamId, 2);
  return controlMessage(MSG.userControl, payload);
}

/** An AMF0 command (or data) message on the command chunk stream. */
export function commandMessage(
  values: readonly AmfValue[],
  chunkSize: number,
  streamId = 0,
  type: number = MSG.commandAmf0,
): Buffer {
  return chunkMessage(
    { csid: CSID.command, type, streamId, timestamp: 0, payload: encodeAmf0(values) },
    chunkSize,
  );
}
