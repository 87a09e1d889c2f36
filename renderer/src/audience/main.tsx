// The public /audience page where viewers ask the panel questions (mobile-first).
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { io, type Socket } from 'socket.io-client';
import type {
  AudienceClientToServerEvents,
  AudienceServerToClientEvents,
} from '../../../src/shared/protocol';
import { initI18n } from '../i18n/i18n';
import '../styles/audience.css';

initI18n();

function AudiencePage() {
  const { t } = useTranslation();
  const [title, setTitle] = useState<string | null>(null);
  const [connected, setConnected] = useState<boolean | null>(null);
  useEffect(() => {
    const socket: Socket<AudienceServerToClientEvents, AudienceClientToServerEvents> =
      io('/audience');
    socket.on('connect', () => setConnected(true));
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', () => setConnected(false));
    socket.on('audience:state', (state) => setTitle(state.showTitle));
    return () => {
      socket.close();
    };
  }, []);
  return (
    <main className="audience">
      <p className="audience__show">{title ?? ''}</p>
      <h1>{t('audience.heading')}</h1>
      <p className="audience__note">
        {connected === null && t('audience.connecting')}
        {connected === false && t('audience.offline')}
        {connected === true && t('audience.soon')}
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AudiencePage />
    </StrictMode>,
  );
}
