// Reads the labelled paraphrase pairs from the shared data folder (never copied into the repo):
// Quora Question Pairs, STS-B in English and German, PAWS-X German. Bad rows are counted, not fatal.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repo's sibling `shared/data/paraphrase/`, as the data's README asks. */
export const PARAPHRASE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/data/paraphrase',
);

export interface Pair {
  a: string;
  b: string;
  same: boolean;
}

export interface PairSet {
  /** File name without extension, e.g. `stsb-de-dev`. */
  name: string;
  pairs: Pair[];
  /** Rows that could not be read (wrong column count, empty text, label out of range). */
  skipped: number;
}

/** RFC 4180 fields: quotes around fields, doubled quotes inside, newlines inside quotes. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.length === 0) quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const text = z.string().trim().min(1);
const binary = z.enum(['0', '1']).transform((v) => v === '1');
/** STS-B scores run 0-5; the data's README counts 4 and above as the same meaning. */
const stsScore = z.coerce
  .number()
  .min(0)
  .max(5)
  .transform((v) => v >= 4);

/** Which columns hold the two texts and the label, per family of files. */
const FORMATS: {
  prefix: string;
  ext: string;
  header: boolean;
  columns: [number, number, number];
}[] = [
  { prefix: 'qqp-en', ext: '.csv', header: true, columns: [1, 2, 3] },
  { prefix: 'stsb-en', ext: '.csv', header: false, columns: [0, 1, 2] },
  { prefix: 'stsb-de', ext: '.csv', header: false, columns: [0, 1, 2] },
  { prefix: 'pawsx-de', ext: '.tsv', header: true, columns: [1, 2, 3] },
];

function readSet(file: string, format: (typeof FORMATS)[number]): PairSet {
  const raw = fs.readFileSync(path.join(PARAPHRASE_DIR, file), 'utf8');
  const rows = parseDelimited(raw, format.ext === '.tsv' ? '\t' : ',');
  const body = format.header ? rows.slice(1) : rows;
  const label = format.prefix.startsWith('stsb') ? stsScore : binary;
  const [ia, ib, il] = format.columns;
  const pairs: Pair[] = [];
  let skipped = 0;
  for (const row of body) {
    if (row.length === 1 && row[0] === '') continue;
    const a = text.safeParse(row[ia]);
    const b = text.safeParse(row[ib]);
    const same = label.safeParse(row[il]);
    if (!a.success || !b.success || !same.success) skipped += 1;
    else pairs.push({ a: a.data, b: b.data, same: same.data });
  }
  return { name: file.slice(0, -format.ext.length), pairs, skipped };
}

/**
 * Every set in the folder, in a fixed order (development splits first, then any held-out
 * split placed beside them, e.g. `stsb-de-test.csv`). Empty when the folder is missing.
 */
export function loadPairSets(): PairSet[] {
  if (!fs.existsSync(PARAPHRASE_DIR)) return [];
  const files = fs.readdirSync(PARAPHRASE_DIR).sort();
  const sets: PairSet[] = [];
  for (const format of FORMATS) {
    for (const file of files) {
      if (file.startsWith(`${format.prefix}-`) && file.endsWith(format.ext)) {
        sets.push(readSet(file, format));
      }
    }
  }
  return sets;
}
