// The /overlay page for an OBS browser source: a transparent 1920×1080 stage that shows the
// question on air. Read-only; after every reconnect the core sends the current state again, so
// a restarted core or OBS never leaves a stale lower third on screen.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { io, type Socket } from 'socket.io-client';
import type { OnAirComment } from '../../../src/shared/comment';
import { parseOverlayTheme } from '../../../src/shared/overlay-theme';
import type {
  OverlayClientToServerEvents,
  OverlayServerToClientEvents,
  OverlayState,
} from '../../../src/shared/protocol';
import '../styles/overlay.css';
import { LowerThird } from './LowerThird';

const EXIT_MS = 420;
const theme = parseOverlayTheme(new URLSearchParams(location.search));

/** Keeps the last comment on screen while it animates out, then shows the next one. */
function useOnAir(current: OnAirComment | null): {
  shown: OnAirComment | null;
  phase: 'in' | 'out';
} {
  const [shown, setShown] = useState<OnAirComment | null>(current);
  const [phase, setPhase] = useState<'in' | 'out'>('in');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (current?.id === shown?.id) {
      if (current) setShown(current);
      setPhase('in');
      return;
    }
    if (shown === null) {
      setShown(current);
      setPhase('in');
      return;
    }
    setPhase('out');
    timer.current = setTimeout(() => {
      setShown(current);
      setPhase('in');
    }, EXIT_MS);
    // `shown` is what is on screen; only `current` drives changes.
  }, [current]); // eslint-disable-line react-hooks/exhaustive-deps
  return { shown, phase };
}

function Overlay() {
  const [state, setState] = useState<OverlayState | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const socket: Socket<OverlayServerToClientEvents, OverlayClientToServerEvents> = io(
      '/overlay',
      {
        reconnectionDelay: 500,
        reconnectionDelayMax: 2000,
      },
    );
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on('overlay:state', setState);
    return () => {
      socket.close();
    };
  }, []);
  const { shown, phase } = useOnAir(state?.onAir ?? null);
  const style = {
    '--accent': theme.accent,
    '--lt-bg': theme.background,
    '--lt-text': theme.text,
    '--lt-scale': String(theme.scale),
    '--lt-width': `${theme.width}px`,
    ...(theme.font ? { '--lt-font': `"${theme.font}"` } : {}),
  } as React.CSSProperties;
  return (
    <div
      className={`stage stage--${theme.position}`}
      style={style}
      data-connected={connected}
      data-testid="overlay-stage"
    >
      {shown && <LowerThird comment={shown} phase={phase} />}
    </div>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Overlay />
    </StrictMode>,
  );
}
