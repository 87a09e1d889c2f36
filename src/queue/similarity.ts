// Groups questions that ask the same thing: content words compared by Jaccard similarity, with
// an inverted index so a new comment is compared only with cards that share a word.
import { contentWords } from './text.js';

export interface SimilarityOptions {
  /** Jaccard similarity of content words at or above which two texts count as the same. */
  threshold: number;
  /** Texts with fewer content words must match exactly (short texts are too easy to confuse). */
  minWords: number;
  /** Words found in more indexed texts than this are too common to find candidates by. */
  maxPosting: number;
  /**
   * How many cards are remembered; the oldest are forgotten first. Repeated questions come
   * close together, and the bound keeps time and memory per comment flat in long shows.
   */
  capacity: number;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = {
  threshold: 0.6,
  minWords: 3,
  maxPosting: 500,
  capacity: 3000,
};

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export class SimilarityIndex {
  readonly #options: SimilarityOptions;
  readonly #sets = new Map<string, Set<string>>();
  readonly #postings = new Map<string, Set<string>>();
  readonly #exact = new Map<string, string>();

  constructor(options: SimilarityOptions = DEFAULT_SIMILARITY) {
    this.#options = options;
  }

  get size(): number {
    return this.#sets.size;
  }

  get capacity(): number {
    return this.#options.capacity;
  }

  add(id: string, text: string): void {
    if (this.#sets.has(id)) return;
    if (this.#sets.size >= this.#options.capacity) {
      const oldest = this.#sets.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    const set = new Set(contentWords(text));
    this.#sets.set(id, set);
    for (const w of set) {
      let posting = this.#postings.get(w);
      if (!posting) {
        posting = new Set();
        this.#postings.set(w, posting);
      }
      posting.add(id);
    }
    const key = exactKey(set);
    if (!this.#exact.has(key)) this.#exact.set(key, id);
  }

  remove(id: string): void {
    const set = this.#sets.get(id);
    if (!set) return;
    this.#sets.delete(id);
    for (const w of set) {
      const posting = this.#postings.get(w);
      posting?.delete(id);
      if (posting?.size === 0) this.#postings.delete(w);
    }
    const key = exactKey(set);
    if (this.#exact.get(key) === id) this.#exact.delete(key);
  }

  /** The indexed id most similar to `text`, if one reaches the threshold. */
  findSimilar(text: string): string | null {
    const set = new Set(contentWords(text));
    if (set.size === 0) return null;
    const exact = this.#exact.get(exactKey(set));
    if (exact !== undefined) return exact;
    if (set.size < this.#options.minWords) return null;

    const shared = new Map<string, number>();
    for (const w of set) {
      const posting = this.#postings.get(w);
      if (!posting || posting.size > this.#options.maxPosting) continue;
      for (const id of posting) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestScore = 0;
    for (const [id, overlap] of shared) {
      const other = this.#sets.get(id);
      if (!other || other.size < this.#options.minWords) continue;
      const score = overlap / (set.size + other.size - overlap);
      if (score > bestScore || (score === bestScore && best !== null && id < best)) {
        best = id;
        bestScore = score;
      }
    }
    return bestScore >= this.#options.threshold ? best : null;
  }
}

function exactKey(set: ReadonlySet<string>): string {
  return [...set].sort().join(' ');
}
