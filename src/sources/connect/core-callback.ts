// The core's own redirect target, GET /api/oauth/callback, for platforms whose registered redirect
// URI names a fixed port (the core's) and a browser on the same computer. Public (a browser has no
// bearer token), so only an answer whose state belongs to a waiting flow is taken.
import type { CallbackResult, LoopbackListener } from './loopback-listener.js';
import { PAGE, readCallback } from './loopback-listener.js';

export const CORE_CALLBACK_PATH = '/api/oauth/callback';

export class CoreCallbacks {
  readonly #pending = new Map<string, (result: CallbackResult) => void>();
  readonly #onRefused: (reason: string) => void;
  #base: string | null = null;

  constructor(onRefused: (reason: string) => void) {
    this.#onRefused = onRefused;
  }

  /** The core's base URL (http://127.0.0.1:7878/), known once the server answers. */
  setBase(url: string): void {
    this.#base = url;
  }

  /** A waiter shaped like the loopback listener; null until the core's address is known. */
  expect(state: string): LoopbackListener | null {
    if (this.#base === null) return null;
    let settle: (result: CallbackResult) => void = () => undefined;
    const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
    this.#pending.set(state, settle);
    return {
      redirectUri: new URL(CORE_CALLBACK_PATH, this.#base).href,
      result,
      close: () => this.#pending.delete(state),
    };
  }

  answer(query: URLSearchParams): { status: number; html: string } {
    const settle = this.#pending.get(query.get('state') ?? '');
    if (settle === undefined) {
      this.#onRefused('state_mismatch');
      return {
        status: 400,
        html: PAGE('This answer does not belong to the connection Panelcast started.'),
      };
    }
    const url = new URL(`http://127.0.0.1/?${query.toString()}`);
    const callback = readCallback(url);
    if (callback === null) {
      this.#onRefused('no_code');
      return { status: 400, html: PAGE('The answer carried no code.') };
    }
    this.#pending.delete(query.get('state') ?? '');
    settle(callback);
    return { status: 200, html: PAGE('Done. You can close this tab and go back to Panelcast.') };
  }
}
