import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Blocklist } from '../../src/queue/blocklist.js';
import { SimilarityIndex, jaccard } from '../../src/queue/similarity.js';
import { contentWords, hasLink, isQuestion, words } from '../../src/queue/text.js';
import { tameText, truncateText } from '../../src/shared/tame-text.js';

describe('question detection (German and English)', () => {
  it.each([
    'What will AI do to newsrooms?',
    'how do you moderate a panel',
    'Why open source',
    '@anna could you share the slides',
    'Great talk. Will there be a recording',
    'Warum ist das so',
    'Wie geht ihr mit Hassrede um',
    'Könnt ihr die Folien teilen',
    'Gibt es eine Aufzeichnung',
    '#NextTalk welche Tools nutzt ihr',
    '¿Qué opinas?',
  ])('“%s” is a question', (text) => expect(isQuestion(text)).toBe(true));

  it.each([
    'Great talk!',
    'Thanks from Berlin',
    'Tolle Diskussion, danke',
    'I know how to do it',
    'Ich weiß, wie das geht',
  ])('“%s” is not a question', (text) => expect(isQuestion(text)).toBe(false));
});

describe('link detection', () => {
  it.each([
    'see https://example.org/x',
    'go to www.example.com',
    'buy at cheap-pills.shop now',
    'visit example.de/path',
  ])('flags “%s”', (text) => expect(hasLink(text)).toBe(true));
  it.each(['No links here.', 'Version 2.0 is out', 'e.g. this', 'Mr. Smith said'])(
    'does not flag “%s”',
    (text) => expect(hasLink(text)).toBe(false),
  );
});

describe('words', () => {
  it('folds case and accents, drops links, mentions and hashtags', () => {
    expect(words('Über-Größe! @anna #NextTalk https://x.y/z Café')).toEqual([
      'uber',
      'grosse',
      'cafe',
    ]);
  });
});

describe('near-duplicate grouping', () => {
  it('groups questions that ask the same thing and not different ones', () => {
    const index = new SimilarityIndex();
    index.add('q1', 'How will AI affect jobs in journalism?');
    index.add('q2', 'What is your favourite open source license?');
    expect(index.findSimilar('How is AI going to affect journalism jobs?')).toBe('q1');
    expect(index.findSimilar('how will ai affect jobs in journalism')).toBe('q1');
    // "favourite" and "like best" ask the same; the old rule kept these apart.
    expect(index.findSimilar('Which open source license do you like best?')).toBe('q2');
    expect(index.findSimilar('Which open source projects do you fund?')).toBeNull();
    expect(index.findSimilar('When is the next meetup?')).toBeNull();
  });

  it('groups German questions too', () => {
    const index = new SimilarityIndex();
    index.add('q1', 'Wie verändert KI den Journalismus in Deutschland?');
    expect(index.findSimilar('Wie wird KI den Journalismus in Deutschland verändern?')).toBe('q1');
    expect(index.findSimilar('Wie finanziert ihr den Journalismus in Österreich?')).toBeNull();
    expect(index.findSimilar('wie verändert ki den journalismus in deutschland')).toBe('q1');
    expect(index.findSimilar('Verändert KI den Journalismus in Deutschland?')).toBe('q1');
  });

  it('matches one-word texts only exactly', () => {
    const index = new SimilarityIndex();
    index.add('q1', 'Great!');
    expect(index.findSimilar('great')).toBe('q1');
    expect(index.findSimilar('Great show')).toBeNull();
    expect(index.findSimilar('Greta')).toBeNull();
  });

  it('forgets removed cards', () => {
    const index = new SimilarityIndex();
    index.add('q1', 'How will AI affect jobs in journalism?');
    index.remove('q1');
    expect(index.findSimilar('How will AI affect jobs in journalism?')).toBeNull();
    expect(index.size).toBe(0);
  });

  it('jaccard is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(fc.string()), (a, b) => {
        const x = new Set(a);
        const y = new Set(b);
        const s = jaccard(x, y);
        expect(s).toBe(jaccard(y, x));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('always finds an identical text again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }),
        (texts) => {
          const index = new SimilarityIndex();
          texts.forEach((t, i) => index.add(`id${i}`, t));
          texts.forEach((t) => {
            if (contentWords(t).length > 0) expect(index.findSimilar(t)).not.toBeNull();
          });
        },
      ),
    );
  });
});

describe('blocklist', () => {
  const list = new Blocklist({
    words: ['spam', 'crypto*', 'buy now'],
    authors: ['@Troll', 'Bad Bot'],
  });
  it('filters blocked words, prefixes and phrases, ignoring case and accents', () => {
    expect(list.match('This is SPAM!', { name: 'A', handle: null })).toBe('blocked word "spam"');
    expect(list.match('Cryptocurrency tips', { name: 'A', handle: null })).toBe(
      'blocked word "crypto*"',
    );
    expect(list.match('Please BUY   now!!', { name: 'A', handle: null })).toBe(
      'blocked phrase "buy now"',
    );
    expect(list.match('spammer here', { name: 'A', handle: null })).toBeNull();
  });
  it('filters blocked authors by handle or name', () => {
    expect(list.match('hi', { name: 'T', handle: 'troll' })).toBe('blocked author troll');
    expect(list.match('hi', { name: 'bad bot', handle: null })).toBe('blocked author bad bot');
    expect(list.match('hi', { name: 'Good', handle: 'friend' })).toBeNull();
  });
});

describe('display taming', () => {
  it('drops bidi overrides, control characters and zalgo piles but keeps real text', () => {
    expect(tameText('abc\u202Eevil\u202Cdef')).toBe('abcevildef');
    expect(tameText('a\u0000b\u0007c\nd')).toBe('abc\nd');
    const zalgo = `Z${'\u0301\u0302\u0303\u0304\u0305\u0306'.repeat(5)}algo`;
    expect(tameText(zalgo)).toBe('Z\u0301\u0302\u0303algo');
    expect(tameText('Tiếng Việt مرحبا שלום 👩‍👩‍👧 ok')).toBe('Tiếng Việt مرحبا שלום 👩‍👩‍👧 ok');
  });

  it('truncates at a word boundary without splitting graphemes', () => {
    const text = 'The quick brown fox jumps over the lazy dog 👩‍👩‍👧 again and again';
    const cut = truncateText(text, 30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(truncateText('short', 30)).toBe('short');
    const emoji = '👩‍👩‍👧'.repeat(20);
    const cutEmoji = truncateText(emoji, 25);
    expect(cutEmoji.slice(0, -1).length % '👩‍👩‍👧'.length).toBe(0);
  });
});

describe('similarity index bounds', () => {
  it('forgets the oldest cards beyond its capacity', () => {
    const index = new SimilarityIndex({
      threshold: 0.6,
      minWords: 3,
      maxPosting: 500,
      capacity: 3,
    });
    index.add('a', 'alpha bravo charlie delta');
    index.add('b', 'echo foxtrot golf hotel');
    index.add('c', 'india juliet kilo lima');
    index.add('d', 'mike november oscar papa');
    expect(index.size).toBe(3);
    expect(index.findSimilar('alpha bravo charlie delta')).toBeNull();
    expect(index.findSimilar('mike november oscar papa')).toBe('d');
  });
});
