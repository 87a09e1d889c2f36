import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n';
import { CommentsStore } from '../lib/comments-store';
import { ControlConnection } from '../lib/control-connection';
import { saveToken, takeTokenFromUrl } from '../lib/token';
import '../styles/control.css';
import { App } from './App';
import { CommentsContext, ConnectionContext } from './context';

initI18n();

function Root() {
  const [token, setToken] = useState(() => takeTokenFromUrl(location, history));
  const name = new URLSearchParams(location.search).get('name') ?? undefined;
  const connection = useMemo(() => new ControlConnection(token, name), [token, name]);
  const comments = useMemo(() => new CommentsStore(connection), [connection]);
  useEffect(() => {
    connection.open();
    return () => {
      comments.stop();
      connection.close();
    };
  }, [connection, comments]);
  return (
    <ConnectionContext.Provider value={connection}>
      <CommentsContext.Provider value={comments}>
        <App
          onToken={(next) => {
            saveToken(next);
            setToken(next);
          }}
        />
      </CommentsContext.Provider>
    </ConnectionContext.Provider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
