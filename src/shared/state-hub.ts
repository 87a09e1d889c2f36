// Holds the show snapshot and tells subscribers which slice changed. Adapters write their slice
// here; the server turns changes into batched socket messages.
import type { ShowState, StateSlice } from './state.js';

export type SliceListener = <K extends StateSlice>(slice: K, value: ShowState[K]) => void;

export class StateHub {
  #state: ShowState;
  readonly #listeners = new Set<SliceListener>();

  constructor(initial: ShowState) {
    this.#state = initial;
  }

  snapshot(): ShowState {
    return this.#state;
  }

  get<K extends StateSlice>(slice: K): ShowState[K] {
    return this.#state[slice];
  }

  set<K extends StateSlice>(slice: K, value: ShowState[K]): void {
    this.#state = { ...this.#state, [slice]: value };
    for (const listener of this.#listeners) listener(slice, value);
  }

  update<K extends StateSlice>(slice: K, change: (previous: ShowState[K]) => ShowState[K]): void {
    this.set(slice, change(this.#state[slice]));
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: SliceListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
