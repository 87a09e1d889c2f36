// The chunk stream both ways: whatever the writer produces (any sizes, chunk sizes, extended
// timestamps), the reader gives back, however the bytes are split on the way; and bad bytes
// end in an error, not in a hang or a huge allocation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAmf0, encodeAmf0 } from '../../../src/relay/rtmp/amf0.js';
import {
  ChunkReader,
  RtmpProtocolError,
  type RtmpMessage,
} from '../../../src/relay/rtmp/chunk-reader.js';
import { chunkMessage, setChunkSize } from '../../../src/relay/rtmp/chunk-writer.js';

const LIMITS = { maxMessageBytes: 1024 * 1024, maxChunkStreams: 8 };

function readAll(parts: Buffer[]): RtmpMessage[] {
  const out: RtmpMessage[] = [];
  const reader = new ChunkReader(LIMITS, (m) =>
    out.push({ ...m, payload: Buffer.from(m.payload) }),
  );
  for (const part of parts) reader.push(part);
  return out;
}

function split(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(data.subarray(last, p));
    last = p;
  }
  parts.push(data.subarray(last));
  return parts;
}

describe('RTMP chunk stream', () => {
  it('gives back every message the writer chunked, however the bytes arrive', () => {
    const message = fc.record({
      csid: fc.integer({ min: 3, max: 400 }),
      type: fc.constantFrom(8, 9, 18, 20),
      streamId: fc.integer({ min: 0, max: 5 }),
      timestamp: fc.oneof(
        fc.integer({ min: 0, max: 0xfffffe }),
        fc.integer({ min: 0xffffff, max: 0xffffffff }),
      ),
      payload: fc.uint8Array({ maxLength: 20_000 }).map((a) => Buffer.from(a)),
    });
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 70_000 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (messages, chunkSize, cuts) => {
          // Distinct chunk streams keep the messages apart, as real senders do per track.
          const unique = messages.map((m, i) => ({ ...m, csid: 3 + i }));
          const bytes = Buffer.concat([
            setChunkSize(chunkSize),
            ...unique.map((m) => chunkMessage(m, chunkSize)),
          ]);
          const got = readAll(split(bytes, cuts));
          expect(got).toEqual(
            unique.map(({ type, streamId, timestamp, payload }) => ({
              type,
              streamId,
              timestamp,
              payload,
            })),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses garbage with an error instead of waiting or allocating without limit', () => {
    // A continuation header on a chunk stream that never started.
    expect(() => readAll([Buffer.from([0xc5, 1, 2, 3])])).toThrow(RtmpProtocolError);
    // A message claiming 16 MiB.
    const huge = Buffer.from([0x03, 0, 0, 0, 0xff, 0xff, 0xff, 9, 1, 0, 0, 0]);
    expect(() => readAll([huge])).toThrow(/too large/);
    // Many chunk streams.
    const many = Buffer.concat(
      Array.from({ length: 20 }, (_, i) =>
        chunkMessage(
          { csid: 3 + i, type: 8, streamId: 1, timestamp: 0, payload: Buffer.alloc(1) },
          128,
        ),
      ),
    );
    expect(() => readAll([many])).toThrow(/too many chunk streams/);
    expect(() => readAll([setChunkSize(0)])).toThrow(/bad chunk size/);
  });
});

describe('AMF0', () => {
  it('round-trips commands and rejects truncated or unknown values', () => {
    const values = [
      'connect',
      1,
      { app: 'live', tcUrl: 'rtmp://x/live', n: null, ok: true },
      [1, 'a'],
    ];
    expect(decodeAmf0(encodeAmf0(values))).toEqual(values);
    const bytes = encodeAmf0(values);
    expect(() => decodeAmf0(bytes.subarray(0, bytes.length - 2))).toThrow(/truncated/);
    expect(() => decodeAmf0(Buffer.from([0x42]))).toThrow(/unknown AMF0 marker/);
    const proto = decodeAmf0(
      Buffer.concat([
        Buffer.from([0x03, 0, 9]),
        Buffer.from('__proto__'),
        Buffer.from([5, 0, 0, 9]),
      ]),
    )[0];
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto as object)).toEqual(['__proto__']);
  });
});
