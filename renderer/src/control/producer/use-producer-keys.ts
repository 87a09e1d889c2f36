// The producer's keys: 1–9 scene, Space transition, N next segment, Shift+1–9 guest lower third.
// They read the latest state through a ref so the listener is attached once.
import { useEffect, useRef } from 'react';
import type { ShowState } from '../../../../src/shared/state';
import { dialogOpen, isTyping, liveKeyAllowed } from '../../lib/keyboard';
import { cuttableScenes } from './ScenePanel';
import type { Send } from './send';

export function useProducerKeys(state: ShowState | null, paused: boolean, send: Send): void {
  const latest = useRef(state);
  latest.current = state;
  const held = useRef(paused);
  held.current = paused;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const current = latest.current;
      if (!current || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
        return;
      // A dialog has the keyboard; a focused button keeps its own Space and Enter.
      if (held.current || dialogOpen() || !liveKeyAllowed(event)) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (digit && event.shiftKey) {
        const guest = current.guests[Number(digit) - 1];
        if (guest) void send('lowerThird:show', { guestId: guest.id });
      } else if (digit) {
        const scene = cuttableScenes(current.obs)[Number(digit) - 1];
        if (scene) void send('obs:switchScene', { scene });
      } else if (event.key === ' ' && current.obs.studioMode) {
        void send('obs:transition', {});
      } else if (event.key.toLowerCase() === 'n') {
        void send('rundown:next', {});
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);
}
