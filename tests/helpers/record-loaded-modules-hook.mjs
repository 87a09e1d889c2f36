// The load hook of record-loaded-modules.mjs: runs on Node's hooks thread and appends the path
// of every ES module (and every CommonJS file imported from one) as it loads.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

let out = '';

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) fs.appendFileSync(out, `${fileURLToPath(url)}\n`);
  return nextLoad(url, context);
}
