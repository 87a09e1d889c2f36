// The server side of one RTMP connection to the ingest: answers connect, createStream and
// publish, accepts only the secret stream name on app "live", and hands on the publisher's
// audio, video and metadata messages.
import type net from 'node:net';
import { MSG, type RtmpMessage } from './chunk-reader.js';
import {
  commandMessage,
  setChunkSize,
  setPeerBandwidth,
  streamBegin,
  windowAckSize,
} from './chunk-writer.js';
import { decodeCommand, field, isCommand, text, type Command } from './commands.js';
import { RtmpConnection } from './rtmp-connection.js';

const OUT_CHUNK = 4096;
const STREAM_ID = 1;
/** A connection that has not started publishing by then is closed (it holds a socket). */
const PUBLISH_WITHIN_MS = 30_000;

export interface IngestSessionEvents {
  /** May this stream name publish now? (right key, nobody else publishing) */
  mayPublish: (app: string, name: string) => boolean;
  onPublish: (session: IngestSession) => void;
  onMessage: (message: RtmpMessage) => void;
  /** All messages of one read were handed on (the pushes may flush now). */
  onReadDone: () => void;
  onRefused: (app: string) => void;
  /** Publishing ended (or the connection closed while publishing). */
  onUnpublish: (session: IngestSession, error: Error | null) => void;
}

export class IngestSession extends RtmpConnection {
  readonly #events: IngestSessionEvents;
  #app = '';
  #publishing = false;
  readonly #idleTimer: ReturnType<typeof setTimeout>;

  constructor(socket: net.Socket, events: IngestSessionEvents) {
    // A keyframe at 50 Mbit/s stays far below 8 MiB.
    super(socket, 'server', {
      maxMessageBytes: 8 * 1024 * 1024,
      maxChunkStreams: 64,
    });
    this.#events = events;
    this.#idleTimer = setTimeout(() => this.fail(null), PUBLISH_WITHIN_MS);
  }

  protected onReady(): void {
    // The client speaks first (connect).
  }

  protected onMessage(message: RtmpMessage): void {
    if (isCommand(message)) {
      this.#command(decodeCommand(message));
      return;
    }
    if (!this.#publishing) return;
    if (message.type === MSG.audio || message.type === MSG.video || message.type === MSG.dataAmf0) {
      this.#events.onMessage(message);
    }
  }

  protected override afterRead(): void {
    if (this.#publishing) this.#events.onReadDone();
  }

  protected onClose(error: Error | null): void {
    clearTimeout(this.#idleTimer);
    if (!this.#publishing) return;
    this.#publishing = false;
    this.#events.onUnpublish(this, error);
  }

  #command(command: Command): void {
    const reply = (values: Parameters<typeof commandMessage>[0], streamId = 0): void => {
      this.socket.write(commandMessage(values, OUT_CHUNK, streamId));
    };
    switch (command.name) {
      case 'connect':
        this.#app = text(field(command.object, 'app')).replace(/\/+$/, '');
        this.socket.write(
          Buffer.concat([
            windowAckSize(5_000_000),
            setPeerBandwidth(5_000_000),
            setChunkSize(OUT_CHUNK),
          ]),
        );
        reply([
          '_result',
          command.transaction,
          { fmsVer: 'FMS/3,0,1,123', capabilities: 31 },
          {
            level: 'status',
            code: 'NetConnection.Connect.Success',
            description: 'Connection succeeded.',
            objectEncoding: 0,
          },
        ]);
        break;
      case 'releaseStream':
      case 'FCPublish':
        reply(['_result', command.transaction, null, undefined]);
        break;
      case 'createStream':
        reply(['_result', command.transaction, null, STREAM_ID]);
        break;
      case 'publish':
        this.#publish(text(command.args[0]));
        break;
      case 'FCUnpublish':
      case 'deleteStream':
      case 'closeStream':
        if (this.#publishing) {
          this.#publishing = false;
          this.#events.onUnpublish(this, null);
        }
        break;
      case 'play':
        this.#status('error', 'NetStream.Play.Failed', 'This server only takes a stream.');
        this.socket.end();
        break;
      default:
        break;
    }
  }

  #publish(name: string): void {
    if (this.#publishing) return;
    if (!this.#events.mayPublish(this.#app, name)) {
      this.#events.onRefused(this.#app);
      this.#status('error', 'NetStream.Publish.BadName', 'Wrong stream key.');
      this.socket.end();
      return;
    }
    this.#publishing = true;
    clearTimeout(this.#idleTimer);
    this.socket.write(streamBegin(STREAM_ID));
    this.#status('status', 'NetStream.Publish.Start', 'Publishing.');
    this.#events.onPublish(this);
  }

  #status(level: string, code: string, description: string): void {
    this.socket.write(
      commandMessage(['onStatus', 0, null, { level, code, description }], OUT_CHUNK, STREAM_ID),
    );
  }
}
