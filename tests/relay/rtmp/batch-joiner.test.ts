// One ingest read goes to every destination as one write. Destinations that took the same
// messages get the very same joined buffer (one copy per read, however many destinations); one
// that skipped a message (dropping to the next keyframe) gets its own, with only what it took.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchJoiner } from '../../../src/relay/rtmp/push-session.js';

describe('joining one read for several destinations', () => {
  it('shares one buffer between destinations with the same messages, in order', () => {
    const parts = [Buffer.from('video'), Buffer.from('audio'), Buffer.from('video2')];
    const joiner = new BatchJoiner();
    const first = joiner.join([...parts]);
    const second = joiner.join([...parts]);
    expect(first.toString()).toBe('videoaudiovideo2');
    expect(second).toBe(first);
  });

  it('gives a destination that skipped a message exactly what it took', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 8 }),
        fc.nat(),
        (arrays, skip) => {
          const parts = arrays.map((a) => Buffer.from(a));
          const joiner = new BatchJoiner();
          const all = joiner.join(parts);
          const taken = parts.filter((_, i) => i !== skip % parts.length);
          const fewer = joiner.join(taken);
          expect(all.equals(Buffer.concat(parts))).toBe(true);
          expect(fewer.equals(Buffer.concat(taken))).toBe(true);
          expect(fewer).not.toBe(all);
        },
      ),
    );
  });
});
