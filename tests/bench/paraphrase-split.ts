// Do the grouping thresholds carry over to pairs they were not chosen on? Chooses them on the
// even rows of the development files, measures the odd rows against the precision guard there.
import { germanLexicon } from '../../src/queue/service/german-lexicon-files.js';
import {
  DEFAULT_SIMILARITY,
  SimilarityIndex,
  type SimilarityOptions,
} from '../../src/queue/similarity.js';
import { precisionBefore } from './paraphrase-before.js';
import type { Pair, PairSet } from './paraphrase-data.js';

interface Figures {
  p: number;
  r: number;
  f1: number;
}

type Thresholds = Pick<
  SimilarityOptions,
  'questionThreshold' | 'threshold' | 'germanThreshold' | 'germanQuestionThreshold'
>;

function decide(pairs: readonly Pair[], thresholds: Thresholds): Figures & { grouped: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of pairs) {
    const index = new SimilarityIndex(thresholds, germanLexicon);
    index.add('a', pair.a);
    const grouped = index.findSimilar(pair.b) === 'a';
    if (grouped && pair.same) tp += 1;
    else if (grouped) fp += 1;
    else if (pair.same) fn += 1;
  }
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), grouped: tp + fp };
}

const steps = (from: number, to: number): number[] =>
  Array.from({ length: Math.round((to - from) * 100) + 1 }, (_, i) => from + i / 100);

/** How far below the old rule's precision on the same pairs a new precision may fall. */
const GUARD = 0.05;

/**
 * Precision less one standard error (Wilson lower bound, z = 1). With about 130 merges in
 * half of STS-B, precision measured on it wanders by 4 points; a threshold chosen to just
 * touch the floor on one half falls below it on the other.
 */
function precisionLow(f: Figures & { grouped: number }): number {
  const n = f.grouped;
  if (n === 0) return 0;
  const z2 = 1;
  const centre = f.p + z2 / (2 * n);
  const spread = Math.sqrt((f.p * (1 - f.p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

/** The threshold with the best F1 whose precision stays safely above the floor. */
function best(
  range: number[],
  floor: number,
  measure: (t: number) => Figures & { grouped: number },
): number {
  let chosen = range[range.length - 1] ?? 0.8;
  let bestF1 = -1;
  for (const t of range) {
    const f = measure(t);
    if (precisionLow(f) >= floor && f.f1 > bestF1) [chosen, bestF1] = [t, f.f1];
  }
  return chosen;
}

const floor = (pairs: readonly Pair[]): number => precisionBefore(pairs) - GUARD;

function choose(qqp: readonly Pair[], en: readonly Pair[], de: readonly Pair[]): Thresholds {
  const base = { ...DEFAULT_SIMILARITY };
  const question = best(steps(0.38, 0.6), floor(qqp), (t) =>
    decide(qqp, { ...base, questionThreshold: t }),
  );
  const threshold = best(steps(0.48, 0.7), floor(en), (t) => decide(en, { ...base, threshold: t }));
  const germanThreshold = best(steps(0.5, 0.75), floor(de), (t) =>
    decide(de, { ...base, germanThreshold: t }),
  );
  // No labelled German questions: raise the question threshold by as much as statements.
  const germanQuestionThreshold = question + (germanThreshold - threshold);
  return { questionThreshold: question, threshold, germanThreshold, germanQuestionThreshold };
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
      'thresholds chosen on': `${name} rows: ${[t.questionThreshold, t.threshold, t.germanThreshold].map((v) => v.toFixed(2)).join(' / ')}`,
      'checked on': parity === 0 ? 'odd rows' : 'even rows',
    };
    for (const set of devs) {
      // The guard on the checked rows: the old rule's precision on those same rows less 5.
      const f = decide(check(set), t);
      const least = floor(check(set));
      const guard = f.p >= least ? '' : ' BELOW';
      row[`${set.name} P/R/F1 (floor)`] = `${pct(f)} (${(100 * least).toFixed(1)}${guard})`;
    }
    rows.push(row);
  }
  return rows;
}
