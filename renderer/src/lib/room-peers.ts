// The browser's side of the room: holds one RTCPeerConnection per link the core names, sends
// this page's camera and microphone where the link says so, and swaps offers, answers and ICE
// candidates through the core's /guest namespace. Media goes peer to peer, never via the core.
import type { Socket } from 'socket.io-client';
import type {
  GuestClientToServerEvents,
  GuestServerToClientEvents,
  IceServer,
  RoomLink,
  RoomSignal,
  RoomStats,
} from '../../../src/shared/guest-room';
import { measure } from './room-stats';

export type RoomSocket = Socket<GuestServerToClientEvents, GuestClientToServerEvents>;

export interface RemoteMedia {
  link: RoomLink;
  stream: MediaStream;
  /** The connection is lost for now (ICE disconnected or failed); it is being brought back. */
  interrupted: boolean;
}

interface Held {
  link: RoomLink;
  pc: RTCPeerConnection;
  /** Candidates that came before the remote description. */
  early: RTCIceCandidateInit[];
  stream: MediaStream | null;
}

export class RoomPeers {
  readonly #socket: RoomSocket;
  readonly #held = new Map<string, Held>();
  readonly #onChange: (remote: RemoteMedia[]) => void;
  #iceServers: IceServer[] = [];
  #local: MediaStream | null = null;
  #lastSample: { bytes: number; at: number } | null = null;
  /** The links in the core's order (the order guests came on stage). */
  #order: RoomLink[] = [];

  constructor(socket: RoomSocket, onChange: (remote: RemoteMedia[]) => void) {
    this.#socket = socket;
    this.#onChange = onChange;
  }

  set iceServers(servers: IceServer[]) {
    this.#iceServers = servers;
  }

  /** This page's camera and microphone; links opened later send them, open ones switch over. */
  setLocal(stream: MediaStream | null): void {
    this.#local = stream;
    for (const { pc, link } of this.#held.values()) {
      if (!link.send || !stream) continue;
      for (const sender of pc.getSenders()) {
        const kind = sender.track?.kind;
        const next = stream.getTracks().find((t) => t.kind === kind);
        if (next && sender.track !== next) void sender.replaceTrack(next);
      }
    }
  }

  /** The links the core wants now: new ones open, missing ones close. */
  setLinks(links: RoomLink[]): void {
    const wanted = new Set(links.map((l) => l.id));
    for (const [id, held] of this.#held) {
      if (!wanted.has(id)) {
        held.pc.close();
        this.#held.delete(id);
      }
    }
    this.#order = links;
    for (const link of links) if (!this.#held.has(link.id)) this.#open(link);
    this.#changed();
  }

  async onSignal(signal: RoomSignal): Promise<void> {
    const held = this.#held.get(signal.link);
    if (!held) return;
    const { pc } = held;
    if ('candidate' in signal) {
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else held.early.push(signal.candidate);
      return;
    }
    await pc.setRemoteDescription(signal.description);
    for (const candidate of held.early.splice(0)) {
      await pc.addIceCandidate(candidate).catch(() => undefined);
    }
    if (signal.description.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      this.#send(signal.link, pc);
    }
  }

  /** This page's connection quality over the links it sends on. */
  async stats(): Promise<RoomStats> {
    const sending = [...this.#held.values()].filter((h) => h.link.send).map((h) => h.pc);
    const { stats, sample } = await measure(sending, this.#lastSample);
    this.#lastSample = sample;
    return stats;
  }

  close(): void {
    for (const { pc } of this.#held.values()) pc.close();
    this.#held.clear();
    this.#order = [];
    this.#onChange([]);
  }

  #open(link: RoomLink): void {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const held: Held = { link, pc, early: [], stream: null };
    this.#held.set(link.id, held);
    const local = this.#local;
    if (link.send && local) for (const track of local.getTracks()) pc.addTrack(track, local);
    pc.ontrack = (event) => {
      held.stream = event.streams[0] ?? held.stream ?? new MediaStream();
      if (!held.stream.getTracks().includes(event.track)) held.stream.addTrack(event.track);
      this.#changed();
    };
    pc.onconnectionstatechange = () => {
      // The offering side restarts ICE after a failure (a changed network, a long drop).
      if (pc.connectionState === 'failed' && link.offerer) this.#restart(link.id, pc);
      this.#changed();
    };
    pc.onicecandidate = (event) => {
      if (!event.candidate) return;
      const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = event.candidate.toJSON();
      this.#socket.emit(
        'room:signal',
        {
          link: link.id,
          candidate: {
            candidate: candidate ?? '',
            sdpMid: sdpMid ?? null,
            sdpMLineIndex: sdpMLineIndex ?? null,
            usernameFragment: usernameFragment ?? null,
          },
        },
        () => undefined,
      );
    };
    if (link.offerer) {
      void pc
        .createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .then(() => this.#send(link.id, pc));
    }
  }

  #restart(linkId: string, pc: RTCPeerConnection): void {
    void pc
      .createOffer({ iceRestart: true })
      .then((offer) => pc.setLocalDescription(offer))
      .then(() => this.#send(linkId, pc))
      .catch(() => undefined);
  }

  #send(linkId: string, pc: RTCPeerConnection): void {
    const description = pc.localDescription;
    if (!description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.#socket.emit(
      'room:signal',
      { link: linkId, description: { type: description.type, sdp: description.sdp } },
      () => undefined,
    );
  }

  #changed(): void {
    const remote: RemoteMedia[] = [];
    for (const link of this.#order) {
      const held = this.#held.get(link.id);
      if (held?.stream && link.receive) {
        const state = held.pc.connectionState;
        const interrupted = state === 'disconnected' || state === 'failed';
        remote.push({ link, stream: held.stream, interrupted });
      }
    }
    this.#onChange(remote);
  }
}
