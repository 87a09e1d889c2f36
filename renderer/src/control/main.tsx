import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n/i18n';
import { ControlConnection } from '../lib/control-connection';
import { saveToken, takeTokenFromUrl } from '../lib/token';
import '../styles/control.css';
import { App } from './App';
import { ConnectionContext } from './context';

initI18n();

function Root() {
  const [token, setToken] = useState(() => takeTokenFromUrl(location, history));
  const name = new URLSearchParams(location.search).get('name') ?? undefined;
  const connection = useMemo(() => new ControlConnection(token, name), [token, name]);
  useEffect(() => {
    connection.open();
    return () => connection.close();
  }, [connection]);
  return (
    <ConnectionContext.Provider value={connection}>
      <App
        onToken={(next) => {
          saveToken(next);
          setToken(next);
        }}
      />
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
