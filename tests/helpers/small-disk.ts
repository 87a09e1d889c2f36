// A small disk of its own (a tmpfs mounted by the test, as root) that a test can fill to the
// last byte and free again, to meet a full disk as the core would during a show.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-dir.js';

export interface SmallDisk {
  /** Where the disk is mounted (empty at first). */
  dir: string;
  /** Fills what is left of the disk with a file, until the system says it is full. */
  fill(): void;
  /** Removes that file: the space is back. */
  free(): void;
  unmount(): void;
}

/** Whether this process may mount a tmpfs (root, with the rights to mount). */
export function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    const disk = mountSmallDisk(1);
    disk.unmount();
    return true;
  } catch {
    return false;
  }
}

export function mountSmallDisk(mib: number): SmallDisk {
  const temp = makeTempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', temp.dir]);
  const filler = path.join(temp.dir, 'filler');
  return {
    dir: temp.dir,
    fill: () => {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
    },
    free: () => fs.rmSync(filler, { force: true }),
    unmount: () => {
      execFileSync('umount', ['-l', temp.dir]);
      temp.remove();
    },
  };
}
