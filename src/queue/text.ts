// Reading a comment's text: is it a question (German or English), does it carry a link, and
// its normalized words for grouping near-duplicates. Pure functions.

const INTERROGATIVES = new Set([
  // English
  'what',
  'why',
  'how',
  'when',
  'where',
  'who',
  'whom',
  'whose',
  'which',
  'is',
  'are',
  'am',
  'was',
  'were',
  'can',
  'could',
  'would',
  'should',
  'will',
  'shall',
  'do',
  'does',
  'did',
  'have',
  'has',
  'had',
  'may',
  'might',
  'must',
  'any',
  'anyone',
  // German
  'warum',
  'wieso',
  'weshalb',
  'weswegen',
  'wie',
  'wann',
  'wo',
  'woher',
  'wohin',
  'womit',
  'wozu',
  'worüber',
  'wovon',
  'wer',
  'wen',
  'wem',
  'wessen',
  'welche',
  'welcher',
  'welches',
  'welchen',
  'welchem',
  'ist',
  'sind',
  'kann',
  'können',
  'könnt',
  'könnte',
  'könntet',
  'würde',
  'würdet',
  'würden',
  'wird',
  'werden',
  'soll',
  'sollte',
  'sollten',
  'gibt',
  'habt',
  'hat',
  'haben',
  'hätte',
  'darf',
  'dürfen',
  'muss',
  'müssen',
  'seid',
  'war',
  'waren',
]);

const STOPWORDS = new Set([
  // English
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'about',
  'from',
  'by',
  'as',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'i',
  'you',
  'your',
  'we',
  'our',
  'they',
  'their',
  'he',
  'she',
  'me',
  'my',
  'be',
  'been',
  'so',
  'if',
  'than',
  'then',
  'there',
  'what',
  'why',
  'how',
  'when',
  'where',
  'who',
  'which',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'would',
  'should',
  'will',
  'do',
  'does',
  'did',
  'have',
  'has',
  'think',
  'please',
  'panel',
  'question',
  'q',
  // German
  'der',
  'die',
  'das',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'einen',
  'einem',
  'einer',
  'und',
  'oder',
  'aber',
  'von',
  'zu',
  'zum',
  'zur',
  'im',
  'in',
  'am',
  'an',
  'auf',
  'für',
  'mit',
  'über',
  'aus',
  'bei',
  'es',
  'ich',
  'du',
  'ihr',
  'sie',
  'wir',
  'euch',
  'uns',
  'man',
  'ist',
  'sind',
  'war',
  'wie',
  'was',
  'warum',
  'wann',
  'wo',
  'wer',
  'welche',
  'kann',
  'können',
  'wird',
  'werden',
  'hat',
  'haben',
  'nicht',
  'auch',
  'noch',
  'so',
  'dass',
  'denn',
  'frage',
  'bitte',
  'eure',
  'euer',
  'ihre',
  'eurer',
  'ihr',
  'seht',
  'meint',
  'denkt',
]);

const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const BARE_DOMAIN =
  /\b[a-z0-9][a-z0-9-]{0,62}\.(?:com|org|net|io|de|at|ch|eu|ly|co|me|tv|gg|xyz|info|app|dev|link|shop|biz)\b(?:\/\S*)?/iu;

/** True for text that carries a web link (a URL or a bare domain like example.com/x). */
export function hasLink(text: string): boolean {
  URL_PATTERN.lastIndex = 0;
  return URL_PATTERN.test(text) || BARE_DOMAIN.test(text);
}

/** Lower case, accents folded, links, mentions and punctuation gone; words in order. */
export function words(text: string): string[] {
  return text
    .replace(URL_PATTERN, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[@#]\S+/g, ' ')
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/** A question: a question mark anywhere, or a sentence that opens with a question word. */
export function isQuestion(text: string): boolean {
  if (/[?？¿؟]/u.test(text)) return true;
  const sentences = text.split(/[.!\n]+/u);
  return sentences.some((sentence) => {
    const first = sentence
      .trim()
      .replace(/^(?:[@#]\S+\s+)+/u, '')
      .toLowerCase()
      .split(/[^\p{L}]+/u)[0];
    return first !== undefined && INTERROGATIVES.has(first);
  });
}

/** The words that carry meaning, for similarity (stop words removed). */
export function contentWords(text: string): string[] {
  const all = words(text);
  const content = all.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return content.length > 0 ? content : all;
}
