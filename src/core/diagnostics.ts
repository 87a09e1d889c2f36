// Input refused at an edge (a bad intent, a wrong token, a damaged setting) is logged and
// counted per channel, so the producer can see it under diagnostics.
import type { Logger } from '../shared/logger.js';
import type { StateHub } from '../shared/state-hub.js';

export function rejectionCounter(
  hub: StateHub,
  logger: Logger,
): (channel: string, reason: string) => void {
  return (channel, reason) => {
    logger.debug('input rejected', { channel, reason });
    hub.update('diagnostics', (d) => ({
      ...d,
      rejectedInputs: { ...d.rejectedInputs, [channel]: (d.rejectedInputs[channel] ?? 0) + 1 },
    }));
  };
}
