// The browser's side of the room: holds one RTCPeerConnection per link the core names, sends
// this page's camera and microphone where the link says so (to a director panel only a small
// picture), and swaps offers, answers and ICE candidates through the core's /guest namespace.
// Media goes peer to peer, never via the core.
import type { Socket } from 'socket.io-client';
import type {
  GuestClientToServerEvents,
  GuestServerToClientEvents,
  IceServer,
  RoomLink,
  RoomSignal,
  RoomStats,
} from '../../../src/shared/guest-room';
import { watchIce, type IceRecovery } from './ice-recovery';
import { measure } from './room-stats';
import { conversationScale, isConversation, scaleVideo } from './mesh-sender';
import { addThumbnail, switchThumbnail } from './thumbnail-sender';

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
  /** On the offering side: brings the connection back after a network change or a drop. */
  recovery: IceRecovery | null;
  /** The number of the last offer made (offering side); answers to older ones are ignored. */
  seq: number;
  /** Negotiation steps, one at a time and in order; a failed step is dropped, not fatal. */
  chain: Promise<void>;
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

  /**
   * This page's camera and microphone; links opened later send them, open ones switch over, and
   * links this page offers on that opened before the camera start sending now.
   */
  setLocal(stream: MediaStream | null): void {
    this.#local = stream;
    if (!stream) return;
    for (const held of this.#held.values()) {
      if (!held.link.send) continue;
      if (held.pc.getSenders().length === 0) this.#sendLate(held, stream);
      else if (held.link.peer.kind === 'monitor') void switchThumbnail(held.pc, stream);
      else switchTracks(held.pc, stream);
    }
  }

  /** The camera came after the link: add it and offer again (only the offering side can). */
  #sendLate(held: Held, stream: MediaStream): void {
    if (!held.link.offerer) return;
    this.#addLocal(held, stream);
    void this.#serially(held, () => this.#offer(held, false));
  }

  #addLocal({ pc, link }: Held, stream: MediaStream): void {
    if (link.peer.kind === 'monitor') addThumbnail(pc, stream);
    else for (const track of stream.getTracks()) pc.addTrack(track, stream);
  }

  /** The links the core wants now: new ones open, missing ones close. */
  setLinks(links: RoomLink[]): void {
    const wanted = new Set(links.map((l) => l.id));
    for (const [id, held] of this.#held) {
      if (!wanted.has(id)) {
        held.recovery?.stop();
        held.pc.close();
        this.#held.delete(id);
      }
    }
    this.#order = links;
    for (const link of links) if (!this.#held.has(link.id)) this.#open(link);
    this.#scaleConversation();
    this.#changed();
  }

  /** Pictures to the others in the conversation at the size their number calls for. */
  #scaleConversation(): void {
    const conversation = [...this.#held.values()].filter((h) => isConversation(h.link));
    const scale = conversationScale(conversation.length);
    for (const { pc } of conversation) void scaleVideo(pc.getSenders(), scale);
  }

  async onSignal(signal: RoomSignal): Promise<void> {
    const held = this.#held.get(signal.link);
    if (held) await this.#serially(held, () => this.#apply(held, signal));
  }

  /** The socket is back after a drop: every connection this page offers on restarts ICE. */
  signallingRestored(): void {
    for (const { recovery } of this.#held.values()) recovery?.signallingRestored();
  }

  async #apply(held: Held, signal: RoomSignal): Promise<void> {
    const { pc } = held;
    if ('candidate' in signal) {
      if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else held.early.push(signal.candidate);
      return;
    }
    if (signal.description.type === 'answer') {
      const stale = signal.seq !== undefined && signal.seq !== held.seq;
      if (stale || pc.signalingState !== 'have-local-offer') return;
    }
    await pc.setRemoteDescription(signal.description);
    for (const candidate of held.early.splice(0)) {
      await pc.addIceCandidate(candidate).catch(() => undefined);
    }
    if (signal.description.type === 'offer') {
      await pc.setLocalDescription(await pc.createAnswer());
      this.#send(signal.link, pc, signal.seq);
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
    for (const { pc, recovery } of this.#held.values()) {
      recovery?.stop();
      pc.close();
    }
    this.#held.clear();
    this.#order = [];
    this.#onChange([]);
  }

  #open(link: RoomLink): void {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const held: Held = {
      link,
      pc,
      early: [],
      stream: null,
      recovery: null,
      seq: 0,
      chain: Promise.resolve(),
    };
    this.#held.set(link.id, held);
    if (link.send && this.#local) this.#addLocal(held, this.#local);
    pc.ontrack = (event) => {
      held.stream = event.streams[0] ?? held.stream ?? new MediaStream();
      if (!held.stream.getTracks().includes(event.track)) held.stream.addTrack(event.track);
      this.#changed();
    };
    pc.onconnectionstatechange = () => {
      // Encodings exist once negotiated: the size is set (again) as the link connects.
      if (pc.connectionState === 'connected') this.#scaleConversation();
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
    if (!link.offerer) return;
    // The offering side brings the link back (a changed network, a long drop): an ICE restart,
    // but only while the socket is up; an offer made now would be lost, and the retry or
    // signallingRestored() comes back to it.
    held.recovery = watchIce(pc, {
      restart: () => {
        if (this.#socket.connected) void this.#serially(held, () => this.#offer(held, true));
      },
    });
    void this.#serially(held, () => this.#offer(held, false));
  }

  /** A numbered offer; an unanswered earlier one is rolled back first. */
  async #offer(held: Held, iceRestart: boolean): Promise<void> {
    const { pc } = held;
    if (pc.signalingState === 'closed') return;
    if (pc.signalingState === 'have-local-offer') {
      await pc.setLocalDescription({ type: 'rollback' });
    }
    held.seq += 1;
    await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    this.#send(held.link.id, pc, held.seq);
  }

  #serially(held: Held, step: () => Promise<void>): Promise<void> {
    held.chain = held.chain.then(step).catch(() => undefined);
    return held.chain;
  }

  #send(linkId: string, pc: RTCPeerConnection, seq?: number): void {
    const description = pc.localDescription;
    if (!description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.#socket.emit(
      'room:signal',
      {
        link: linkId,
        description: { type: description.type, sdp: description.sdp },
        ...(seq === undefined ? {} : { seq }),
      },
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

function switchTracks(pc: RTCPeerConnection, stream: MediaStream): void {
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    const next = stream.getTracks().find((t) => t.kind === kind);
    if (next && sender.track !== next) void sender.replaceTrack(next);
  }
}
