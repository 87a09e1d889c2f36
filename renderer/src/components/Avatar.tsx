// An author's picture over their initials, which show while it loads, when there is none or
// when it fails to load. Loaded without a referrer, so platforms do not learn who is moderating.
import { useState } from 'react';
import type { CommentAuthor } from '../../../src/shared/comment';

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((p) => Array.from(p ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

export function Avatar({ author, size }: { author: CommentAuthor; size: number }) {
  const [failed, setFailed] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.4) };
  // The initials are always drawn; the picture lies on top once it has loaded. One that is still
  // loading, or never answers, leaves the initials in view instead of an empty circle.
  return (
    <span className="avatar avatar--initials" style={style} aria-hidden="true">
      {initials(author.name)}
      {author.avatarUrl && !failed && (
        <img
          className="avatar__picture"
          src={author.avatarUrl}
          alt=""
          width={size}
          height={size}
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={() => setFailed(true)}
        />
      )}
    </span>
  );
}
