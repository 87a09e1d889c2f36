// Holds the show snapshot and tells subscribers which slice changed. Adapters write their slice
// here; the server turns changes into batched socket messages.
import type { ShowState, StateSlice } from './state.js';

export type SliceListener = <K extends StateSlice>(slice: K, value: ShowState[K]) => void;

/** Slices that carry text from platforms and programs (statuses, errors), which may quote a key. */
const WORDED_SLICES: ReadonlySet<StateSlice> = new Set(['sources', 'relay', 'obs']);

/** Masks every secret in a value's strings; the same object back when there was none. */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  if (value === undefined || value === null) return value;
  const text = JSON.stringify(value);
  const masked = redact(text);
  return masked === text ? value : (JSON.parse(masked) as T);
}

export class StateHub {
  #state: ShowState;
  readonly #listeners = new Set<SliceListener>();
  readonly #redact: (text: string) => string;

  /** `redact` masks stored secrets; every status passes here, so none can carry one out. */
  constructor(initial: ShowState, redact: (text: string) => string) {
    this.#state = initial;
    this.#redact = redact;
  }

  snapshot(): ShowState {
    return this.#state;
  }

  get<K extends StateSlice>(slice: K): ShowState[K] {
    return this.#state[slice];
  }

  set<K extends StateSlice>(slice: K, value: ShowState[K]): void {
    const safe = WORDED_SLICES.has(slice) ? redactValue(value, this.#redact) : value;
    this.#state = { ...this.#state, [slice]: safe };
    for (const listener of this.#listeners) listener(slice, safe);
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
