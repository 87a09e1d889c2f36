// One person's picture and sound: a video element fed from a MediaStream, with their name and
// role under it. Muted for one's own preview, so nobody hears themselves.
import { useEffect, useRef } from 'react';

export function MediaTile({
  stream,
  name,
  role,
  muted,
  mirrored = false,
  notice = null,
  testId,
}: {
  stream: MediaStream | null;
  name: string;
  role: string;
  muted: boolean;
  mirrored?: boolean;
  /** A calm word over the picture (reconnecting) instead of a frozen frame. */
  notice?: string | null;
  testId: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    // Where sound may not start by itself, the picture at least plays.
    element.play().catch(() => {
      element.muted = true;
      void element.play().catch(() => undefined);
    });
  }, [stream]);
  return (
    <figure className="tile" data-testid={testId} data-name={name}>
      <video
        ref={video}
        className={mirrored ? 'tile__video tile__video--mirrored' : 'tile__video'}
        autoPlay
        playsInline
        muted={muted}
      />
      {notice && (
        <p className="tile__notice" role="status">
          {notice}
        </p>
      )}
      {name && (
        <figcaption className="tile__name">
          <strong>{name}</strong>
          {role && <span>{role}</span>}
        </figcaption>
      )}
    </figure>
  );
}
