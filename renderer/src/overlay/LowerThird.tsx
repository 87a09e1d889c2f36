// The on-air question as a lower third: avatar, name, handle, platform and the text, sized to
// fit (it shrinks first, then is shortened at a word boundary). Animates in and out with
// transform and opacity only, so OBS renders it smoothly.
import { useLayoutEffect, useRef } from 'react';
import type { OnAirComment } from '../../../src/shared/comment';
import type { GuestLowerThird } from '../../../src/shared/state';
import { tameText, truncateText } from '../../../src/shared/tame-text';
import { Avatar } from '../components/Avatar';
import { PlatformIcon } from '../components/PlatformIcon';

const MAX_CHARS = 320;
const FONT_STEPS = [46, 42, 38, 34, 31, 28];
const MAX_LINES = 4;
const LINE_HEIGHT = 1.25;

const PLATFORM_NAMES: Record<OnAirComment['platform'], string> = {
  x: 'X',
  youtube: 'YouTube',
  audience: 'Audience',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  twitch: 'Twitch',
  elsewhere: 'Elsewhere',
  test: 'Test',
};

export function LowerThird({ comment, phase }: { comment: OnAirComment; phase: 'in' | 'out' }) {
  const textRef = useRef<HTMLParagraphElement>(null);
  const text = truncateText(tameText(comment.text), MAX_CHARS);

  useLayoutEffect(() => {
    const element = textRef.current;
    if (!element) return;
    for (const size of FONT_STEPS) {
      element.style.fontSize = `${size}px`;
      if (element.scrollHeight <= Math.ceil(size * LINE_HEIGHT * MAX_LINES) + 2) return;
    }
  }, [text]);

  return (
    <div className={`lt lt--${phase}`} data-testid="lower-third" data-comment-id={comment.id}>
      <div className="lt__accent" />
      <Avatar author={comment.author} size={112} />
      <div className="lt__body">
        <div className="lt__who">
          <span className="lt__name">
            <bdi>{tameText(comment.author.name)}</bdi>
          </span>
          {comment.author.handle && (
            <span className="lt__handle">
              @<bdi>{tameText(comment.author.handle)}</bdi>
            </span>
          )}
          <PlatformIcon
            platform={comment.platform}
            label={PLATFORM_NAMES[comment.platform]}
            size={34}
          />
          {comment.askers > 1 && <span className="lt__askers">+{comment.askers - 1}</span>}
        </div>
        <p ref={textRef} className="lt__text" data-testid="overlay-text">
          <bdi>{text}</bdi>
        </p>
      </div>
    </div>
  );
}

/** A guest's name and role, for the seconds the producer chose. */
export function GuestThird({ guest, phase }: { guest: GuestLowerThird; phase: 'in' | 'out' }) {
  const { name, role, handle } = guest.guest;
  return (
    <div className={`lt lt--guest lt--${phase}`} data-testid="guest-third">
      <div className="lt__accent" />
      <div className="lt__body">
        <div className="lt__guest-name">
          <bdi>{tameText(name)}</bdi>
        </div>
        <div className="lt__guest-role">
          <bdi>{tameText(role)}</bdi>
          {handle && <span className="lt__handle"> · @{tameText(handle.replace(/^@/, ''))}</span>}
        </div>
      </div>
    </div>
  );
}
