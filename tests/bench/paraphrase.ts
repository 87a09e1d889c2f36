// How well Panelcast groups questions that ask the same thing, on pairs labelled by people:
// precision, recall and F1 of its own decision (index one text, ask for the other), beside the
// rule shipped before (content-word Jaccard >= 0.6), plus the figures across thresholds and the
// time per comment with 10,000 comments in the index.
import { germanLexicon } from '../../src/queue/service/german-lexicon-files.js';
import { performance } from 'node:perf_hooks';
import { SimilarityIndex, textSimilarity } from '../../src/queue/similarity.js';
import { jaccardRule } from './paraphrase-before.js';
import { loadPairSets, PARAPHRASE_DIR, type Pair, type PairSet } from './paraphrase-data.js';
import { splitHalfRows } from './paraphrase-split.js';
import { formatMs, summarize, table } from './stats.js';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function figures(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

function count(pairs: readonly Pair[], decide: (p: Pair) => boolean): Counts {
  const c: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const pair of pairs) {
    const grouped = decide(pair);
    if (grouped && pair.same) c.tp += 1;
    else if (grouped) c.fp += 1;
    else if (pair.same) c.fn += 1;
  }
  return c;
}

/** Panelcast's own decision: a fresh index holding one text, asked about the other. */
function panelcast(pair: Pair): boolean {
  const index = new SimilarityIndex({}, germanLexicon);
  index.add('a', pair.a);
  return index.findSimilar(pair.b) === 'a';
}

const pct = (v: number): string => (100 * v).toFixed(1);

function decisionRows(sets: readonly PairSet[]): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const set of sets) {
    const same = set.pairs.filter((p) => p.same).length;
    for (const [method, decide] of [
      ['before: Jaccard >= 0.6', jaccardRule],
      ['Panelcast now', panelcast],
    ] as const) {
      const f = figures(count(set.pairs, decide));
      rows.push({
        set: set.name,
        pairs: set.pairs.length,
        same: same,
        method,
        precision: pct(f.p),
        recall: pct(f.r),
        F1: pct(f.f1),
      });
    }
  }
  return rows;
}

const THRESHOLDS = [0.4, 0.45, 0.5, 0.52, 0.54, 0.56, 0.6, 0.65, 0.7, 0.8];

/** Precision/recall/F1 of the score alone at each threshold (no short-text rule). */
function sweepRows(sets: readonly PairSet[]): Record<string, string | number>[] {
  const scored = sets.map((set) =>
    set.pairs.map((p) => ({ same: p.same, score: textSimilarity(p.a, p.b, germanLexicon) })),
  );
  return THRESHOLDS.map((t) => {
    const row: Record<string, string | number> = { threshold: t.toFixed(2) };
    sets.forEach((set, i) => {
      const c: Counts = { tp: 0, fp: 0, fn: 0 };
      for (const x of scored[i] ?? []) {
        const hit = x.score >= t;
        if (hit && x.same) c.tp += 1;
        else if (hit) c.fp += 1;
        else if (x.same) c.fn += 1;
      }
      const f = figures(c);
      row[`${set.name} P/R/F1`] = `${pct(f.p)}/${pct(f.r)}/${pct(f.f1)}`;
    });
    return row;
  });
}

/** Varied synthetic questions for the timing run when the data is missing. */
export function syntheticTexts(n: number): string[] {
  const topics = ['AI', 'Journalismus', 'climate', 'Wahl', 'open source', 'Podcast', 'budget'];
  let x = 2463534242;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  return Array.from({ length: n }, () => {
    const words = Array.from({ length: 6 + (next() % 8) }, () => (next() % 50000).toString(36));
    return `How does ${topics[next() % topics.length] ?? ''} ${words.join(' ')}?`;
  });
}

/** findSimilar then add, as the queue does per incoming comment, with 10,000 already indexed. */
function timingRows(texts: readonly string[]): Record<string, string | number>[] {
  const filled = 10_000;
  const measured = Math.min(2_000, texts.length - filled);
  const index = new SimilarityIndex({ capacity: filled }, germanLexicon);
  for (let i = 0; i < filled; i += 1) index.add(`c${i}`, texts[i] ?? '');
  const samples: number[] = [];
  let grouped = 0;
  for (let i = filled; i < filled + measured; i += 1) {
    const text = texts[i] ?? '';
    const start = performance.now();
    const hit = index.findSimilar(text);
    if (hit === null) index.add(`c${i}`, text);
    samples.push(performance.now() - start);
    if (hit !== null) grouped += 1;
  }
  const s = summarize(samples);
  return [
    {
      'comments indexed': index.size,
      measured: s.n,
      grouped,
      'mean ms': formatMs(s.mean),
      'p50 ms': formatMs(s.p50),
      'p99 ms': formatMs(s.p99),
      'max ms': formatMs(s.max),
    },
  ];
}

export function benchParaphrase(): Promise<string> {
  const sets = loadPairSets();
  const out: string[] = [];
  if (sets.length === 0) {
    out.push(
      `The labelled pairs are missing (looked in ${PARAPHRASE_DIR}); quality not measured.`,
      '',
    );
  } else {
    const skipped = sets.filter((s) => s.skipped > 0).map((s) => `${s.name}: ${s.skipped}`);
    if (skipped.length > 0) out.push(`Rows skipped as unreadable: ${skipped.join(', ')}.`, '');
    out.push('Decision (index one text, ask for the other):', '', table(decisionRows(sets)), '');
    out.push('Score alone across thresholds:', '', table(sweepRows(sets)), '');
    const split = splitHalfRows(sets);
    if (split.length > 0) {
      out.push('Thresholds chosen on half of the rows, checked on the other half:', '');
      out.push(table(split), '');
    }
  }
  // Every text of every set, in file order: questions and statements, English and German.
  const texts = sets.flatMap((s) => s.pairs.flatMap((p) => [p.a, p.b]));
  const source = texts.length >= 12_000 ? 'the texts of all sets, in order' : 'synthetic questions';
  out.push(
    `Time per comment (${source}):`,
    '',
    table(timingRows(texts.length >= 12_000 ? texts : syntheticTexts(12_000))),
  );
  return Promise.resolve(out.join('\n'));
}
