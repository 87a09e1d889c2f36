import { describe, expect, it } from 'vitest';
import type { OnAirComment } from '../../src/shared/comment.js';
import { lowerThirdText } from '../../src/show/lower-third.js';

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

describe('lower-third text for the OBS text source', () => {
  it('shows a running guest lower third first', () => {
    expect(lowerThirdText(guest, onAir, now)).toEqual({
      visible: true,
      text: 'Dr. Anna Schmidt\nKeynote · ACME Labs · @anna',
    });
  });
  it('shows the question on air, tamed and on one line, once the guest lower third ran out', () => {
    expect(lowerThirdText(guest, onAir, Date.parse('2026-11-23T19:00:11Z'))).toEqual({
      visible: true,
      text: '@dana\nHow do you keep it civil? evil',
    });
  });
  it('hides when there is nothing to show, and shortens long questions', () => {
    expect(lowerThirdText(null, null, now)).toEqual({ visible: false, text: '' });
    const long = lowerThirdText(null, { ...onAir, text: 'word '.repeat(100) }, now);
    expect(long.text.length).toBeLessThan(200);
    expect(long.text.endsWith('…')).toBe(true);
  });
});
