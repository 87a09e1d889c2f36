// The browser side of the WebRTC page pair (bundled by ../webrtc-pair.ts): a "guest" that sends
// offers and a "studio" that answers, both sending fake camera and microphone, signalling over
// socket.io through the host. Whole offers and answers (ICE gathered first), each numbered, so an
// answer to an offer that was replaced during an outage is ignored. The guest recovers with
// renderer/src/lib/ice-recovery.ts, the module the guest room uses.
import { io } from 'socket.io-client';
import { watchIce } from '../../../renderer/src/lib/ice-recovery.js';
import type { CandidateInfo, PeerStatus, RecoveryLogEntry } from './peer-status.js';

interface PeerConfig {
  role: 'guest' | 'studio';
  room: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  recover: boolean;
}
interface Signal {
  kind: 'offer' | 'answer';
  seq: number;
  sdp: string;
}

const config = JSON.parse(document.getElementById('config')?.textContent ?? '{}') as PeerConfig;
const events: RecoveryLogEntry[] = [];
const pc = new RTCPeerConnection({
  iceServers: config.iceServers,
  iceTransportPolicy: config.iceTransportPolicy,
});
const socket = io({
  auth: { role: config.role, room: config.room },
  transports: ['websocket'],
  reconnectionDelay: 500,
  reconnectionDelayMax: 2000,
});
let seq = 0;
let offered = false;
// Negotiation steps run one at a time, in order, and only once camera and microphone are added;
// a failed step is logged, not fatal.
let chain = addMedia();
const serially = (step: () => Promise<void>): void => {
  chain = chain.then(step).catch((error: unknown) => console.error('negotiation', error));
};

const recovery = config.recover
  ? watchIce(pc, {
      // An offer made while signalling is down would be lost: signallingRestored() asks again.
      restart: () => {
        if (socket.connected) serially(() => sendOffer(true));
      },
      onEvent: (event) => events.push({ ...event, at: Date.now() }),
    })
  : null;

// Listen from the first moment: the socket may connect before the camera is open.
socket.on('peers', (count: number) => {
  if (config.role !== 'guest' || count < 2) return;
  if (!offered) serially(() => sendOffer(false));
  else recovery?.signallingRestored();
  offered = true;
});
socket.on('signal', (signal: Signal) => serially(() => onSignal(signal)));

async function addMedia(): Promise<void> {
  const media = await navigator.mediaDevices.getUserMedia({
    video: { width: 640, height: 360 },
    audio: true,
  });
  for (const track of media.getTracks()) pc.addTrack(track, media);
  pc.ontrack = (event) => {
    const video = document.querySelector('video');
    if (video && event.track.kind === 'video') video.srcObject = new MediaStream([event.track]);
  };
}

async function sendOffer(iceRestart: boolean): Promise<void> {
  if (pc.signalingState === 'have-local-offer') {
    await pc.setLocalDescription({ type: 'rollback' });
  }
  seq += 1;
  await describeLocally(await pc.createOffer({ iceRestart }));
  // volatile: an offer that cannot go now is dropped; recovery makes a fresh one later.
  socket.volatile.emit('signal', { kind: 'offer', seq, sdp: pc.localDescription?.sdp ?? '' });
}

async function onSignal(signal: Signal): Promise<void> {
  if (signal.kind === 'answer') {
    if (signal.seq === seq && pc.signalingState === 'have-local-offer') {
      await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
    }
    return;
  }
  await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
  await describeLocally();
  socket.emit('signal', { kind: 'answer', seq: signal.seq, sdp: pc.localDescription?.sdp ?? '' });
}

/**
 * Sets the local description and waits for its ICE gathering to end (the null candidate), or
 * 5 s: a TURN server out of reach must not hold the description back.
 */
async function describeLocally(description?: RTCSessionDescriptionInit): Promise<void> {
  const gathered = new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      pc.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (event.candidate === null) done();
    };
    const timer = setTimeout(done, 5000);
    pc.addEventListener('icecandidate', onCandidate);
  });
  await pc.setLocalDescription(description);
  await gathered;
}

/** What the test reads: ICE state, the selected pair, media received, recovery events. */
async function status(): Promise<PeerStatus> {
  const stats = await pc.getStats();
  const all = [...stats.values()] as Record<string, unknown>[];
  const find = (type: string, kind?: string) =>
    all.find((s) => s.type === type && (kind === undefined || s.kind === kind));
  const transport = find('transport');
  const pair = stats.get(String(transport?.selectedCandidatePairId)) as
    Record<string, unknown> | undefined;
  const candidate = (id: unknown): CandidateInfo | null => {
    const c = stats.get(String(id)) as Record<string, unknown> | undefined;
    if (!c) return null;
    return {
      type: String(c.candidateType),
      address: String(c.address),
      protocol: String(c.protocol),
      relayProtocol: typeof c.relayProtocol === 'string' ? c.relayProtocol : null,
    };
  };
  const sdp = pc.localDescription?.sdp ?? '';
  return {
    ice: pc.iceConnectionState,
    signalling: socket.connected,
    framesDecoded: Number(find('inbound-rtp', 'video')?.framesDecoded ?? 0),
    audioBytes: Number(find('inbound-rtp', 'audio')?.bytesReceived ?? 0),
    pair: pair
      ? { local: candidate(pair.localCandidateId), remote: candidate(pair.remoteCandidateId) }
      : null,
    hostAddresses: [...sdp.matchAll(/candidate:\S+ \d+ \S+ \d+ (\S+) \d+ typ host/g)].map(
      (m) => m[1] ?? '',
    ),
    events,
  };
}

Object.assign(window, { peerStatus: status });
