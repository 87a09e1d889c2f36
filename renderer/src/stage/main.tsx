// The stage for one OBS browser source (/stage): every guest on stage, side by side, with their
// sound and their names as lower thirds, on a transparent background. /feed/<guest> shows one
// guest alone. It only receives: the guests' browsers send to it peer to peer.
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { MediaTile } from '../components/MediaTile';
import { initI18n } from '../i18n/i18n';
import { useRoom } from '../lib/use-room';
import '../styles/room.css';

initI18n();

function feedFromAddress(): string | null {
  const match = /^\/feed\/([^/]+)\/?$/.exec(location.pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function StagePage() {
  const { t } = useTranslation();
  const feed = useMemo(feedFromAddress, []);
  const room = useRoom({ kind: 'stage', feed });
  const tiles = room.remote.slice(0, 4);
  return (
    <main className={`stage stage--${tiles.length}`} data-testid="stage">
      {tiles.map(({ link, stream, interrupted }) => (
        <MediaTile
          key={link.id}
          stream={stream}
          name={link.peer.name}
          role={link.peer.role}
          muted={false}
          notice={interrupted ? t('join.interrupted') : null}
          testId="stage-tile"
        />
      ))}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <StagePage />
    </StrictMode>,
  );
}
