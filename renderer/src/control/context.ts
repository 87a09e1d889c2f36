// Gives every view the one control connection and its live snapshot.
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { CommentsSnapshot, CommentsStore } from '../lib/comments-store';
import type { ConnectionSnapshot, ControlConnection } from '../lib/control-connection';

export const ConnectionContext = createContext<ControlConnection | null>(null);
/** Comments are fetched only once a screen needs them, then kept for the session. */
export const CommentsContext = createContext<CommentsStore | null>(null);

export function useConnection(): ControlConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection outside ConnectionContext');
  return connection;
}

export function useShow(): ConnectionSnapshot {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

export function useComments(): [CommentsStore, CommentsSnapshot] {
  const store = useContext(CommentsContext);
  if (!store) throw new Error('useComments outside CommentsContext');
  useEffect(() => store.start(), [store]);
  return [store, useSyncExternalStore(store.subscribe, store.getSnapshot)];
}
