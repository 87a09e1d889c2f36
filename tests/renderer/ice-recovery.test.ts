// The reconnect policy a guest page uses for its WebRTC connection, against a fake peer whose
// ICE state the test sets, with fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  watchIce,
  type IcePeer,
  type IceRecoveryEvent,
} from '../../renderer/src/lib/ice-recovery.js';

class FakePeer implements IcePeer {
  iceConnectionState = 'new';
  private listeners = new Set<() => void>();
  addEventListener(_type: 'iceconnectionstatechange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'iceconnectionstatechange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  set(state: string): void {
    this.iceConnectionState = state;
    for (const listener of this.listeners) listener();
  }
  get listening(): number {
    return this.listeners.size;
  }
}

describe('watchIce', () => {
  let peer: FakePeer;
  let restarts: number;
  let events: IceRecoveryEvent[];
  const watch = () =>
    watchIce(peer, {
      restart: () => (restarts += 1),
      disconnectedGraceMs: 2000,
      retry: { initialMs: 3000, maxMs: 12_000, jitter: 0 },
      onEvent: (event) => events.push(event),
      now: () => Date.now(),
    });

  beforeEach(() => {
    vi.useFakeTimers();
    peer = new FakePeer();
    restarts = 0;
    events = [];
  });
  afterEach(() => vi.useRealTimers());

  it('lets a short disconnect heal by itself without a restart', () => {
    watch();
    peer.set('connected');
    peer.set('disconnected');
    vi.advanceTimersByTime(1900);
    peer.set('connected');
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(0);
  });

  it('restarts once a disconnect outlasts the grace, and at once on failed', () => {
    watch();
    peer.set('connected');
    peer.set('disconnected');
    vi.advanceTimersByTime(2000);
    expect(restarts).toBe(1);
    expect(events[0]).toEqual({ kind: 'restart', attempt: 1, reason: 'disconnected' });

    const other = new FakePeer();
    peer = other;
    watch();
    other.set('connected');
    other.set('failed');
    expect(restarts).toBe(2);
  });

  it('retries with growing delays until connected, then reports the time taken', () => {
    watch();
    peer.set('connected');
    peer.set('failed'); // restart 1 at t=0
    vi.advanceTimersByTime(3000); // retry 2 at 3 s
    vi.advanceTimersByTime(6000); // retry 3 at 9 s
    expect(restarts).toBe(3);
    vi.advanceTimersByTime(11_999);
    expect(restarts).toBe(3);
    vi.advanceTimersByTime(1); // retry 4 at 21 s (capped at 12 s)
    expect(restarts).toBe(4);
    peer.set('checking');
    peer.set('connected');
    expect(events.at(-1)).toEqual({ kind: 'recovered', afterMs: 21_000, restarts: 4 });
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(4);
  });

  it('does not spin when each new ICE generation fails again: the backoff decides', () => {
    watch();
    peer.set('connected');
    peer.set('failed');
    peer.set('checking');
    peer.set('failed');
    peer.set('checking');
    peer.set('failed');
    expect(restarts).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(restarts).toBe(2);
  });

  it('restarts at once when signalling is back, retrying until media is back', () => {
    const recovery = watch();
    peer.set('connected');
    peer.set('disconnected');
    recovery.signallingRestored();
    expect(restarts).toBe(1);
    expect(events.at(-1)).toEqual({ kind: 'restart', attempt: 1, reason: 'signalling' });
    vi.advanceTimersByTime(3000);
    expect(restarts).toBe(2);
    peer.set('connected');
    expect(events.at(-1)).toMatchObject({ kind: 'recovered', restarts: 2 });
  });

  it('probes once when signalling is back while ICE still says connected', () => {
    const recovery = watch();
    peer.set('connected');
    recovery.signallingRestored();
    expect(events).toEqual([{ kind: 'restart', attempt: 1, reason: 'probe' }]);
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(1);
  });

  it('stops retrying once ICE is connected, even without a state change', () => {
    watch();
    peer.set('connected');
    peer.set('failed');
    peer.iceConnectionState = 'connected'; // no event, as after a rolled-back restart
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(1);
  });

  it('stops watching when the connection is closed or stopped', () => {
    const recovery = watch();
    peer.set('closed');
    expect(peer.listening).toBe(0);
    peer = new FakePeer();
    const second = watch();
    peer.set('failed');
    second.stop();
    vi.advanceTimersByTime(60_000);
    expect(restarts).toBe(1);
    expect(peer.listening).toBe(0);
    expect(recovery.attempts).toBe(0);
  });
});
