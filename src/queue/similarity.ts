// Groups questions that ask the same thing: stemmed content words matched exactly or by letter
// trigrams, scored so that swapped words count against a match more than added ones. An inverted
// index over stems and trigrams means a new comment is scored only against its best candidates.
import {
  featureKey,
  textFeatures,
  type Comparable,
  type Term,
  type TextFeatures,
} from './question-features.js';
import { NO_GERMAN_LEXICON, type GermanLexicon } from './german-lexicon.js';
import { eachKey, Postings, TermPool } from './similarity-postings.js';

export interface SimilarityOptions {
  /** Score at or above which two questions count as the same (chosen on labelled pairs). */
  questionThreshold: number;
  /** The same for two statements, which need more in common to say the same thing. */
  threshold: number;
  /**
   * The same for German statements. German stems are rougher (compounds, inflection), so a
   * German match at the English threshold is wrong far more often: on STS-B German precision
   * fell 10 points below the old rule's. Stricter here keeps that guard.
   */
  germanThreshold: number;
  /** The same for German questions: the question threshold raised by as much. */
  germanQuestionThreshold: number;
  /** Texts with fewer content words must match exactly (short texts are too easy to confuse). */
  minWords: number;
  /** Stems or trigrams found in more indexed texts than this are too common to find candidates by. */
  maxPosting: number;
  /** How many of the candidates sharing the most stems and trigrams are scored in full. */
  maxCandidates: number;
  /**
   * How many cards are remembered; the oldest are forgotten first. Repeated questions come
   * close together, and the bound keeps time and memory per comment flat in long shows.
   */
  capacity: number;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = {
  questionThreshold: 0.45,
  threshold: 0.54,
  germanThreshold: 0.62,
  germanQuestionThreshold: 0.53,
  minWords: 2,
  maxPosting: 250,
  maxCandidates: 20,
  capacity: 3000,
};

/** Trigram overlap at or above which two different stems count as the same word, misspelt. */
const NEAR_WORD = 0.6;
/** Words shorter than this must be spelt right; a typo match must be at least this close. */
const TYPO_MIN = 5;
const TYPO_MATCH = 0.75;
/** The shortest word looked for inside compounds, and how much finding it there counts. */
const COMPOUND_MIN = 5;
const COMPOUND_MATCH = 0.75;
/**
 * How much a German synonym ("Gitarre" for "Klampfe") counts as the same word: about as much as
 * a near spelling, since a thesaurus lists every sense of a word. At 0.9 STS-B German found no
 * more pairs and lost a point of precision, and one half of its rows fell below the guard.
 */
const SYNONYM_MATCH = 0.6;
/** A word in one text in place of another word in the other counts this much against a match. */
const SWAPPED = 2;
/** A word in one text with nothing in its place in the other counts this much. */
const ADDED = 1;
/** A stem shared with a candidate counts as much as this many shared trigrams. */
const STEM_VOTES = 3;
/** Trigram postings are cut at this fraction of `maxPosting`. */
const TRIGRAM_SHARE = 5;

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Dice overlap of two lists of distinct trigrams. */
function dice(a: readonly number[], b: readonly number[]): number {
  let shared = 0;
  for (const g of a) if (b.includes(g)) shared += 1;
  return (2 * shared) / (a.length + b.length);
}

/**
 * 1 less the share of letters to change, insert, delete or swap (optimal string alignment):
 * "chnage" and "change" are 1 swap apart. Short words are too easy to confuse to count.
 */
export function typo(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < TYPO_MIN || Math.abs(a.length - b.length) > 2) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  const score = 1 - (previous[b.length] ?? longest) / longest;
  return score >= TYPO_MATCH ? score : 0;
}

/** "Wasser" in "wassernah", "Gras" in "Grasboden": a word inside a compound half counts. */
function compoundPart(a: string, b: string): number {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (short.length < COMPOUND_MIN || long.length < short.length + 3) return 0;
  return long.startsWith(short) || long.endsWith(short) ? COMPOUND_MATCH : 0;
}

function totalWeight(terms: readonly Term[]): number {
  let sum = 0;
  for (const t of terms) sum += t.weight;
  return sum;
}

/**
 * How alike two texts are, 0 to 1. A question and a statement, or questions asking "why" and
 * "how", never match: the moderator would lose a different question in the group.
 */
export function similarity(a: Comparable, b: Comparable): number {
  if (a.question !== b.question) return 0;
  if (a.asks !== null && b.asks !== null && a.asks !== b.asks) return 0;
  const used = new Set<Term>();
  const unmatched: Term[] = [];
  let matched = 0;
  for (const t of a.terms) {
    const same = b.terms.find((other) => other.stem === t.stem);
    if (same) {
      matched += Math.min(t.weight, same.weight);
      used.add(same);
    } else unmatched.push(t);
  }
  for (const t of unmatched) {
    // 2024 and 2025 are different years, not a typo of each other.
    if (/\d/u.test(t.stem)) continue;
    let best: Term | null = null;
    let bestScore = NEAR_WORD;
    for (const other of b.terms) {
      if (used.has(other) || /\d/u.test(other.stem)) continue;
      const shared = dice(t.grams, other.grams);
      // Words without a trigram in common are neither misspelt nor compounded from each other.
      if (shared === 0) continue;
      const score = Math.max(shared, typo(t.stem, other.stem), compoundPart(t.stem, other.stem));
      if (score >= bestScore) [best, bestScore] = [other, score];
    }
    // No near spelling: a synonym, when both are German words in the same synonym set.
    if (!best && t.synonyms) {
      const sets = t.synonyms;
      best = b.terms.find((o) => !used.has(o) && o.synonyms?.some((x) => sets.includes(x))) ?? null;
      if (best) bestScore = SYNONYM_MATCH;
    }
    if (best) {
      matched += bestScore * Math.min(t.weight, best.weight);
      used.add(best);
    }
  }
  const onlyA = totalWeight(a.terms) - matched;
  const onlyB = totalWeight(b.terms) - matched;
  const penalty = SWAPPED * Math.min(onlyA, onlyB) + ADDED * Math.abs(onlyA - onlyB);
  return matched > 0 ? matched / (matched + penalty) : 0;
}

/** Score of two raw texts, for benchmarks and tests. */
export function textSimilarity(a: string, b: string, lexicon?: GermanLexicon): number {
  return similarity(textFeatures(a, lexicon), textFeatures(b, lexicon));
}

export class SimilarityIndex {
  readonly #options: SimilarityOptions;
  /** Each card has a small number (slot) so candidates are counted in an array, not a map. */
  readonly #slots = new Map<string, number>();
  readonly #ids: string[] = [];
  /** What each card is compared by, at its slot; its text and key are not kept. */
  readonly #cards: (Comparable | undefined)[] = [];
  readonly #terms = new TermPool();
  readonly #freeSlots: number[] = [];
  readonly #votes: Uint32Array;
  readonly #postings = new Postings();
  /** Texts with the same words, oldest first: each is found again once the others are gone. */
  readonly #exact = new Map<string, string[]>();
  /** The text last asked about, so that adding it right after does not read it twice. */
  #last: { text: string; features: TextFeatures } | null = null;
  /** Card id → texts a moderator split off it: what resembles those must not join it. */
  readonly #apart = new Map<string, TextFeatures[]>();

  readonly #lexicon: GermanLexicon;

  /** `lexicon`: German verb forms and synonyms (the queue passes the shipped lists). */
  constructor(
    options: Partial<SimilarityOptions> = {},
    lexicon: GermanLexicon = NO_GERMAN_LEXICON,
  ) {
    this.#options = { ...DEFAULT_SIMILARITY, ...options };
    this.#lexicon = lexicon;
    this.#votes = new Uint32Array(this.#options.capacity);
  }

  get size(): number {
    return this.#slots.size;
  }

  get capacity(): number {
    return this.#options.capacity;
  }

  add(id: string, text: string): void {
    if (this.#slots.has(id)) return;
    if (this.#slots.size >= this.#options.capacity) {
      const oldest = this.#slots.keys().next();
      if (!oldest.done) {
        this.remove(oldest.value);
        this.#apart.delete(oldest.value);
      }
    }
    const features = this.#read(text);
    const slot = this.#freeSlots.pop() ?? this.#slots.size;
    const card: Comparable = {
      terms: features.terms.map((t) => this.#terms.take(t)),
      question: features.question,
      asks: features.asks,
      german: features.german,
    };
    this.#slots.set(id, slot);
    this.#ids[slot] = id;
    this.#cards[slot] = card;
    eachKey(card, (key) => this.#postings.add(key, slot));
    const same = this.#exact.get(features.key);
    if (same) same.push(id);
    else this.#exact.set(features.key, [id]);
  }

  /** Forgets the card's text; what was split off it stays remembered, should it come back. */
  remove(id: string): void {
    const slot = this.#slots.get(id);
    const card = slot === undefined ? undefined : this.#cards[slot];
    if (slot === undefined || !card) return;
    this.#slots.delete(id);
    this.#cards[slot] = undefined;
    this.#ids[slot] = '';
    this.#freeSlots.push(slot);
    eachKey(card, (key) => this.#postings.delete(key, slot));
    for (const t of card.terms) this.#terms.release(t);
    const key = featureKey(card);
    const same = this.#exact.get(key)?.filter((other) => other !== id) ?? [];
    if (same.length > 0) this.#exact.set(key, same);
    else this.#exact.delete(key);
  }

  /**
   * A moderator split `otherText` off the card `id`: from now on a text at least as close to
   * `otherText` as to the card's own text does not join that card.
   */
  keepApart(id: string, otherText: string): void {
    const list = this.#apart.get(id) ?? [];
    list.push(textFeatures(otherText, this.#lexicon));
    this.#apart.set(id, list);
  }

  /** The indexed id most similar to `text`, if one reaches the threshold. */
  findSimilar(text: string): string | null {
    const features = this.#read(text);
    if (features.terms.length === 0) return null;
    const exact = this.#exact.get(features.key)?.find((id) => !this.#keptApart(id, features, 1));
    if (exact !== undefined) return exact;
    if (features.terms.length < this.#options.minWords) return null;

    let best: string | null = null;
    let bestScore = 0;
    for (const slot of this.#candidates(features)) {
      const other = this.#cards[slot];
      const id = this.#ids[slot];
      if (!other || id === undefined || other.terms.length < this.#options.minWords) continue;
      const score = similarity(features, other);
      if (score < this.#threshold(features, other)) continue;
      if (best !== null && (score < bestScore || (score === bestScore && id > best))) continue;
      if (this.#keptApart(id, features, score)) continue;
      best = id;
      bestScore = score;
    }
    return best;
  }

  /** The stricter threshold when either text reads as German. */
  #threshold(a: Comparable, b: Comparable): number {
    const o = this.#options;
    const german = a.german || b.german;
    if (a.question) return german ? o.germanQuestionThreshold : o.questionThreshold;
    return german ? o.germanThreshold : o.threshold;
  }

  #read(text: string): TextFeatures {
    if (this.#last?.text !== text) {
      this.#last = { text, features: textFeatures(text, this.#lexicon) };
    }
    return this.#last.features;
  }

  /** The slots of the cards sharing the most stems and trigrams with `features`, best first. */
  #candidates(features: TextFeatures): number[] {
    const votes = this.#votes;
    const touched: number[] = [];
    const count = (slot: number, vote: number): void => {
      if (votes[slot] === 0) touched.push(slot);
      votes[slot] = (votes[slot] ?? 0) + vote;
    };
    eachKey(features, (key, stem) => {
      const slots = this.#postings.get(key);
      // Trigrams are many per word, so a common one is cut sooner than a common stem.
      const limit = stem ? this.#options.maxPosting : this.#options.maxPosting / TRIGRAM_SHARE;
      const vote = stem ? STEM_VOTES : 1;
      if (typeof slots === 'number') {
        if (limit >= 1) count(slots, vote);
      } else if (slots && slots.length <= limit) for (const slot of slots) count(slot, vote);
    });
    // Sharing less than one word's worth cannot reach any threshold; no need to sort those.
    const likely = touched.filter((slot) => (votes[slot] ?? 0) >= STEM_VOTES);
    likely.sort((x, y) => (votes[y] ?? 0) - (votes[x] ?? 0));
    for (const slot of touched) votes[slot] = 0;
    return likely.slice(0, this.#options.maxCandidates);
  }

  #keptApart(id: string, features: TextFeatures, score: number): boolean {
    const apart = this.#apart.get(id);
    return apart?.some((other) => similarity(features, other) >= score) ?? false;
  }
}
