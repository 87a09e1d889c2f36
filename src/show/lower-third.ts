// What the OBS text source says: a guest's name and role while their lower third runs, else the
// question on air, else nothing. Pure; the OBS adapter writes the result.
import type { OnAirComment } from '../shared/comment.js';
import type { GuestLowerThird } from '../shared/state.js';
import { tameText, truncateText } from '../shared/tame-text.js';

export interface LowerThirdText {
  visible: boolean;
  text: string;
}

const MAX_COMMENT = 180;

export function lowerThirdText(
  guest: GuestLowerThird | null,
  onAir: OnAirComment | null,
  nowMs: number,
): LowerThirdText {
  if (guest && Date.parse(guest.until) > nowMs) {
    const { name, role, handle } = guest.guest;
    const second = [role, handle ? `@${handle.replace(/^@/, '')}` : ''].filter(Boolean).join(' · ');
    return { visible: true, text: tameText(second ? `${name}\n${second}` : name) };
  }
  if (onAir) {
    const who = onAir.author.handle ? `@${onAir.author.handle}` : onAir.author.name;
    const text = truncateText(tameText(onAir.text).replace(/\s+/g, ' ').trim(), MAX_COMMENT);
    return { visible: true, text: `${tameText(who)}\n${text}` };
  }
  return { visible: false, text: '' };
}
