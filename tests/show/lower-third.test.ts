import { describe, expect, it } from 'vitest';
import type { OnAirComment } from '../../src/shared/comment.js';
import { lowerThirdContent } from '../../src/show/lower-third.js';

const onAir: OnAirComment = {
  id: 'c1',
  platform: 'x',
  author: { name: 'Dana', handle: 'dana', avatarUrl: null, profileUrl: null },
  text: 'How do you\n keep it civil? \u202Eevil',
  url: null,
  askers: 1,
  since: '2026-11-23T19:00:00Z',
};
const guest = {
  guest: { id: 'g1', name: 'Dr. Anna Schmidt', role: 'Keynote · ACME Labs', handle: '@anna' },
  until: '2026-11-23T19:00:10.000Z',
};
const now = Date.parse('2026-11-23T19:00:05Z');

describe('what the native OBS lower third says', () => {
  it('shows a running guest lower third first: name, then role and handle', () => {
    expect(lowerThirdContent(guest, onAir, now)).toEqual({
      kind: 'guest',
      guestId: 'g1',
      name: 'Dr. Anna Schmidt',
      text: 'Keynote · ACME Labs · @anna',
    });
  });
  it('shows the question on air, tamed and on one line, once the guest lower third ran out', () => {
    expect(lowerThirdContent(guest, onAir, Date.parse('2026-11-23T19:00:11Z'))).toEqual({
      kind: 'question',
      commentId: 'c1',
      name: 'Dana · @dana · X',
      text: 'How do you keep it civil? evil',
    });
  });
  it('names an audience question by its author alone', () => {
    const content = lowerThirdContent(
      null,
      { ...onAir, platform: 'audience', author: { ...onAir.author, handle: null } },
      now,
    );
    expect(content).toMatchObject({ kind: 'question', name: 'Dana' });
  });
  it('hides when there is nothing to show, and keeps long questions for the layout to fit', () => {
    expect(lowerThirdContent(null, null, now)).toEqual({ kind: 'none' });
    const long = lowerThirdContent(null, { ...onAir, text: 'word '.repeat(100) }, now);
    expect(long.kind === 'question' && long.text.length).toBeGreaterThan(400);
  });
});
