// The X stream's bytes as they really arrive: characters split between chunks, line ends in
// chunks of their own, heartbeats, and a line that never ends.
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, StreamLineSplitter } from '../../src/sources/x-stream-lines.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function feed(chunks: Uint8Array[]): ReturnType<StreamLineSplitter['push']> {
  const splitter = new StreamLineSplitter();
  return chunks.flatMap((c) => splitter.push(c));
}

describe('splitting the X stream into lines', () => {
  it('keeps a multi-byte character whole when a chunk ends inside it', () => {
    const line = bytes('{"data":{"id":"1","text":"Grüße 👋 aus Köln"}}\r\n');
    // Cut inside "ü" (2 bytes) and inside "👋" (4 bytes), at every possible place.
    for (let cut = 1; cut < line.length; cut += 1) {
      const lines = feed([line.slice(0, cut), line.slice(cut)]);
      expect(lines).toEqual([
        { kind: 'json', text: '{"data":{"id":"1","text":"Grüße 👋 aus Köln"}}' },
      ]);
    }
  });

  it('takes "\\r\\n" in a chunk of its own as the end of the line before, not as a heartbeat', () => {
    const lines = feed([bytes('{"a":1}'), bytes('\r\n'), bytes('{"b":2}'), bytes('\r\n')]);
    expect(lines).toEqual([
      { kind: 'json', text: '{"a":1}' },
      { kind: 'json', text: '{"b":2}' },
    ]);
  });

  it('waits when "\\r" and "\\n" arrive apart, and tells heartbeats from posts', () => {
    const lines = feed([bytes('\r\n{"a":1}\r'), bytes('\n\r'), bytes('\n{"b"'), bytes(':2}\r\n')]);
    expect(lines).toEqual([
      { kind: 'heartbeat' },
      { kind: 'json', text: '{"a":1}' },
      { kind: 'heartbeat' },
      { kind: 'json', text: '{"b":2}' },
    ]);
  });

  it('gives up on a line that grows past the limit without ending, and reads on', () => {
    const splitter = new StreamLineSplitter();
    const big = bytes('x'.repeat(MAX_LINE_CHARS + 1));
    expect(splitter.push(big)).toEqual([{ kind: 'overlong' }]);
    expect(splitter.push(bytes('{"c":3}\r\n'))).toEqual([{ kind: 'json', text: '{"c":3}' }]);
  });
});
