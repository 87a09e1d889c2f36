// One way out, tried for real: a peer connection with only that path's servers gathers
// candidates until one proves the path (src/shared/connection-check.ts), gathering ends, or
// time runs out. Nothing is sent to anyone: the offer never leaves the page.
import { provesPath, type IceProbe, type PathResult } from '../../../src/shared/connection-check';

/** A few seconds per path: a relay on another continent answers in well under one. */
export const PROBE_MS = 6000;

export function probeIce(probe: IceProbe, timeoutMs = PROBE_MS): Promise<PathResult> {
  const pc = new RTCPeerConnection({ iceServers: probe.servers, iceTransportPolicy: probe.policy });
  return new Promise<PathResult>((resolve) => {
    const done = (result: PathResult): void => {
      clearTimeout(timer);
      pc.onicecandidate = null;
      pc.close();
      resolve(result);
    };
    const timer = setTimeout(() => done('blocked'), timeoutMs);
    pc.onicecandidate = (event) => {
      // A null candidate ends gathering: no candidate proved the path.
      if (!event.candidate) done('blocked');
      else if (provesPath(probe.path, event.candidate.type)) done('works');
    };
    // A data channel gives the offer something to gather candidates for.
    pc.createDataChannel('probe');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(() => done('blocked'));
  });
}
