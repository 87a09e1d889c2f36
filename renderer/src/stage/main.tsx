// The stage for one OBS browser source (/stage): every guest on stage in the layout the producer
// chose, with their sound and their names as lower thirds, on a transparent background.
// /feed/<guest> shows one guest alone. It only receives: the guests' browsers send to it peer to
// peer, and a change of layout only moves the tiles (the connections stay).
import { StrictMode, useMemo, type CSSProperties } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { MediaTile } from '../components/MediaTile';
import { initI18n } from '../i18n/i18n';
import { useRoom } from '../lib/use-room';
import '../styles/room.css';
import { placeTiles } from './stage-places';
import { stageGrid } from './stage-grid';

initI18n();

function feedFromAddress(): string | null {
  const match = /^\/feed\/([^/]+)\/?$/.exec(location.pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function StagePage() {
  const { t } = useTranslation();
  const feed = useMemo(feedFromAddress, []);
  const room = useRoom({ kind: 'stage', feed });
  const tiles = placeTiles(room.remote, room.stageView?.places ?? null).slice(0, 4);
  // A feed page shows its one guest whatever the stage's layout.
  const chosen = feed === null ? (room.stageView?.layout ?? 'grid') : 'solo';
  const grid = stageGrid(chosen, tiles.length);
  const size = { '--cols': grid.cols, '--rows': grid.rows } as CSSProperties;
  return (
    <main
      className={`stage stage--${grid.layout} stage--count-${tiles.length}`}
      style={size}
      data-testid="stage"
      data-layout={grid.layout}
    >
      {tiles.map(({ key, stream, name, role, interrupted }) => (
        <MediaTile
          key={key}
          stream={stream}
          name={name}
          role={role}
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
