// socket.io clients as the UI uses them, for tests.
import { io, type Socket } from 'socket.io-client';
import type { ShowState } from '../../src/shared/state.js';

export type AnySocket = Socket;

export interface ControlClient {
  socket: Socket;
  snapshot: ShowState;
  /** Every state:changed patch received, in order. */
  patches: Partial<ShowState>[];
  request(event: string, ...args: unknown[]): Promise<unknown>;
  close(): void;
}

export function connectControl(
  url: string,
  auth: Record<string, unknown> | undefined,
): Promise<ControlClient> {
  const socket = io(new URL('/control', url).toString(), {
    auth: auth ?? {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const patches: Partial<ShowState>[] = [];
  socket.on('state:changed', (patch: Partial<ShowState>) => patches.push(patch));
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.once('state:snapshot', (snapshot: ShowState) => {
      resolve({
        socket,
        snapshot,
        patches,
        // Generous: the first relay intent starts the relay process, slow on a busy machine.
        request: (event, ...args) => socket.timeout(10_000).emitWithAck(event, ...args),
        close: () => socket.close(),
      });
    });
  });
}

export function connectPublic(url: string, namespace: '/overlay' | '/audience'): Socket {
  return io(new URL(namespace, url).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves with the first event's payload. */
export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Polls until check() passes (or throws its last error after timeoutMs). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
