// Do the grouping thresholds carry over to pairs they were not chosen on? Chooses them on the
// even rows of the development files and measures the odd rows, then the other way round.
import { SimilarityIndex } from '../../src/queue/similarity.js';
import type { Pair, PairSet } from './paraphrase-data.js';

interface Figures {
  p: number;
  r: number;
  f1: number;
}

function decide(pairs: readonly Pair[], questionThreshold: number, threshold: number): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const index = new SimilarityIndex({ questionThreshold, threshold });
    index.add('a', pair.a);
    const grouped = index.findSimilar(pair.b) === 'a';
    if (grouped && pair.same) tp += 1;
    else if (grouped) fp += 1;
    else if (pair.same) fn += 1;
  }
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

const steps = (from: number, to: number): number[] =>
  Array.from({ length: Math.round((to - from) * 100) + 1 }, (_, i) => from + i / 100);

/** The goals of the grouping work: F1 and a precision floor per family of sets. */
const QUESTION_FLOOR = 0.526;
const STATEMENT_GOALS = { enF1: 0.6, enFloor: 0.58, deF1: 0.55 };

function choose(
  qqp: readonly Pair[],
  en: readonly Pair[],
  de: readonly Pair[],
): { question: number; statement: number } {
  let question = 0.45;
  let best = -1;
  for (const t of steps(0.38, 0.6)) {
    const f = decide(qqp, t, 0.54);
    if (f.p >= QUESTION_FLOOR && f.f1 > best) [question, best] = [t, f.f1];
  }
  let statement = 0.54;
  let margin = -Infinity;
  for (const t of steps(0.48, 0.62)) {
    const e = decide(en, question, t);
    const d = decide(de, question, t);
    const m = Math.min(e.f1 - STATEMENT_GOALS.enF1, d.f1 - STATEMENT_GOALS.deF1);
    if (e.p >= STATEMENT_GOALS.enFloor && m > margin) [statement, margin] = [t, m];
  }
  return { question, statement };
}

const pct = (f: Figures): string => [f.p, f.r, f.f1].map((v) => (100 * v).toFixed(1)).join('/');

export function splitHalfRows(sets: readonly PairSet[]): Record<string, string>[] {
  const find = (prefix: string): PairSet | undefined =>
    sets.find((s) => s.name.startsWith(prefix) && s.name.endsWith('-dev')) ??
    sets.find((s) => s.name.startsWith(prefix) && s.name.endsWith('-tune'));
  const qqp = find('qqp-en');
  const en = find('stsb-en');
  const de = find('stsb-de');
  if (!qqp || !en || !de) return [];
  const devs = [qqp, en, de, find('pawsx-de')].filter((s): s is PairSet => s !== undefined);
  const rows: Record<string, string>[] = [];
  for (const [name, parity] of [
    ['even', 0],
    ['odd', 1],
  ] as const) {
    const tune = (s: PairSet): Pair[] => s.pairs.filter((_, i) => i % 2 === parity);
    const check = (s: PairSet): Pair[] => s.pairs.filter((_, i) => i % 2 !== parity);
    const t = choose(tune(qqp), tune(en), tune(de));
    const row: Record<string, string> = {
      'thresholds chosen on': `${name} rows: ${t.question.toFixed(2)} / ${t.statement.toFixed(2)}`,
      'checked on': parity === 0 ? 'odd rows' : 'even rows',
    };
    for (const set of devs)
      row[`${set.name} P/R/F1`] = pct(decide(check(set), t.question, t.statement));
    rows.push(row);
  }
  return rows;
}
