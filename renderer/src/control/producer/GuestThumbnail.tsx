// A guest's live thumbnail in the director panel: their camera small and silent (no sound in the
// control room), sent to this panel peer to peer. Until frames arrive a calm "no picture yet";
// when they stop, a word over the picture instead of a frozen frame.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { FRESH_WATCH, watchFrames, type PictureFlow } from '../../lib/frame-flow';
import type { RemoteMedia } from '../../lib/room-peers';

const SAMPLE_MS = 500;

/** How the picture in `video` moves, sampled from the frames it has shown. */
function usePictureFlow(video: RefObject<HTMLVideoElement | null>, stream: MediaStream | null) {
  const [flow, setFlow] = useState<PictureFlow>('waiting');
  useEffect(() => {
    const element = video.current;
    if (element) element.srcObject = stream;
    if (!element || !stream) return setFlow('waiting');
    void element.play().catch(() => undefined);
    let watch = FRESH_WATCH;
    const sample = (): void => {
      const shown = element.videoWidth > 0 ? element.getVideoPlaybackQuality().totalVideoFrames : 0;
      const next = watchFrames(watch, shown, performance.now());
      watch = next.watch;
      setFlow(next.flow);
    };
    sample();
    const timer = setInterval(sample, SAMPLE_MS);
    return () => clearInterval(timer);
  }, [video, stream]);
  return flow;
}

export function GuestThumbnail({ name, picture }: { name: string; picture: RemoteMedia | null }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const flow = usePictureFlow(video, picture?.stream ?? null);
  const shown: PictureFlow | 'reconnecting' =
    picture?.interrupted && flow !== 'live' ? 'reconnecting' : flow;
  return (
    <figure className="room-thumb" data-testid="room-thumb" data-flow={shown}>
      <video
        ref={video}
        className="room-thumb__video"
        aria-label={t('room.thumb.label', { name })}
        autoPlay
        playsInline
        muted
      />
      {shown !== 'live' && (
        <figcaption className={`room-thumb__note room-thumb__note--${shown}`}>
          {t(`room.thumb.${shown}`)}
        </figcaption>
      )}
    </figure>
  );
}
