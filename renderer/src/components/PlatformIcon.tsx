// Small, recognizable platform marks (drawn here, no external assets).
import type { Platform } from '../../../src/shared/comment';

const COLORS: Record<Platform, string> = {
  x: '#e7e9ea',
  youtube: '#ff3b3b',
  audience: '#5eb1ef',
  facebook: '#1877f2',
  linkedin: '#0a66c2',
  twitch: '#a970ff',
  mastodon: '#6364ff',
  bluesky: '#1185fe',
  elsewhere: '#f5a524',
  test: '#98a2b3',
};

export function PlatformIcon({
  platform,
  label,
  size = 18,
}: {
  platform: Platform;
  label: string;
  size?: number;
}) {
  const color = COLORS[platform];
  return (
    <svg
      className="platform-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {platform === 'x' && (
        <path
          fill={color}
          d="M17.8 3h3.1l-6.8 7.7L22 21h-6.2l-4.9-6.4L5.3 21H2.2l7.3-8.3L2 3h6.4l4.4 5.8L17.8 3Zm-1.1 16.2h1.7L7.4 4.7H5.6l11.1 14.5Z"
        />
      )}
      {platform === 'youtube' && (
        <>
          <rect x="1.5" y="5" width="21" height="14" rx="4" fill={color} />
          <path d="M10 9v6l5.2-3L10 9Z" fill="#fff" />
        </>
      )}
      {platform === 'audience' && (
        <>
          <circle cx="12" cy="8" r="4" fill={color} />
          <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7H4Z" fill={color} />
        </>
      )}
      {platform === 'facebook' && (
        <>
          <circle cx="12" cy="12" r="10.5" fill={color} />
          <path
            d="M13.3 20.5v-6.2h2.1l.3-2.5h-2.4v-1.5c0-.7.2-1.2 1.2-1.2h1.3V6.9c-.2 0-1-.1-1.9-.1-1.9 0-3.2 1.2-3.2 3.3v1.8H8.6v2.5h2.1v6.2"
            fill="#fff"
          />
        </>
      )}
      {platform === 'twitch' && (
        <path
          fill={color}
          d="M4 2 2.5 6v14h5v2.5h2.8L12.8 20h4L21.5 15V2H4Zm15.5 12-3 3h-4.7l-2.5 2.5V17H5.5V4h14v10ZM16 7.5h-2v5h2v-5Zm-5 0H9v5h2v-5Z"
        />
      )}
      {platform === 'linkedin' && (
        <>
          <rect x="2" y="2" width="20" height="20" rx="3" fill={color} />
          <path
            d="M6.5 9.5h2.6V18H6.5V9.5Zm1.3-4a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm3.1 4h2.5v1.2c.4-.7 1.3-1.4 2.6-1.4 2.7 0 3.2 1.8 3.2 4.1V18h-2.6v-4.1c0-1 0-2.2-1.4-2.2s-1.6 1-1.6 2.1V18h-2.7V9.5Z"
            fill="#fff"
          />
        </>
      )}
      {platform === 'mastodon' && (
        <>
          <path
            fill={color}
            d="M21.3 7.7c0-4.2-2.8-5.4-2.8-5.4C17.1 1.6 14.6 1.3 12 1.3h-.1c-2.6 0-5.1.3-6.5 1-.1 0-2.8 1.2-2.8 5.4 0 1 0 2.1.1 3.3.1 3.9.7 7.7 4.3 8.7 1.7.4 3.1.5 4.2.5 2.1-.1 3.3-.8 3.3-.8l-.1-1.6s-1.5.5-3.2.4c-1.7-.1-3.5-.2-3.8-2.3v-.6s1.7.4 3.8.5c1.3.1 2.5-.1 3.7-.2 2.3-.3 4.4-1.8 4.6-3.1.4-2.1.4-5.2.4-5.2Z"
          />
          <path
            fill="#fff"
            d="M17.6 13.5h-2.3V8c0-1.2-.5-1.8-1.5-1.8-1.1 0-1.7.7-1.7 2.1v3H9.8v-3c0-1.4-.6-2.1-1.7-2.1-1 0-1.5.6-1.5 1.8v5.5H4.3V7.8c0-1.2.3-2.1.9-2.8.6-.7 1.4-1 2.4-1 1.2 0 2 .4 2.6 1.3l.6.9.6-.9C12 4.4 12.8 4 14 4c1 0 1.8.3 2.4 1 .6.7.9 1.6.9 2.8v5.7Z"
          />
        </>
      )}
      {platform === 'bluesky' && (
        <path
          fill={color}
          d="M6.3 3.7C8.6 5.4 11.1 9 12 10.9c.9-1.9 3.4-5.5 5.7-7.2 1.7-1.2 4.3-2.2 4.3.8 0 .6-.3 5-.5 5.7-.7 2.5-3.2 3.1-5.5 2.7 4 .7 5 2.9 2.8 5.2-4.2 4.3-6-1.1-6.5-2.4l-.3-.7-.3.7c-.5 1.3-2.3 6.7-6.5 2.4-2.2-2.3-1.2-4.5 2.8-5.2-2.3.4-4.8-.2-5.5-2.7C2.3 9.5 2 5.1 2 4.5c0-3 2.6-2 4.3-.8Z"
        />
      )}
      {platform === 'elsewhere' && (
        <path
          fill={color}
          d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2Z"
        />
      )}
      {platform === 'test' && <rect x="4" y="4" width="16" height="16" rx="4" fill={color} />}
    </svg>
  );
}
