// The size of the picture a guest sends the others in the conversation: full up to two peers,
// half from three on (every tile small then); the stage and the director panel are not touched.
import { describe, expect, it } from 'vitest';
import type { RoomLink } from '../../src/shared/guest-room.js';
import {
  conversationScale,
  isConversation,
  scaleVideo,
  type ScalableSender,
} from '../../renderer/src/lib/mesh-sender.js';

const link = (kind: RoomLink['peer']['kind'], send = true): RoomLink => ({
  id: `l-${kind}`,
  peer: { id: kind, kind, name: '', role: '' },
  offerer: true,
  send,
  receive: true,
});

/** A sender as the browser holds it: its encodings, and every setParameters call. */
function sender(kind: string, encodings: { scaleResolutionDownBy?: number }[]) {
  const calls: number[] = [];
  const fake: ScalableSender = {
    track: { kind },
    getParameters: () => ({ encodings: encodings.map((e) => ({ ...e })) }),
    setParameters: (parameters) => {
      calls.push(parameters.encodings[0]?.scaleResolutionDownBy ?? 1);
      encodings.splice(0, encodings.length, ...parameters.encodings);
      return Promise.resolve();
    },
  };
  return { fake, calls };
}

describe('conversation picture size', () => {
  it('halves the picture from three conversation peers on', () => {
    expect([1, 2, 3, 4].map(conversationScale)).toEqual([1, 1, 2, 2]);
  });

  it('counts the links to guests and the host, not the stage or a director panel', () => {
    expect(isConversation(link('guest'))).toBe(true);
    expect(isConversation(link('host'))).toBe(true);
    expect(isConversation(link('stage'))).toBe(false);
    expect(isConversation(link('monitor'))).toBe(false);
    expect(isConversation(link('guest', false))).toBe(false);
  });

  it('sets the video sender once, back to full size too, and leaves sound and unnegotiated ones', async () => {
    const video = sender('video', [{}]);
    const audio = sender('audio', [{}]);
    await scaleVideo([audio.fake, video.fake], 2);
    await scaleVideo([audio.fake, video.fake], 2);
    expect(video.calls).toEqual([2]);
    expect(audio.calls).toEqual([]);
    await scaleVideo([video.fake], 1);
    expect(video.calls).toEqual([2, 1]);
    const early = sender('video', []);
    await scaleVideo([early.fake], 2);
    expect(early.calls).toEqual([]);
  });
});
