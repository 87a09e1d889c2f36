// When a WebRTC connection's network changes or drops, bring it back without anyone acting: an
// ICE restart when 'disconnected' lasts past a short grace or 'failed' is reached, retried with
// backoff until 'connected', and at once when the signalling channel is back. Attach it on the
// side that sends offers; its `restart` should do nothing while signalling is down (an offer
// would be lost; the retry, or signallingRestored, comes back to it).
import { backoffDelay, type BackoffPolicy } from '../../../src/shared/backoff.js';

/** The part of RTCPeerConnection this needs (typed here, so Node tests can pass a fake). */
export interface IcePeer {
  readonly iceConnectionState: string;
  addEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
  removeEventListener(type: 'iceconnectionstatechange', listener: () => void): void;
}

export type IceRecoveryEvent =
  | { kind: 'restart'; attempt: number; reason: RestartReason }
  | { kind: 'recovered'; afterMs: number; restarts: number };

/**
 * disconnected, failed: ICE said so; retry: the last restart did not get through in time;
 * signalling: signalling is back and media is not; probe: signalling is back after a drop while
 * ICE still says connected (a dead path is noticed only after 5-10 s).
 */
export type RestartReason = 'disconnected' | 'failed' | 'retry' | 'signalling' | 'probe';

export interface IceRecoveryOptions {
  /**
   * Starts one ICE restart: `pc.restartIce()` (or an offer with `iceRestart: true`, after a
   * rollback when an earlier offer is still unanswered) and send the offer.
   */
  restart: () => void;
  /** How long 'disconnected' may last before a restart (it often heals by itself). */
  disconnectedGraceMs?: number;
  /** How long a restart may take to reach 'connected' before the next one. */
  retry?: BackoffPolicy;
  onEvent?: (event: IceRecoveryEvent) => void;
  now?: () => number;
}

export interface IceRecovery {
  /**
   * The signalling channel reconnected after a drop: restart now. A drop most often means the
   * network changed, and an unanswered offer was lost on the way. When ICE still says
   * connected, this is one probe without retries: an ICE restart keeps media on the old path
   * until the new one works, so a healthy connection loses nothing.
   */
  signallingRestored(): void;
  /** Restarts since the connection was last healthy. */
  readonly attempts: number;
  stop(): void;
}

export const DEFAULT_DISCONNECTED_GRACE_MS = 2000;
export const DEFAULT_RETRY: BackoffPolicy = { initialMs: 3000, maxMs: 15_000, jitter: 0.2 };

const HEALTHY = new Set(['connected', 'completed']);

export function watchIce(peer: IcePeer, options: IceRecoveryOptions): IceRecovery {
  const grace = options.disconnectedGraceMs ?? DEFAULT_DISCONNECTED_GRACE_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const now = options.now ?? Date.now;
  let attempts = 0;
  let troubleSince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** What the timer waits for: the grace of 'disconnected', or a restart to get through. */
  let waiting: 'grace' | 'retry' | null = null;

  const clearTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waiting = null;
  };
  const restart = (reason: RestartReason): void => {
    clearTimer();
    attempts += 1;
    options.onEvent?.({ kind: 'restart', attempt: attempts, reason });
    options.restart();
    if (reason === 'probe') return;
    // If this restart does not get through (its offer lost, the network still gone), try again.
    timer = setTimeout(
      () => {
        if (HEALTHY.has(peer.iceConnectionState)) settle();
        else restart('retry');
      },
      backoffDelay(attempts, retry),
    );
    waiting = 'retry';
  };
  const settle = (): void => {
    clearTimer();
    if (troubleSince !== null) {
      options.onEvent?.({ kind: 'recovered', afterMs: now() - troubleSince, restarts: attempts });
    }
    troubleSince = null;
    attempts = 0;
  };
  const onChange = (): void => {
    const state = peer.iceConnectionState;
    if (HEALTHY.has(state)) return settle();
    if (state === 'closed') return stop();
    if (state !== 'disconnected' && state !== 'failed') return; // new, checking: wait
    troubleSince ??= now();
    // A restart under way keeps its backoff: a new generation failing again must not spin.
    if (waiting === 'retry') return;
    if (state === 'failed') restart('failed');
    else if (waiting === null) {
      timer = setTimeout(() => restart('disconnected'), grace);
      waiting = 'grace';
    }
  };
  const stop = (): void => {
    clearTimer();
    peer.removeEventListener('iceconnectionstatechange', onChange);
  };
  peer.addEventListener('iceconnectionstatechange', onChange);
  return {
    signallingRestored: () => {
      if (HEALTHY.has(peer.iceConnectionState)) return restart('probe');
      troubleSince ??= now();
      restart('signalling');
    },
    get attempts() {
      return attempts;
    },
    stop,
  };
}
