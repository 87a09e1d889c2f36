// Loads what a read-only screen shows (the archive, one show, a report) through one intent, and
// loads it again when its key changes (another page, another show, a show that just ended).
import { useCallback, useEffect, useState } from 'react';
import type {
  ControlIntentName,
  ControlIntentPayload,
  ControlIntentResults,
} from '../../../../src/shared/protocol';
import { refusalText, useWording } from '../../i18n/messages';
import { useConnection } from '../context';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

export function useLoad<N extends ControlIntentName>(
  name: N,
  payload: ControlIntentPayload<N>,
  key: string,
): Loaded<ControlIntentResults[N]> {
  const connection = useConnection();
  const word = useWording();
  const [data, setData] = useState<ControlIntentResults[N] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  // The payload is described by `key`; a fresh object each render must not reload.
  const [asked] = useState(() => ({ current: payload }));
  asked.current = payload;
  useEffect(() => {
    let stale = false;
    void connection.request(name, asked.current).then((result) => {
      if (stale) return;
      if (result.ok) {
        setData(result);
        setError(null);
      } else {
        setError(refusalText(word, result));
      }
    });
    return () => {
      stale = true;
    };
  }, [connection, name, key, round, word, asked]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload };
}
