// The /overlay page for an OBS browser source: a transparent 1920×1080 stage that shows what
// is on air. Read-only; it re-renders the current state after every reconnect.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { io, type Socket } from 'socket.io-client';
import type {
  OverlayClientToServerEvents,
  OverlayServerToClientEvents,
  OverlayState,
} from '../../../src/shared/protocol';
import '../styles/overlay.css';

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
  return (
    <div
      className="stage"
      data-connected={connected}
      data-testid="overlay-stage"
      data-show={state?.showTitle ?? ''}
    />
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
