// Files and folders the core makes are readable by their owner only, whatever the umask and
// whatever rights the folder someone made for them has.
import fs from 'node:fs';

/** Tightens an existing file to 0600; a missing one is left missing. */
export function makePrivate(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Creates `file` empty and private when it is missing; tightens it when it is there. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}

/** Creates `dir` (and its parents) private; tightens it when it is there. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}
