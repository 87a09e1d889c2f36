// Grouping as a moderator meets it: the same question in other words, order or spelling is
// grouped; a different question, however many words it shares, is not; a split stays split.
import fs from 'node:fs';
import zlib from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/shared/initial-state.js';
import { germanLexicon } from '../../src/queue/service/german-lexicon-files.js';
import { textFeatures } from '../../src/queue/question-features.js';
import { SimilarityIndex, textSimilarity, typo } from '../../src/queue/similarity.js';
import { QueueController } from '../../src/queue/service/queue-controller.js';
import { StateHub } from '../../src/shared/state-hub.js';
import { AuditLog } from '../../src/store/audit-log.js';
import { CommentStore } from '../../src/store/comment-store.js';
import { ShowStore } from '../../src/store/show-store.js';
import { migrate } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

/** Whether `second` joins the card of `first` in an otherwise empty index. */
function grouped(first: string, second: string): boolean {
  const index = new SimilarityIndex({}, germanLexicon);
  index.add('first', first);
  return index.findSimilar(second) === 'first';
}

/** A queue on an in-memory store, and a way to post a comment to it; returns the new id. */
function showQueue(): {
  db: BetterSqlite3.Database;
  queue: QueueController;
  ingest: (text: string) => string;
} {
  const db = new BetterSqlite3(':memory:');
  migrate(db, MIGRATIONS, ':memory:');
  const shows = new ShowStore(db, 'Show');
  const queue = new QueueController({
    store: new CommentStore(db, shows),
    hub: new StateHub(initialState('test', 'Show', false), (text) => text),
    audit: new AuditLog(db, shows),
    blocklist: { words: [], authors: [] },
  });
  let n = 0;
  const ingest = (text: string): string => {
    const result = queue.ingest({
      platform: 'youtube',
      platformId: `p${(n += 1)}`,
      author: { name: 'A', handle: null, avatarUrl: null, profileUrl: null },
      text,
      createdAt: new Date().toISOString(),
      url: null,
    });
    if (result.outcome !== 'added') throw new Error(result.outcome);
    return result.comment.id;
  };
  return { db, queue, ingest };
}

describe('grouping the same question', () => {
  it.each([
    ['How will AI change journalism?', 'Journalism: how will AI change it?'],
    ['Will AI change journalism in Germany?', 'In Germany, will journalism be changed by AI?'],
    ['Wie verändert KI den Journalismus?', 'Wie wird KI den Journalismus verändern?'],
  ])('in another word order: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(true));

  it.each([
    ['How will AI change journalism?', 'How will AI chnage jounralism?'],
    ['Wie verändert KI den Journalismus?', 'wie verandert ki den jornalismus'],
    ['Wie sicher ist die Währung in Österreich?', 'Wie sicher ist die Waehrung in Oesterreich?'],
  ])('with typos and spelt-out umlauts: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(true));

  it.each([
    ['Is there a recording?', 'Will there be a recording?'],
    ['Gibt es eine Aufzeichnung?', 'Wird es eine Aufzeichnung geben?'],
    ['Recording available?', 'Is the recording available?'],
  ])('when short: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(true));
});

describe('German in other verb forms and other words for the same thing', () => {
  it.each([
    ['Der Verein verlor das Spiel gegen Bayern.', 'Der Verein verliert das Spiel gegen Bayern.'],
    [
      'Warum trug der Minister keine Verantwortung?',
      'Warum trägt der Minister keine Verantwortung?',
    ],
  ])('groups another tense or person of the same verb: “%s” / “%s”', (a, b) =>
    expect(grouped(a, b)).toBe(true),
  );

  it.each([
    ['Wann fängt die Sendung heute an?', 'Wann beginnt die Sendung heute?'],
    [
      'Wie sieht die Zukunft des Lokaljournalismus aus?',
      'Wie wird die Zukunft des Lokaljournalismus aussehen?',
    ],
  ])('reads a verb split in two as one: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(true));

  it.each([
    ['Der Musiker spielt auf der Bühne Klampfe.', 'Der Musiker spielt auf der Bühne Gitarre.'],
    ['Wie teuer ist eine Fahrkarte nach Berlin?', 'Wie teuer ist ein Ticket nach Berlin?'],
  ])('groups a synonym from the thesaurus: “%s” / “%s”', (a, b) =>
    expect(grouped(a, b)).toBe(true),
  );

  it.each([
    ['Ein Mann spielt Geige im Regen.', 'Ein Mann spielt Gitarre im Regen.'],
    ['Warum schläft der Hund im Garten?', 'Warum bellt der Hund im Garten?'],
    ['Wie teuer ist eine Fahrkarte nach Berlin?', 'Wie teuer ist eine Fahrkarte nach Hamburg?'],
    ['Wann fängt die Sendung heute an?', 'Wann hört die Sendung heute auf?'],
    ['Warum lehnte die Stadt den Antrag ab?', 'Warum nahm die Stadt den Antrag an?'],
  ])('keeps apart words that are related but not the same: “%s” / “%s”', (a, b) =>
    expect(grouped(a, b)).toBe(false),
  );

  it('reads its word lists from the files shipped with the app', () => {
    const lexicon = germanLexicon;
    expect(lexicon.infinitive('verlor')).toBe('verlieren');
    expect(lexicon.infinitive('lauft')).toBe('laufen');
    expect(lexicon.infinitive('fangt+an')).toBe('anfangen');
    expect(lexicon.infinitive('fahrt')).toBe('fahren');
    const shared = (a: string, b: string): boolean =>
      (lexicon.synonymSets(a) ?? []).some((set) => lexicon.synonymSets(b)?.includes(set));
    expect(shared('fahrkarte', 'ticket')).toBe(true);
    expect(shared('klampfe', 'gitarre')).toBe(true);
    expect(shared('geige', 'gitarre')).toBe(false);
    expect(lexicon.infinitive('gitarre')).toBeUndefined();
    expect(lexicon.synonymSets('zzzz')).toBeUndefined();
  });

  it('finds every entry of its lists, the first and the last included', () => {
    const lexicon = germanLexicon;
    const read = (name: string): string[] =>
      zlib
        .gunzipSync(fs.readFileSync(new URL(`../../src/queue/lexicon/${name}`, import.meta.url)))
        .toString('utf8')
        .split('\n');
    const verbs = read('de-verbs.txt.gz');
    const synonyms = read('de-synonyms.txt.gz');
    expect(verbs.length).toBeGreaterThan(40_000);
    expect(synonyms.length).toBeGreaterThan(60_000);
    const sample = (lines: string[]): string[] =>
      lines.filter((_, i) => i % 97 === 0 || i === lines.length - 1);
    for (const line of sample(verbs)) {
      const [form, infinitive] = line.split(' ');
      expect(lexicon.infinitive(form ?? '')).toBe(infinitive);
    }
    for (const line of sample(synonyms)) {
      const [word, sets] = line.split(' ');
      expect(lexicon.synonymSets(word ?? '')).toEqual(sets?.split(',').map(Number));
    }
  });
});

describe('keeping different questions apart', () => {
  it.each([
    ['Wie funktioniert die Moderation bei euch?', 'Warum funktioniert die Moderation bei euch?'],
    ['How do you moderate the chat?', 'Why do you moderate the chat?'],
    ['Wann kommt die Aufzeichnung online?', 'Wo kommt die Aufzeichnung online?'],
  ])('asking how, why, when or where: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(false));

  it.each([
    ['Will AI replace journalists?', 'AI will replace journalists.'],
    ['Wird KI Journalisten ersetzen?', 'KI wird Journalisten ersetzen.'],
  ])('a question and a statement on the same topic: “%s” / “%s”', (a, b) => {
    expect(grouped(a, b)).toBe(false);
    expect(grouped(b, a)).toBe(false);
  });

  it.each([
    ['How do I learn Python programming quickly?', 'How do I learn Java programming quickly?'],
    ['Will the talk be recorded on Monday?', 'Will the talk be recorded on Friday?'],
    ['Is there a recording of the 2024 panel?', 'Is there a recording of the 2025 panel?'],
    ['Wird das Panel am Montag aufgezeichnet?', 'Wird das Panel am Freitag aufgezeichnet?'],
  ])('sharing most words: “%s” / “%s”', (a, b) => expect(grouped(a, b)).toBe(false));

  it.each([
    ['Sind drei Männer auf der Bühne?', 'Sind zwei Männer auf der Bühne?'],
    ['Spielt ein Mann Gitarre?', 'Spielt eine Frau Gitarre?'],
    ['Wird es morgen regnen?', 'Wird es heute regnen?'],
  ])('in German, differing in who, how many or when: “%s” / “%s”', (a, b) =>
    expect(grouped(a, b)).toBe(false),
  );

  it('asks more of German statements than of English ones at the same score', () => {
    const german = [
      'Eine Frau schneidet eine Kartoffel in Scheiben.',
      'Eine Frau schneidet Karotten in Scheiben.',
    ] as const;
    const english = [
      'A woman is cutting a potato into slices.',
      'A woman is cutting carrots into slices.',
    ] as const;
    const score = textSimilarity(...german);
    expect(textSimilarity(...english)).toBeCloseTo(score, 2);
    expect(grouped(...german)).toBe(false);
    expect(grouped(...english)).toBe(true);
  });

  it('scores symmetrically enough that the order of arrival does not decide', () => {
    const a = 'What is the best way to learn German grammar as an adult?';
    const b = 'How should an adult learn German grammar best?';
    expect(Math.abs(textSimilarity(a, b) - textSimilarity(b, a))).toBeLessThan(0.05);
  });
});

describe('reading words', () => {
  it('tells German from English even when a German stop word is an English word', () => {
    // "man" and "hat" are German function words; this text is English all the same.
    const stems = textFeatures('A man wearing a hard hat is dancing.').terms.map((t) => t.stem);
    expect(stems).toEqual(expect.arrayContaining(['man', 'hat', 'danc']));
  });

  it('takes the question word from the start of a sentence only', () => {
    expect(textFeatures('Wie gefährlich ist KI?').asks).toBe('how');
    expect(textFeatures('Great talk. And why did you leave?').asks).toBe('why');
    // A comparison ("so … wie") asks nothing; "constructor" is a word like any other.
    expect(textFeatures('Ist KI so gefährlich wie Atomkraft?').asks).toBeNull();
    expect(textFeatures('What is a constructor in JavaScript?').asks).toBeNull();
  });

  it('counts a swap of two letters as one typo, and short words never as typos', () => {
    expect(typo('change', 'chnage')).toBeGreaterThan(0.8);
    expect(typo('monday', 'friday')).toBe(0);
    expect(typo('man', 'men')).toBe(0);
  });
});

describe('the index under any sequence of adds and removes', () => {
  it('finds every card it still holds, forgets the oldest beyond capacity, reuses its room', () => {
    const texts = [
      'How will AI change journalism?',
      'Wie finanziert ihr den Podcast?',
      'Is there a recording of the panel?',
      'Which tools do you use for moderation?',
      'Warum streamt ihr nicht auf Twitch?',
      'When does the next show start?',
    ];
    const op = fc.oneof(
      fc.record({ add: fc.nat({ max: 9 }), text: fc.constantFrom(...texts) }),
      fc.record({ remove: fc.nat({ max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const index = new SimilarityIndex({ capacity: 4 });
        const model = new Map<string, string>();
        for (const o of ops) {
          if ('add' in o) {
            const id = `c${o.add}`;
            if (!model.has(id)) {
              if (model.size >= 4) model.delete(model.keys().next().value ?? '');
              model.set(id, o.text);
            }
            index.add(id, o.text);
          } else {
            model.delete(`c${o.remove}`);
            index.remove(`c${o.remove}`);
          }
          expect(index.size).toBe(model.size);
          for (const text of model.values()) {
            const found = index.findSimilar(text);
            expect(found !== null && model.has(found)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('a split group stays split', () => {
  it('does not add a text like the split-off one to the card it was split from', () => {
    const index = new SimilarityIndex();
    index.add('lead', 'How will AI change local journalism?');
    const member = 'How will AI change journalism education?';
    expect(index.findSimilar(member)).toBe('lead');
    index.keepApart('lead', member);
    expect(index.findSimilar(member)).toBeNull();
    expect(index.findSimilar('How will AI change the education of journalists?')).toBeNull();
    // What is closer to the card's own question still joins it.
    expect(index.findSimilar('How will AI change local journalism now?')).toBe('lead');
  });

  it('holds through the queue: a moderator splits, the same question comes again', () => {
    const { db, queue, ingest } = showQueue();
    const lead = ingest('How will AI change local journalism?');
    const member = ingest('How will AI change journalism education?');
    expect(queue.get(member)?.groupId).toBe(lead);

    queue.act({ type: 'ungroup', id: member }, 'Anna');
    expect(queue.get(member)?.groupId).toBeNull();
    // The split-off question is approved and leaves incoming; it is asked again later.
    queue.act({ type: 'approve', id: member }, 'Anna');
    const again = ingest('How will AI change journalism education?');
    expect(queue.get(again)?.groupId).toBeNull();
    expect(queue.get(lead)?.groupId).toBeNull();
    // The card's own question still gathers its repeats.
    const repeat = ingest('how will AI change local journalism');
    expect(queue.get(repeat)?.groupId).toBe(lead);
    db.close();
  });

  it('groups German synonyms and verb forms in the queue, where the moderator sees them', () => {
    const { db, queue, ingest } = showQueue();
    const lead = ingest('Wie teuer ist eine Fahrkarte nach Berlin?');
    expect(queue.get(ingest('Wie teuer ist ein Ticket nach Berlin?'))?.groupId).toBe(lead);
    expect(queue.get(ingest('Wie teuer ist eine Fahrkarte nach Hamburg?'))?.groupId).toBeNull();
    const statement = ingest('Der Verein verlor das Spiel gegen Bayern.');
    expect(queue.get(ingest('Der Verein verliert das Spiel gegen Bayern.'))?.groupId).toBe(
      statement,
    );
    db.close();
  });
});
