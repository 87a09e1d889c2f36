// Retry delays for anything that reconnects by itself: start small, double, stop at a cap, and
// spread by jitter so many clients do not retry in lockstep.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Fraction of the delay to spread randomly either way, e.g. 0.2 for ±20 %. */
  jitter: number;
}

/** Delay before retry number `attempt` (1 for the first retry). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, base + spread)));
}
