// The client side of one push to a platform: connect (plain or TLS with the system's trusted
// certificates), publish, then send media through a bounded buffer. When the platform takes
// the stream slower than it arrives, the push drops frames up to the next keyframe instead of
// queueing without end, so one slow destination never holds up the others.
import net from 'node:net';
import tls from 'node:tls';
import type { PushTarget } from '../push-target.js';
import { MSG, type RtmpMessage } from './chunk-reader.js';
import { commandMessage, setChunkSize } from './chunk-writer.js';
import { decodeCommand, field, isCommand, text } from './commands.js';
import { RtmpConnection } from './rtmp-connection.js';

import { PUSH_CHUNK_SIZE } from './chunk-writer.js';
const PUSH_CHUNK = PUSH_CHUNK_SIZE;

/** The platform answered the connect or publish with an error. */
export class PushRefusedError extends Error {
  constructor(
    readonly code: string,
    readonly stage: 'connect' | 'publish',
    description: string,
  ) {
    super(description);
  }
}

export interface PushSessionEvents {
  onLive: () => void;
  /**
   * The first picture went out: where the platform's recording begins (chapters count from
   * here). Later than onLive by however long the encoder takes to deliver its first frames.
   */
  onFirstMedia: () => void;
  /** Started or stopped dropping frames because the upload falls behind. */
  onDropping: (dropping: boolean) => void;
  onClose: (error: Error | null, wasLive: boolean) => void;
}

export interface PushLimits {
  /** Bytes queued for the socket beyond which frames are dropped. */
  maxBufferBytes: number;
  /** Give up if the platform does not accept the publish within this time. */
  connectTimeoutMs: number;
}

/**
 * Joins one read's buffers for every push that took the same ones (by identity, in order), so
 * five destinations of one stream cost one copy.
 */
export class BatchJoiner {
  #last: { parts: readonly Buffer[]; joined: Buffer } | null = null;

  join(parts: readonly Buffer[]): Buffer {
    const last = this.#last;
    if (last?.parts.length === parts.length && last.parts.every((b, i) => b === parts[i])) {
      return last.joined;
    }
    const joined = Buffer.concat(parts);
    this.#last = { parts, joined };
    return joined;
  }
}

export class PushSession extends RtmpConnection {
  readonly #target: PushTarget;
  readonly #events: PushSessionEvents;
  readonly #limits: PushLimits;
  #streamId = 0;
  #live = false;
  #mediaSent = false;
  /** Until the next keyframe nothing is sent (at start, and after an overflow). */
  #awaitKeyframe = true;
  #dropping = false;
  #dropped = 0;
  /** One ingest read's media for this push, written in one go by uncork(); null between reads. */
  #batch: Buffer[] | null = null;
  #batchBytes = 0;
  readonly #timer: ReturnType<typeof setTimeout>;

  private constructor(
    socket: net.Socket,
    target: PushTarget,
    events: PushSessionEvents,
    limits: PushLimits,
  ) {
    super(socket, 'client', { maxMessageBytes: 1024 * 1024, maxChunkStreams: 16 });
    this.#target = target;
    this.#events = events;
    this.#limits = limits;
    this.#timer = setTimeout(
      () => this.fail(new PushTimeoutError('no answer')),
      limits.connectTimeoutMs,
    );
  }

  static open(target: PushTarget, events: PushSessionEvents, limits: PushLimits): PushSession {
    const socket = target.secure
      ? tls.connect({ host: target.host, port: target.port, servername: sni(target.host) })
      : net.connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const session = new PushSession(socket, target, events, limits);
    socket.once(target.secure ? 'secureConnect' : 'connect', () => session.startHandshake());
    return session;
  }

  get live(): boolean {
    return this.#live;
  }

  get streamId(): number {
    return this.#streamId;
  }

  /** Bytes handed to the network so far. */
  get sentBytes(): number {
    return this.socket.bytesWritten - this.socket.writableLength;
  }

  get queuedBytes(): number {
    return this.socket.writableLength + this.#batchBytes;
  }

  get droppedFrames(): number {
    return this.#dropped;
  }

  /** Holds media until uncork(), so one read's messages leave in one write. */
  cork(): void {
    if (!this.closed) this.#batch ??= [];
  }

  /**
   * Writes what was held since cork(). Pushes that took the same messages share one joined
   * buffer (`joined`), so the common case costs one copy per read, not one per destination.
   */
  uncork(joined: BatchJoiner): void {
    const batch = this.#batch;
    this.#batch = null;
    this.#batchBytes = 0;
    if (!batch || batch.length === 0 || this.closed) return;
    this.socket.write(batch.length === 1 ? (batch[0] as Buffer) : joined.join(batch));
  }

  #write(chunks: Buffer): void {
    if (this.#batch) {
      this.#batch.push(chunks);
      this.#batchBytes += chunks.length;
    } else this.socket.write(chunks);
  }

  /** Sends a setup message (metadata, codec headers) regardless of the buffer. */
  sendSetup(chunks: Buffer): void {
    if (this.#live && !this.closed) this.#write(chunks);
  }

  /**
   * Sends the picture group so far to a push that just went live, past the buffer limit (it is
   * bounded by the cache), so a long or heavy group does not count as a slow upload.
   */
  sendCatchUp(groupStartingWithKeyframe: readonly Buffer[]): void {
    if (!this.#live || this.closed || groupStartingWithKeyframe.length === 0) return;
    for (const chunks of groupStartingWithKeyframe) this.#write(chunks);
    this.#awaitKeyframe = false;
    this.#firstMedia();
  }

  #firstMedia(): void {
    if (this.#mediaSent) return;
    this.#mediaSent = true;
    this.#events.onFirstMedia();
  }

  /** Sends one media message (already chunked for this session's stream id). */
  sendMedia(message: RtmpMessage, chunks: Buffer, keyframe: boolean): void {
    if (!this.#live || this.closed) return;
    const queued = this.queuedBytes;
    if (this.#awaitKeyframe) {
      // Resume at a keyframe once the backlog has mostly drained.
      if (!keyframe || queued > this.#limits.maxBufferBytes / 4) {
        if (message.type === MSG.video) this.#dropped += this.#dropping ? 1 : 0;
        return;
      }
      this.#awaitKeyframe = false;
      if (this.#dropping) {
        this.#dropping = false;
        this.#events.onDropping(false);
      }
    } else if (queued + chunks.length > this.#limits.maxBufferBytes) {
      this.#awaitKeyframe = true;
      this.#dropping = true;
      if (message.type === MSG.video) this.#dropped += 1;
      this.#events.onDropping(true);
      return;
    }
    this.#write(chunks);
    if (message.type === MSG.video) this.#firstMedia();
  }

  /** Ends the push politely (the platform ends the broadcast at once instead of timing out). */
  finish(): void {
    if (this.closed) return;
    clearTimeout(this.#timer);
    if (this.#live) {
      this.socket.write(
        commandMessage(['FCUnpublish', 0, null, this.#target.streamName], PUSH_CHUNK),
      );
      this.socket.write(commandMessage(['deleteStream', 0, null, this.#streamId], PUSH_CHUNK));
    }
    this.socket.end();
    setTimeout(() => this.fail(null), 2000).unref();
  }

  protected onReady(): void {
    const { app, tcUrl } = this.#target;
    this.socket.write(setChunkSize(PUSH_CHUNK));
    this.socket.write(
      commandMessage(
        [
          'connect',
          1,
          { app, type: 'nonprivate', flashVer: 'FMLE/3.0 (compatible; FMSc/1.0)', tcUrl },
        ],
        PUSH_CHUNK,
      ),
    );
  }

  protected onMessage(message: RtmpMessage): void {
    if (!isCommand(message)) return;
    const command = decodeCommand(message);
    const name = this.#target.streamName;
    if (command.name === '_error') {
      const info = command.args[0] ?? null;
      throw new PushRefusedError(
        text(field(info, 'code')),
        command.transaction === 1 ? 'connect' : 'publish',
        text(field(info, 'description')),
      );
    }
    if (command.name === '_result' && command.transaction === 1) {
      this.socket.write(commandMessage(['releaseStream', 2, null, name], PUSH_CHUNK));
      this.socket.write(commandMessage(['FCPublish', 3, null, name], PUSH_CHUNK));
      this.socket.write(commandMessage(['createStream', 4, null], PUSH_CHUNK));
    } else if (command.name === '_result' && command.transaction === 4) {
      const id = command.args[0];
      this.#streamId = typeof id === 'number' && id >= 0 && id < 2 ** 31 ? id : 1;
      this.socket.write(
        commandMessage(['publish', 5, null, name, 'live'], PUSH_CHUNK, this.#streamId),
      );
    } else if (command.name === 'onStatus') {
      const info = command.args[0] ?? null;
      const code = text(field(info, 'code'));
      if (code === 'NetStream.Publish.Start' && !this.#live) {
        clearTimeout(this.#timer);
        this.#live = true;
        this.#events.onLive();
      } else if (text(field(info, 'level')) === 'error') {
        throw new PushRefusedError(code, 'publish', text(field(info, 'description')));
      }
    }
  }

  protected onClose(error: Error | null): void {
    clearTimeout(this.#timer);
    this.#events.onClose(error, this.#live);
  }
}

export class PushTimeoutError extends Error {}

/** SNI takes host names only, never IP addresses. */
function sni(host: string): string | undefined {
  return net.isIP(host) === 0 ? host : undefined;
}
