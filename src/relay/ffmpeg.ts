// Finds the ffmpeg to relay with: the system's (PATH or PANELCAST_FFMPEG), else the binary of
// @ffmpeg-installer/ffmpeg where that optional package is installed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.PANELCAST_FFMPEG;
  if (explicit) return executable(explicit) ? explicit : null;
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && executable(candidate)) return candidate;
    }
  }
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as {
      path?: string;
    };
    if (installer.path && executable(installer.path)) return installer.path;
  } catch {
    // not installed
  }
  return null;
}

export const FFMPEG_MISSING =
  'ffmpeg was not found. Install it (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; ' +
  'Windows: winget install ffmpeg) or set PANELCAST_FFMPEG to its path.';
