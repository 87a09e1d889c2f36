// What both ends of an RTMP connection do alike: the plain handshake, chunk parsing, answering
// pings, and acknowledging received bytes when the peer asks for it. Every fault in the peer's
// bytes ends this one connection with an error, never the process.
import crypto from 'node:crypto';
import type net from 'node:net';
import { ChunkReader, MSG, RtmpProtocolError, type RtmpMessage } from './chunk-reader.js';
import { acknowledgement, controlMessage } from './chunk-writer.js';

const HANDSHAKE = 1536;

export interface ConnectionLimits {
  maxMessageBytes: number;
  maxChunkStreams: number;
}

export abstract class RtmpConnection {
  protected readonly socket: net.Socket;
  readonly #role: 'server' | 'client';
  readonly #reader: ChunkReader;
  #handshake: 'c0c1' | 'c2' | 's0s1s2' | 'done';
  #buffer: Buffer = Buffer.alloc(0);
  #ackWindow = 0;
  #received = 0;
  #acked = 0;
  #closed = false;

  protected constructor(socket: net.Socket, role: 'server' | 'client', limits: ConnectionLimits) {
    this.socket = socket;
    this.#role = role;
    this.#handshake = role === 'server' ? 'c0c1' : 's0s1s2';
    this.#reader = new ChunkReader(limits, (message) => this.#message(message));
    socket.on('data', (data: Buffer) => this.#data(data));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(null));
  }

  /** The client starts the handshake once its socket is connected. */
  protected startHandshake(): void {
    this.socket.write(Buffer.concat([Buffer.from([3]), handshakeBlock()]));
  }

  /** The handshake is done; commands may flow. */
  protected abstract onReady(): void;
  protected abstract onMessage(message: RtmpMessage): void;
  /** Every message of one read has been handled. */
  protected afterRead(): void {
    // nothing by default
  }

  /** The connection ended; `error` null for an orderly close. Called once. */
  protected abstract onClose(error: Error | null): void;

  get closed(): boolean {
    return this.#closed;
  }

  /** Ends the connection because of `error` (or quietly with null). */
  fail(error: Error | null): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.destroy();
    this.onClose(error);
  }

  #data(data: Buffer): void {
    if (this.#closed) return;
    try {
      this.#received += data.length;
      if (this.#handshake !== 'done') {
        this.#buffer = Buffer.concat([this.#buffer, data]);
        this.#shake();
      } else {
        this.#reader.push(data);
      }
      if (this.#ackWindow > 0 && this.#received - this.#acked >= this.#ackWindow) {
        this.#acked = this.#received;
        this.socket.write(acknowledgement(this.#received));
      }
      this.afterRead();
    } catch (error) {
      this.fail(error instanceof Error ? error : new RtmpProtocolError(String(error)));
    }
  }

  #shake(): void {
    if (this.#handshake === 'c0c1' && this.#buffer.length >= 1 + HANDSHAKE) {
      if (this.#buffer[0] !== 3) throw new RtmpProtocolError('not an RTMP handshake');
      const c1 = this.#buffer.subarray(1, 1 + HANDSHAKE);
      this.socket.write(Buffer.concat([Buffer.from([3]), handshakeBlock(), c1]));
      this.#buffer = this.#buffer.subarray(1 + HANDSHAKE);
      this.#handshake = 'c2';
    }
    if (this.#handshake === 'c2' && this.#buffer.length >= HANDSHAKE) {
      this.#finish(this.#buffer.subarray(HANDSHAKE));
    }
    if (this.#handshake === 's0s1s2' && this.#buffer.length >= 1 + 2 * HANDSHAKE) {
      if (this.#buffer[0] !== 3) throw new RtmpProtocolError('not an RTMP handshake');
      this.socket.write(this.#buffer.subarray(1, 1 + HANDSHAKE));
      this.#finish(this.#buffer.subarray(1 + 2 * HANDSHAKE));
    }
  }

  #finish(rest: Buffer): void {
    this.#handshake = 'done';
    this.#buffer = Buffer.alloc(0);
    this.onReady();
    if (rest.length > 0) this.#reader.push(rest);
  }

  #message(message: RtmpMessage): void {
    if (this.#closed) return;
    if (message.type === MSG.windowAckSize) {
      if (message.payload.length < 4) throw new RtmpProtocolError('short window size');
      this.#ackWindow = message.payload.readUInt32BE(0);
      return;
    }
    if (message.type === MSG.userControl && message.payload.length >= 6) {
      // Ping request: answer with the same timestamp.
      if (message.payload.readUInt16BE(0) === 6) {
        const pong = Buffer.from(message.payload.subarray(0, 6));
        pong.writeUInt16BE(7, 0);
        this.socket.write(controlMessage(MSG.userControl, pong));
      }
      return;
    }
    if (this.#role === 'server' || message.type !== MSG.ack) this.onMessage(message);
  }
}

/** S1/C1: time, zero, random bytes (the plain handshake every server accepts). */
function handshakeBlock(): Buffer {
  const block = Buffer.alloc(HANDSHAKE);
  block.writeUInt32BE(Math.floor(performance.now()) >>> 0, 0);
  crypto.randomFillSync(block, 8);
  return block;
}
