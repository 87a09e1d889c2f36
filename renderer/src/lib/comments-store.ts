// Every comment of the show, kept in the moderator's browser: a snapshot after subscribing, then
// changes. Re-subscribes after each reconnect, so a moderator never works from stale data.
import type { Comment } from '../../../src/shared/comment';
import type { ControlConnection } from './control-connection';

const RENDER_INTERVAL_MS = 100;

export interface CommentsSnapshot {
  /** Counts up whenever any comment changes. */
  version: number;
  /** True until the first complete snapshot arrived. */
  loading: boolean;
  /** Every comment, oldest first; a new object with each version, so it works as a memo key. */
  comments: Iterable<Comment>;
}

export class CommentsStore {
  readonly #connection: ControlConnection;
  #byId = new Map<string, Comment>();
  /** Ids in arrival order (oldest first). */
  #arrival: string[] = [];
  #incoming: Map<string, Comment> | null = null;
  #incomingOrder: string[] = [];
  #snapshot: CommentsSnapshot = { version: 0, loading: true, comments: [] };
  #loading = true;
  readonly #listeners = new Set<() => void>();
  #frame: number | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastRender = Number.NEGATIVE_INFINITY;
  readonly #cleanups: (() => void)[] = [];

  constructor(connection: ControlConnection) {
    this.#connection = connection;
  }

  /** Subscribes on first use; later calls do nothing. */
  start(): void {
    if (this.#cleanups.length > 0) return;
    this.#cleanups.push(
      this.#connection.listen('comments:snapshot', ({ comments, last }) => {
        if (this.#incoming === null) {
          this.#incoming = new Map();
          this.#incomingOrder = [];
        }
        for (const comment of comments) {
          if (!this.#incoming.has(comment.id)) this.#incomingOrder.push(comment.id);
          this.#incoming.set(comment.id, comment);
        }
        if (last) {
          this.#byId = this.#incoming;
          this.#arrival = this.#incomingOrder;
          this.#incoming = null;
          this.#incomingOrder = [];
          this.#loading = false;
          this.#changed();
        }
      }),
      this.#connection.listen('comments:changed', (comments) => {
        // During a snapshot, changes land in the snapshot being assembled.
        const target = this.#incoming ?? this.#byId;
        const order = this.#incoming ? this.#incomingOrder : this.#arrival;
        for (const comment of comments) {
          if (!target.has(comment.id)) order.push(comment.id);
          target.set(comment.id, comment);
        }
        if (!this.#incoming) this.#changed();
      }),
      this.#connection.onConnected(() => {
        this.#incoming = null;
        void this.#connection.request('comments:subscribe', {});
      }),
    );
  }

  stop(): void {
    if (this.#cleanups.length === 0) return;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    void this.#connection.request('comments:unsubscribe', {});
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    if (this.#timer !== null) clearTimeout(this.#timer);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): CommentsSnapshot => this.#snapshot;

  get(id: string): Comment | undefined {
    return this.#byId.get(id);
  }

  /** Every comment, oldest first. */
  *all(): Generator<Comment> {
    for (const id of this.#arrival) {
      const comment = this.#byId.get(id);
      if (comment) yield comment;
    }
  }

  /**
   * Tells the screen at most every RENDER_INTERVAL_MS (and on an animation frame): the first
   * change after a quiet spell shows at once, a burst of hundreds per second is shown as a few
   * updates per second that nobody can tell from live, at a fraction of the work.
   */
  #changed(): void {
    if (this.#frame !== null || this.#timer !== null) return;
    const wait = this.#lastRender + RENDER_INTERVAL_MS - performance.now();
    const render = (): void => {
      this.#timer = null;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = null;
        this.#lastRender = performance.now();
        this.#snapshot = {
          version: this.#snapshot.version + 1,
          loading: this.#loading,
          comments: { [Symbol.iterator]: () => this.all() },
        };
        for (const listener of this.#listeners) listener();
      });
    };
    if (wait <= 0) render();
    else this.#timer = setTimeout(render, wait);
  }
}
