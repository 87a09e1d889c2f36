// Heap of the near-duplicate index alone with 3,000 cards (its capacity in the queue), filled
// with the texts of the labelled pairs (or synthetic questions without them). Run:
// `node --expose-gc --import tsx tests/bench/paraphrase-memory.ts [cards]`.
import { germanLexicon } from '../../src/queue/service/german-lexicon-files.js';
import { SimilarityIndex } from '../../src/queue/similarity.js';
import { loadPairSets } from './paraphrase-data.js';
import { syntheticTexts } from './paraphrase.js';

const MiB = 2 ** 20;

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc to measure the heap.');
  for (let i = 0; i < 3; i += 1) gc();
}

function measure(cards: number): string {
  const fromSets = loadPairSets().flatMap((s) => s.pairs.flatMap((p) => [p.a, p.b]));
  const texts = fromSets.length >= cards ? fromSets : syntheticTexts(cards);
  // Every sixth text: questions and statements, English and German, few exact repeats.
  const step = Math.max(1, Math.floor(texts.length / cards));
  collect();
  const before = process.memoryUsage();
  const index = new SimilarityIndex({ capacity: cards }, germanLexicon);
  for (let i = 0; i < cards; i += 1) index.add(`c${i}`, texts[(i * step) % texts.length] ?? '');
  index.findSimilar(texts[1] ?? '');
  collect();
  const after = process.memoryUsage();
  const heap = (after.heapUsed - before.heapUsed) / MiB;
  const outside = (after.arrayBuffers - before.arrayBuffers) / MiB;
  const source = fromSets.length >= cards ? 'texts of the labelled pairs' : 'synthetic questions';
  return `${index.size} cards (${source}): heap ${heap.toFixed(2)} MiB, array buffers ${outside.toFixed(2)} MiB`;
}

console.log(measure(Number(process.argv[2] ?? 3000)));
