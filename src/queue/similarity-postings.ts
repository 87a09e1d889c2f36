// What the near-duplicate index keeps per card, compactly: which cards hold each stem and
// trigram (postings), and the terms shared by all cards with the same stem.
import type { Comparable, Term } from './question-features.js';

/** Postings this short are copied to grow by one, not grown with room to spare. */
const SHORT_POSTING = 16;

/** Each stem of `f`, then its trigrams not already visited: the order candidates are found in. */
export function eachKey(f: Comparable, visit: (key: Key, stem: boolean) => void): void {
  const seen = new Set<number>();
  for (const t of f.terms) {
    visit(t.stem, true);
    for (const g of t.grams) {
      if (seen.has(g)) continue;
      seen.add(g);
      visit(g, false);
    }
  }
}

/** A stem, or a trigram packed into a number: the two never collide. */
type Key = string | number;

/** The slots of the cards holding a key, oldest first; one card's slot needs no array. */
type Slots = number | number[];

/**
 * Which cards hold each stem and each trigram. Most keys are held by one or two cards, so a
 * key costs a number or a short array, not a Set (about 20 bytes a card and 100 a key).
 */
export class Postings {
  readonly #slots = new Map<Key, Slots>();

  get(key: Key): Slots | undefined {
    return this.#slots.get(key);
  }

  add(key: Key, slot: number): void {
    const slots = this.#slots.get(key);
    if (slots === undefined) this.#slots.set(key, slot);
    else if (typeof slots === 'number') this.#slots.set(key, [slots, slot]);
    // A growing array keeps room for 16 more; most keys are held by only a few cards.
    else if (slots.length < SHORT_POSTING) this.#slots.set(key, [...slots, slot]);
    else slots.push(slot);
  }

  /** Keeps the order of the rest, so that candidates come in the same order. */
  delete(key: Key, slot: number): void {
    const slots = this.#slots.get(key);
    if (slots === slot) this.#slots.delete(key);
    if (slots === undefined || typeof slots === 'number') return;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    if (slots.length === 1) this.#slots.set(key, slots[0] ?? slot);
  }
}

/** Stems have no spaces; most weigh 1 and are their own key, without a new string. */
// Synonyms belong to a word, not its stem: "Spiel" and "spielen" share a stem, not synonyms.
const poolKey = (t: Term): string =>
  `${t.synonyms ? `${t.synonyms.join(',')} ` : ''}${t.weight === 1 ? t.stem : `${t.weight} ${t.stem}`}`;

/**
 * Terms shared by every card with the same stem and weight: a card keeps only references to
 * them, not its own copy of each stem and its trigrams.
 */
export class TermPool {
  readonly #terms = new Map<string, { term: Term; cards: number }>();

  take(term: Term): Term {
    const key = poolKey(term);
    let entry = this.#terms.get(key);
    if (!entry) {
      entry = { term, cards: 0 };
      this.#terms.set(key, entry);
    }
    entry.cards += 1;
    return entry.term;
  }

  release(term: Term): void {
    const key = poolKey(term);
    const entry = this.#terms.get(key);
    if (!entry) return;
    entry.cards -= 1;
    if (entry.cards === 0) this.#terms.delete(key);
  }
}
