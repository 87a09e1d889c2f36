// The /overlay page for an OBS browser source: a transparent 1920×1080 stage that shows the
// question on air. Read-only; after every reconnect the core sends the current state again, so
// a restarted core or OBS never leaves a stale lower third on screen.
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { io, type Socket } from 'socket.io-client';
import type { OnAirComment } from '../../../src/shared/comment';
import type { GuestLowerThird } from '../../../src/shared/state';
import { parseOverlayTheme } from '../../../src/shared/overlay-theme';
import type {
  OverlayClientToServerEvents,
  OverlayServerToClientEvents,
  OverlayState,
} from '../../../src/shared/protocol';
import '../styles/overlay.css';
import { GuestThird, LowerThird } from './LowerThird';

const EXIT_MS = 420;
const theme = parseOverlayTheme(new URLSearchParams(location.search));

/** What the stage shows: a guest's lower third while it runs, else the question on air. */
type Slot = { id: string; guest: GuestLowerThird } | { id: string; comment: OnAirComment };

function slotOf(state: OverlayState | null): Slot | null {
  if (state?.guest) return { id: `guest:${state.guest.until}`, guest: state.guest };
  if (state?.onAir) return { id: `comment:${state.onAir.id}`, comment: state.onAir };
  return null;
}

/** Keeps the last slot on screen while it animates out, then shows the next one. */
function useSlot(current: Slot | null): { shown: Slot | null; phase: 'in' | 'out' } {
  const [shown, setShown] = useState<Slot | null>(current);
  const [phase, setPhase] = useState<'in' | 'out'>('in');
  const shownId = useRef<string | null>(current?.id ?? null);
  useEffect(() => {
    const id = current?.id ?? null;
    const show = (): void => {
      shownId.current = id;
      setShown(current);
      setPhase('in');
    };
    if (id === shownId.current || shownId.current === null) {
      show();
      return;
    }
    setPhase('out');
    const timer = setTimeout(show, EXIT_MS);
    return () => clearTimeout(timer);
  }, [current]);
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
  const slot = useMemo(() => slotOf(state), [state]);
  const { shown, phase } = useSlot(slot);
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
      {shown && 'comment' in shown && <LowerThird comment={shown.comment} phase={phase} />}
      {shown && 'guest' in shown && <GuestThird guest={shown.guest} phase={phase} />}
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
