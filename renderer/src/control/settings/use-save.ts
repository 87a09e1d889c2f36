// The save-state of a settings form: idle, saving, saved, or failed with the core's reason.
import { useCallback, useState } from 'react';
import type { Ack } from '../../../../src/shared/protocol';
import { refusalText, useWording } from '../../i18n/messages';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; note?: string }
  | { kind: 'failed'; error: string };

export function useSave(): [SaveState, (work: () => Promise<Ack>) => Promise<void>, () => void] {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const word = useWording();
  const run = useCallback(
    async (work: () => Promise<Ack>) => {
      setState({ kind: 'saving' });
      const result = await work();
      setState(
        result.ok ? { kind: 'saved' } : { kind: 'failed', error: refusalText(word, result) },
      );
    },
    [word],
  );
  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return [state, run, reset];
}
