// What the native OBS lower third says: a guest's name and role while their lower third runs,
// else the question on air (who asked on the name line, the question below), else nothing. Pure;
// the layout module fits it into the bar and the OBS adapter writes the result.
import type { OnAirComment } from '../shared/comment.js';
import type { GuestLowerThird } from '../shared/state.js';
import { tameText, truncateText } from '../shared/tame-text.js';

export type LowerThirdContent =
  | { kind: 'none' }
  | { kind: 'guest'; guestId: string; name: string; text: string }
  | { kind: 'question'; commentId: string; name: string; text: string };

/** More than three lines can ever hold; the layout cuts what is still too long. */
const MAX_COMMENT = 600;

const PLATFORM_NAMES: Record<string, string> = {
  x: 'X',
  youtube: 'YouTube',
  facebook: 'Facebook',
  twitch: 'Twitch',
  linkedin: 'LinkedIn',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  audience: '',
  test: '',
};

function oneLine(text: string): string {
  return tameText(text).replace(/\s+/g, ' ').trim();
}

export function lowerThirdContent(
  guest: GuestLowerThird | null,
  onAir: OnAirComment | null,
  nowMs: number,
): LowerThirdContent {
  if (guest && Date.parse(guest.until) > nowMs) {
    const { id, name, role, handle } = guest.guest;
    const second = [role, handle ? `@${handle.replace(/^@/, '')}` : ''].filter(Boolean).join(' · ');
    return { kind: 'guest', guestId: id, name: oneLine(name), text: oneLine(second) };
  }
  if (onAir) {
    const { name, handle } = onAir.author;
    const who = [
      name,
      handle ? `@${handle.replace(/^@/, '')}` : '',
      PLATFORM_NAMES[onAir.platform] ?? '',
    ]
      .map(oneLine)
      .filter(Boolean)
      .filter((part, i, all) => all.indexOf(part) === i);
    return {
      kind: 'question',
      commentId: onAir.id,
      name: who.join(' · '),
      text: truncateText(oneLine(onAir.text), MAX_COMMENT),
    };
  }
  return { kind: 'none' };
}
