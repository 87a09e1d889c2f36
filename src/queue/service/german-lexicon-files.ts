// Reads the German word lists shipped beside the queue code (src/queue/lexicon/, copied to
// dist/ by the build), once, on the first German text that needs them.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { NO_GERMAN_LEXICON, parseGermanLexicon, type GermanLexicon } from '../german-lexicon.js';

function readList(name: string): string {
  const file = fileURLToPath(new URL(`../lexicon/${name}`, import.meta.url));
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
}

let loaded: GermanLexicon | null = null;

function load(): GermanLexicon {
  if (loaded) return loaded;
  try {
    loaded = parseGermanLexicon(readList('de-verbs.txt.gz'), readList('de-synonyms.txt.gz'));
  } catch {
    // A broken install: German grouping goes on by stems alone rather than failing a comment.
    loaded = NO_GERMAN_LEXICON;
  }
  return loaded;
}

/** The shipped lists, read from disk on first use (about 20 ms, 4.3 MiB). */
export const germanLexicon: GermanLexicon = {
  infinitive: (word) => load().infinitive(word),
  synonymSets: (word) => load().synonymSets(word),
};
