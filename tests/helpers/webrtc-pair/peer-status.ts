// What the peer page reports to the test (window.peerStatus()); free of DOM types, so the tests'
// Node-side code can share it.
import type { IceRecoveryEvent } from '../../../renderer/src/lib/ice-recovery.js';

export interface CandidateInfo {
  type: string;
  address: string;
  protocol: string;
  relayProtocol: string | null;
}

export type RecoveryLogEntry = IceRecoveryEvent & { at: number };

export interface PeerStatus {
  /** RTCPeerConnection.iceConnectionState */
  ice: string;
  /** The signalling socket is connected. */
  signalling: boolean;
  /** Received: video frames decoded, audio bytes. */
  framesDecoded: number;
  audioBytes: number;
  /** The selected candidate pair, null before one is chosen. */
  pair: { local: CandidateInfo | null; remote: CandidateInfo | null } | null;
  /** Host addresses in the current local description (the latest offer or answer). */
  hostAddresses: string[];
  events: RecoveryLogEntry[];
}
