// What a comment is about, for grouping: its content words stemmed (German or English), weighted,
// with letter trigrams for typos and compounds; plus its question word and whether it asks at all.
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemGerman } from '@orama/stemmers/german';
import stopword from 'stopword';
import { NO_GERMAN_LEXICON, type GermanLexicon } from './german-lexicon.js';
import { isQuestion, words } from './text.js';

export interface Term {
  stem: string;
  /** Names and numbers weigh more: a different name or number makes a different question. */
  weight: number;
  /** Letter trigrams of the stem with boundary marks, for near matches ("Journalimus"). */
  grams: readonly number[];
  /** German only: the synonym sets the stem belongs to ("Gitarre" and "Klampfe" share one). */
  synonyms?: readonly number[];
}

/** What two texts are compared by: kept per indexed card, without the text itself. */
export interface Comparable {
  /** Distinct stems, in the order the text says them. */
  terms: readonly Term[];
  question: boolean;
  /** "why", "how", "when", "where" or "who" when the text asks one (German too). */
  asks: string | null;
  /** Read as German: its stems are rougher, so it needs more in common to match. */
  german: boolean;
}

export interface TextFeatures extends Comparable {
  /** Question or not, its question word, its stems sorted: the same words in any order. */
  key: string;
}

/** The key of `textFeatures`, recomputed from what an index keeps. */
export function featureKey(f: Comparable): string {
  const stems = f.terms.map((t) => t.stem).sort();
  return `${f.question ? '?' : '.'}${f.asks ?? ''} ${stems.join(' ')}`;
}

function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/** Words that say a question is being asked, not what it is about. */
const ASKING = [
  ...['q', 'question', 'please', 'panel', 'think', 'there', 'will', 'would', 'could', 'shall'],
  ...['frage', 'bitte', 'meint', 'denkt', 'gibt', 'geben', 'gib', 'wird', 'werden', 'kann'],
].map(fold);
/**
 * The German list of the stopword package also holds content words: people, numbers, times,
 * sizes. "Ein Mann spielt Gitarre" and "Eine Frau spielt Gitarre" must keep their subjects to
 * differ, so these stay content words, as they are in the English list.
 */
const GERMAN_CONTENT = new Set(
  [
    ...['mann', 'mensch', 'menschen', 'gott', 'jahr', 'jahre', 'jahren', 'zeit', 'tag', 'tage'],
    ...['tagen', 'uhr', 'morgen', 'heute', 'ende', 'sache', 'teil', 'ordnung', 'mittel'],
    ...['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn'],
    ...['elf', 'zwölf', 'zwanzig', 'erste', 'ersten', 'erster', 'erstes', 'zweite', 'zweiten'],
    ...['zweiter', 'zweites', 'dritte', 'dritten', 'dritter', 'drittes', 'gross', 'grosse'],
    ...['grossen', 'grosser', 'grosses', 'groß', 'große', 'großen', 'großer', 'großes', 'gut'],
    ...['gute', 'guter', 'gutes', 'besser', 'besten', 'kleine', 'kleinen', 'kleiner', 'kleines'],
    ...['neue', 'neuen', 'schlecht', 'richtig', 'recht', 'rechte', 'rechten', 'rechter'],
    ...['rechtes', 'lang', 'lange', 'kurz', 'hoch', 'leicht', 'offen', 'satt', 'gehen', 'geht'],
    ...['ging', 'kommen', 'kommt', 'kam', 'sagt', 'sagte', 'sah', 'nahm', 'steht', 'tritt'],
  ].map(fold),
);
const ENGLISH_FUNCTION = stopword.eng.map(fold);
const GERMAN_FUNCTION = stopword.deu.map(fold).filter((w) => !GERMAN_CONTENT.has(w));
const ENGLISH_STOP = new Set([...ENGLISH_FUNCTION, ...ASKING]);
const GERMAN_STOP = new Set([...GERMAN_FUNCTION, ...ASKING]);

/** Function words that are also English words ("man", "hat", "will"): no sign of German. */
const AMBIGUOUS = new Set([
  'man',
  'hat',
  'will',
  'war',
  'so',
  'bin',
  'die',
  'gut',
  'hin',
  'mal',
  'oft',
]);
const ENGLISH_SIGN = new Set(ENGLISH_FUNCTION.filter((w) => !GERMAN_FUNCTION.includes(w)));
const GERMAN_SIGN = new Set(
  GERMAN_FUNCTION.filter((w) => !ENGLISH_FUNCTION.includes(w) && !AMBIGUOUS.has(w)),
);

/** Question words that set what kind of answer is wanted; "what"/"was" are too vague to count. */
const ASKS = new Map<string, string>(
  Object.entries({
    why: ['why', 'warum', 'wieso', 'weshalb', 'weswegen'],
    how: ['how', 'wie'],
    when: ['when', 'wann'],
    where: ['where', 'wo', 'woher', 'wohin'],
    who: ['who', 'whom', 'wer', 'wen', 'wem'],
  }).flatMap(([kind, words]) => words.map((word): [string, string] => [word, kind])),
);

const NAME_WEIGHT = 2;
const NUMBER_WEIGHT = 1.5;

/**
 * The distinct trigrams of `<stem>`, first seen first, each packed into one number (three
 * UTF-16 code units of 16 bits): an index keeps thousands, and a number costs less than a string.
 */
export function trigrams(stem: string): number[] {
  const padded = `<${stem}>`;
  const code = (i: number): number => padded.charCodeAt(i) || 0;
  if (padded.length <= 3) return [code(0) * 2 ** 32 + code(1) * 2 ** 16 + code(2)];
  const grams: number[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) {
    const gram = code(i) * 2 ** 32 + code(i + 1) * 2 ** 16 + code(i + 2);
    if (!grams.includes(gram)) grams.push(gram);
  }
  // Exactly as long as needed: a growing array keeps room for 16 more.
  return grams.slice();
}

interface Token {
  word: string;
  /** Its place in its sentence: question words count only near the start. */
  at: number;
  /** Capitalized inside a sentence: in English, most likely a name; in German, a noun. */
  name: boolean;
  /** Which clause of the text it is in (a comma, colon or sentence end starts the next). */
  clause: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  let clause = 0;
  for (const raw of text.split(/\s+/u)) {
    const parts = words(raw);
    const capital = /^[^\p{L}\p{N}]*\p{Lu}/u.test(raw);
    for (const [i, word] of parts.entries()) {
      out.push({ word, at, name: capital && at > 0 && i === 0, clause });
      at += 1;
    }
    if (parts.length > 0 && /[.!?:]["')\]]*$/u.test(raw)) at = 0;
    if (/[.!?:;,]["')\]]*$/u.test(raw)) clause += 1;
  }
  return out;
}

/**
 * German when more of its words are only German function words than only English ones; an
 * umlaut or ß counts for German too, since headline-like texts have few function words.
 */
function isGerman(text: string, all: readonly Token[]): boolean {
  let english = 0;
  let german = (text.match(/[äöüß]/giu) ?? []).length;
  for (const { word } of all) {
    if (ENGLISH_SIGN.has(word)) english += 1;
    if (GERMAN_SIGN.has(word)) german += 1;
  }
  return german > english;
}

function synonymsOf(
  lexicon: GermanLexicon,
  word: string,
  infinitive: string | undefined,
): readonly number[] | undefined {
  const own = lexicon.synonymSets(word);
  const verb = infinitive === undefined ? undefined : lexicon.synonymSets(infinitive);
  if (!own || !verb) return own ?? verb;
  return [...new Set([...own, ...verb])];
}

/** Particles a German verb leaves at the end of its clause: "fängt … an", "lehnte … ab". */
const PARTICLES = new Set(
  [
    ...['ab', 'an', 'auf', 'aus', 'bei', 'ein', 'fest', 'fort', 'her', 'hin', 'los', 'mit'],
    ...['nach', 'vor', 'weg', 'weiter', 'zu', 'zurück', 'zusammen', 'heraus', 'herein'],
    ...['hinaus', 'herum', 'herunter', 'vorbei', 'durch', 'um', 'über', 'unter', 'wieder'],
    ...['entgegen', 'statt', 'teil', 'bereit', 'kennen', 'frei', 'hoch', 'nieder', 'dar'],
  ].map(fold),
);

/**
 * Verbs split in two ("Wann fängt die Show an?"): token index of the verb → its infinitive
 * ("anfangen"), and the indexes of the particles so read, which then count for nothing alone.
 */
function separatedVerbs(
  all: readonly Token[],
  lexicon: GermanLexicon,
): { verbs: Map<number, string>; particles: Set<number> } {
  const verbs = new Map<number, string>();
  const particles = new Set<number>();
  const found = all.flatMap((t, i) => (PARTICLES.has(t.word) ? [{ at: i, token: t }] : []));
  if (found.length === 0) return { verbs, particles };
  for (const [i, { word, clause }] of all.entries()) {
    if (PARTICLES.has(word)) continue;
    // The particle closes the clause, so the last one in it is tried first.
    for (const { at, token } of found.toReversed()) {
      if (at <= i || token.clause !== clause || particles.has(at)) continue;
      const infinitive = lexicon.infinitive(`${word}+${token.word}`);
      if (infinitive === undefined) continue;
      verbs.set(i, infinitive);
      particles.add(at);
      break;
    }
  }
  return { verbs, particles };
}

/** `lexicon` reads German verb forms and synonyms; without it German goes by stems alone. */
export function textFeatures(
  text: string,
  lexicon: GermanLexicon = NO_GERMAN_LEXICON,
): TextFeatures {
  const all = tokens(text);
  const german = isGerman(text, all);
  const stop = german ? GERMAN_STOP : ENGLISH_STOP;
  const stem = german ? stemGerman : stemEnglish;
  const germanWords = german ? lexicon : null;
  let asks: string | null = null;
  const terms = new Map<string, Term>();
  const separated = germanWords ? separatedVerbs(all, germanWords) : null;
  for (const [i, { word, name, at }] of all.entries()) {
    // "so groß wie" is a comparison: only a question word that opens a sentence counts.
    if (at <= 1) asks ??= ASKS.get(word) ?? null;
    if (stop.has(word) || (word.length < 2 && !/\d/u.test(word))) continue;
    if (separated?.particles.has(i)) continue;
    // "läuft" and "laufen", "trug" and "tragen", "fängt … an" and "anfangen": one stem.
    const infinitive = separated?.verbs.get(i) ?? germanWords?.infinitive(word);
    const s = stem(infinitive ?? word);
    let weight = 1;
    if (/\d/u.test(word)) weight = NUMBER_WEIGHT;
    else if (name && !german) weight = NAME_WEIGHT;
    const known = terms.get(s);
    if (known) {
      if (weight > known.weight) terms.set(s, { ...known, weight });
    } else {
      const synonyms = germanWords && synonymsOf(germanWords, word, infinitive);
      terms.set(s, { stem: s, weight, grams: trigrams(s), ...(synonyms ? { synonyms } : {}) });
    }
  }
  // A text of function words only ("Why not?") still needs something to be found by.
  if (terms.size === 0) {
    for (const { word } of all) terms.set(word, { stem: word, weight: 1, grams: trigrams(word) });
  }
  const found: Comparable = {
    terms: [...terms.values()],
    question: isQuestion(text),
    asks,
    german,
  };
  return { ...found, key: featureKey(found) };
}
