// The control UI's one connection to the core: keeps the live show state (snapshot, then
// changes) and the connection status, and sends intents with a timeout.
import { io, type Socket } from 'socket.io-client';
import {
  TOKEN_REJECTED,
  type Ack,
  type ControlClientToServerEvents,
  type ControlIntentName,
  type ControlIntentPayload,
  type ControlIntentResults,
  type ControlServerToClientEvents,
  type SessionInfo,
} from '../../../src/shared/protocol';
import type { ShowState } from '../../../src/shared/state';
import { inEnglish, message, type Message } from '../../../src/shared/messages/message';

export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; attempt: number }
  | { kind: 'token_rejected' }
  | { kind: 'no_token' };

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  state: ShowState | null;
  /** Who this screen acts as (a person's name and role), once the core said so. */
  session: SessionInfo | null;
}

const REQUEST_TIMEOUT_MS = 5000;

export class ControlConnection {
  readonly #socket: Socket<ControlServerToClientEvents, ControlClientToServerEvents>;
  readonly #listeners = new Set<() => void>();
  #snapshot: ConnectionSnapshot;

  /** Without a token, a session cookie from a personal link may still let this screen in. */
  constructor(token: string | null, name: string | undefined) {
    this.#snapshot = { status: { kind: 'connecting' }, state: null, session: null };
    const socket: Socket<ControlServerToClientEvents, ControlClientToServerEvents> = io(
      '/control',
      {
        auth: { ...(token ? { token } : {}), ...(name ? { name } : {}) },
        autoConnect: false,
        reconnectionDelay: 500,
        reconnectionDelayMax: 2000,
        timeout: 5000,
      },
    );
    this.#socket = socket;

    socket.on('connect', () => this.#setStatus({ kind: 'connected' }));
    socket.on('disconnect', () => this.#setStatus({ kind: 'reconnecting', attempt: 0 }));
    socket.on('connect_error', (error) => {
      if (error.message === TOKEN_REJECTED) {
        this.#setStatus({ kind: token === null ? 'no_token' : 'token_rejected' });
      } else if (this.#snapshot.status.kind !== 'reconnecting') {
        this.#setStatus({ kind: 'reconnecting', attempt: 0 });
      }
    });
    socket.io.on('reconnect_attempt', (attempt) =>
      this.#setStatus({ kind: 'reconnecting', attempt }),
    );
    socket.on('state:snapshot', (state) => this.#set({ ...this.#snapshot, state }));
    socket.on('session:info', (session) => this.#set({ ...this.#snapshot, session }));
    socket.on('state:changed', (patch) => {
      if (this.#snapshot.state)
        this.#set({ ...this.#snapshot, state: { ...this.#snapshot.state, ...patch } });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot => this.#snapshot;

  /** Listens to a server event; returns the function that stops listening. */
  listen<E extends keyof ControlServerToClientEvents>(
    event: E,
    handler: ControlServerToClientEvents[E],
  ): () => void {
    const socket = this.#socket as unknown as {
      on(event: string, handler: unknown): void;
      off(event: string, handler: unknown): void;
    };
    socket.on(event, handler);
    return () => socket.off(event, handler);
  }

  /** Runs `callback` on every (re)connection, and now if already connected. */
  onConnected(callback: () => void): () => void {
    const socket = this.#socket;
    socket.on('connect', callback);
    if (socket.connected) callback();
    return () => socket.off('connect', callback);
  }

  async request<N extends ControlIntentName>(
    name: N,
    payload: ControlIntentPayload<N>,
  ): Promise<Ack<ControlIntentResults[N]>> {
    const socket = this.#socket;
    if (!socket.connected) return refusedHere(message('request.offline'));
    // socket.io's typed emitWithAck cannot express our generic intent map; the shape is the same.
    const untyped = socket as unknown as {
      timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    };
    try {
      return (await untyped.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload)) as Ack<
        ControlIntentResults[N]
      >;
    } catch {
      return refusedHere(message('request.timeout'));
    }
  }

  /** Connects; the connection then reconnects by itself until close(). */
  open(): void {
    this.#socket.connect();
  }

  close(): void {
    this.#socket.disconnect();
  }

  #setStatus(status: ConnectionStatus): void {
    this.#set({ ...this.#snapshot, status });
  }

  #set(snapshot: ConnectionSnapshot): void {
    this.#snapshot = snapshot;
    for (const listener of this.#listeners) listener();
  }
}

/** A request this client refuses itself, shaped like the core's refusals. */
function refusedHere(coded: Message): { ok: false; error: string; message: Message } {
  return { ok: false, error: inEnglish(coded), message: coded };
}
