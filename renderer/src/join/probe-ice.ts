// One way out, tried for real: a peer connection with only that path's servers gathers
// candidates until one proves the path (src/shared/connection-check.ts), gathering ends, or
// time runs out. Nothing is sent to anyone: the offer never leaves the page.
import {
  provesPath,
  unprovedResult,
  type IceProbe,
  type PathResult,
} from '../../../src/shared/connection-check';

/** A few seconds per path: a relay on another continent answers in well under one. */
export const PROBE_MS = 6000;

export function probeIce(probe: IceProbe, timeoutMs = PROBE_MS): Promise<PathResult> {
  const pc = new RTCPeerConnection({ iceServers: probe.servers, iceTransportPolicy: probe.policy });
  return new Promise<PathResult>((resolve) => {
    const done = (result: PathResult): void => {
      clearTimeout(timer);
      pc.onicecandidate = null;
      pc.onicecandidateerror = null;
      pc.close();
      resolve(result);
    };
    let errors = 0;
    const timer = setTimeout(
      () => done(unprovedResult(probe.path, { errors, ended: false })),
      timeoutMs,
    );
    pc.onicecandidateerror = () => {
      errors += 1;
    };
    pc.onicecandidate = (event) => {
      // A null candidate ends gathering: no candidate proved the path.
      if (!event.candidate) done(unprovedResult(probe.path, { errors, ended: true }));
      else if (provesPath(probe.path, event.candidate.type)) done('works');
    };
    // A data channel gives the offer something to gather candidates for.
    pc.createDataChannel('probe');
    pc.createOffer()
      .then((offer) => pc.setLocalDescription(offer))
      .catch(() => done('blocked'));
  });
}
