// One data folder for the desktop app and `panelcast serve`. Earlier desktop versions kept theirs
// in Electron's userData/data; the first start after the update moves it into the shared folder,
// unless that folder already holds a database (then nothing is touched and the log says why).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../shared/logger.js';

export type LegacyOutcome = 'none' | 'moved' | 'kept_both';

const DATABASE = 'panelcast.db';

function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    // Another disk: copy, then remove the original.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

export function adoptLegacyDataDir(
  legacyDir: string | null,
  dataDir: string,
  logger: Logger,
): LegacyOutcome {
  if (legacyDir === null || path.resolve(legacyDir) === path.resolve(dataDir)) return 'none';
  if (!fs.existsSync(path.join(legacyDir, DATABASE))) return 'none';
  if (fs.existsSync(path.join(dataDir, DATABASE))) {
    logger.warn(
      'an older desktop data folder was found but not moved: the data folder has a database',
      {
        legacyDir,
        dataDir,
      },
    );
    return 'kept_both';
  }
  // The database and its WAL files, the token and the key file move together, or the
  // database would not open.
  for (const entry of fs.readdirSync(legacyDir)) {
    move(path.join(legacyDir, entry), path.join(dataDir, entry));
  }
  logger.info('moved the desktop data folder into the shared data folder', { legacyDir, dataDir });
  return 'moved';
}
