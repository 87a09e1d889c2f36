// Gives every view the one control connection and its live snapshot.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot, ControlConnection } from '../lib/control-connection';

export const ConnectionContext = createContext<ControlConnection | null>(null);

export function useConnection(): ControlConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection outside ConnectionContext');
  return connection;
}

export function useShow(): ConnectionSnapshot {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
