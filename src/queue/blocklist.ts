// Words and authors the show does not want to see. Matching comments are not dropped: they are
// set aside as "filtered", with the reason, where a moderator can still look and restore them.
import { words } from './text.js';

export interface BlocklistRules {
  words: readonly string[];
  authors: readonly string[];
}

export class Blocklist {
  readonly #words: { word: string; prefix: boolean; shown: string }[];
  readonly #phrases: { phrase: string; shown: string }[];
  readonly #authors: Set<string>;

  constructor(rules: BlocklistRules) {
    this.#words = [];
    this.#phrases = [];
    for (const raw of rules.words) {
      const shown = raw.trim();
      const normalized = words(shown).join(' ');
      if (normalized === '') continue;
      if (normalized.includes(' ')) {
        this.#phrases.push({ phrase: ` ${normalized} `, shown });
      } else {
        this.#words.push({ word: normalized, prefix: shown.endsWith('*'), shown });
      }
    }
    this.#authors = new Set(rules.authors.map(normalizeAuthor).filter((a) => a !== ''));
  }

  /** Why the comment is filtered, in plain words, or null when it passes. */
  match(text: string, author: { name: string; handle: string | null }): string | null {
    const handle = author.handle === null ? '' : normalizeAuthor(author.handle);
    if (
      (handle !== '' && this.#authors.has(handle)) ||
      this.#authors.has(normalizeAuthor(author.name))
    ) {
      return `blocked author ${author.handle ?? author.name}`;
    }
    const textWords = words(text);
    for (const rule of this.#words) {
      const hit = rule.prefix
        ? textWords.some((w) => w.startsWith(rule.word))
        : textWords.includes(rule.word);
      if (hit) return `blocked word "${rule.shown}"`;
    }
    if (this.#phrases.length > 0) {
      const joined = ` ${textWords.join(' ')} `;
      for (const rule of this.#phrases)
        if (joined.includes(rule.phrase)) return `blocked phrase "${rule.shown}"`;
    }
    return null;
  }
}

function normalizeAuthor(value: string): string {
  return value.trim().replace(/^@/, '').toLowerCase();
}
