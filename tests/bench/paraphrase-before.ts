// The grouping rule shipped before the paraphrase work (content-word Jaccard >= 0.6, at least 3
// words), kept only as the benchmark's peer and as the precision guard's reference.
import { contentWords } from '../../src/queue/text.js';
import type { Pair } from './paraphrase-data.js';

export function jaccardRule(pair: Pair): boolean {
  const a = new Set(contentWords(pair.a));
  const b = new Set(contentWords(pair.b));
  if ([...a].sort().join(' ') === [...b].sort().join(' ')) return a.size > 0;
  if (a.size < 3 || b.size < 3) return false;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared) >= 0.6;
}

/** Precision of the old rule on these pairs: the guard is at most 5 points below it. */
export function precisionBefore(pairs: readonly Pair[]): number {
  let merged = 0;
  let right = 0;
  for (const pair of pairs) {
    if (!jaccardRule(pair)) continue;
    merged += 1;
    if (pair.same) right += 1;
  }
  return merged === 0 ? 0 : right / merged;
}
