// The compact near-duplicate index (shared terms, packed trigrams, postings as numbers or short
// arrays) answers as an index that never forgot anything would; German compounds and inflected
// words group as a moderator expects; a split pair stays split however it is worded again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimilarityIndex } from '../../src/queue/similarity.js';

/** Whether `second` joins the card of `first` in an otherwise empty index. */
function grouped(first: string, second: string): boolean {
  const index = new SimilarityIndex();
  index.add('first', first);
  return index.findSimilar(second) === 'first';
}

describe('German compounds and inflection', () => {
  it.each([
    ['Wie hoch wird der Strompreis im Winter?', 'Wie hoch wird der Preis für Strom im Winter?'],
    ['Wie gefährlich ist Atomkraft?', 'Wie gefährlich sind Atomkraftwerke?'],
    [
      'Wann kommt die Elektroauto Förderung zurück?',
      'Wann kommt die Förderung für Elektroautos zurück?',
    ],
    [
      'Was haltet ihr vom Tempolimit auf Autobahnen?',
      'Was haltet ihr von einem Tempolimit auf der Autobahn?',
    ],
    ['Why is the stream lagging?', 'Why does the stream lag?'],
  ])('groups “%s” / “%s”', (a, b) => {
    expect(grouped(a, b)).toBe(true);
    expect(grouped(b, a)).toBe(true);
  });

  it.each([
    ['Wie lerne ich schnell Python?', 'Wie lerne ich schnell Java?'],
    ['Wie verändert KI den Journalismus?', 'Warum verändert KI den Journalismus?'],
    ['Wird die Sendung aufgezeichnet?', 'Die Sendung wird aufgezeichnet.'],
  ])('keeps “%s” / “%s” apart', (a, b) => {
    expect(grouped(a, b)).toBe(false);
    expect(grouped(b, a)).toBe(false);
  });
});

describe('a split pair is never merged again', () => {
  it('however the split-off question is worded when it comes back', () => {
    const index = new SimilarityIndex();
    index.add('lead', 'Wie verändert KI den Lokaljournalismus?');
    index.add('other', 'Gibt es eine Aufzeichnung der Sendung?');
    const member = 'Wie verändert KI die Ausbildung im Journalismus?';
    expect(index.findSimilar(member)).toBe('lead');
    index.keepApart('lead', member);
    for (const again of [
      member,
      'wie verandert KI die Ausbildung im Journalismus',
      'Die Ausbildung im Journalismus: wie verändert KI sie?',
      'Wie verändert KI die Ausbildng im Jounralismus?',
    ]) {
      expect(index.findSimilar(again)).not.toBe('lead');
    }
    // The card still gathers its own repeats, and other cards are not affected.
    expect(index.findSimilar('wie verändert KI den Lokaljournalismus')).toBe('lead');
    expect(index.findSimilar('Gibt es eine Aufzeichnung von der Sendung?')).toBe('other');
  });
});

/** Questions sharing many words, so that a word or trigram is held by more than 16 cards. */
const POOL = [
  'How will AI change journalism?',
  'How will AI change local journalism?',
  'How will AI change journalism education?',
  'Will AI replace journalists in local newsrooms?',
  'How does the panel moderate the chat?',
  'Wie verändert KI den Journalismus?',
  'Wie verändert KI den Lokaljournalismus?',
  'Wird KI Journalisten ersetzen?',
  'Is there a recording of the panel?',
  'Gibt es eine Aufzeichnung der Sendung?',
  'When does the next panel on journalism start?',
  'How do newsrooms use AI for journalism today?',
];

describe('the compact index after any sequence of adds and removes', () => {
  it('answers every question as an index holding only the remaining cards does', () => {
    const op = fc.oneof(
      fc.record({ add: fc.nat({ max: 59 }), text: fc.nat({ max: POOL.length - 1 }) }),
      fc.record({ remove: fc.nat({ max: 59 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 20, maxLength: 120 }),
        fc.constantFrom(1, 3, 40),
        (ops, maxCandidates) => {
          // With few candidates scored, the answer depends on how many stems and trigrams each
          // card was found by: an entry lost or left behind on removal changes it.
          const options = { capacity: 40, maxCandidates };
          const index = new SimilarityIndex(options);
          const held = new Map<string, string>();
          for (const o of ops) {
            if ('add' in o) {
              const id = `c${String(o.add).padStart(2, '0')}`;
              const text = POOL[o.text] ?? '';
              if (!held.has(id)) {
                if (held.size >= options.capacity) held.delete(held.keys().next().value ?? '');
                held.set(id, text);
              }
              index.add(id, text);
            } else {
              held.delete(`c${String(o.remove).padStart(2, '0')}`);
              index.remove(`c${String(o.remove).padStart(2, '0')}`);
            }
          }
          const fresh = new SimilarityIndex(options);
          for (const [id, text] of held) fresh.add(id, text);
          expect(index.size).toBe(held.size);
          for (const text of [...POOL, 'How will AI chnage journalism?']) {
            expect(index.findSimilar(text)).toBe(fresh.findSimilar(text));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
