// The control token: generated once, kept in the data dir readable only by its owner, reused on
// every start. PANELCAST_TOKEN overrides it without touching the stored one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const TOKEN_FILE = 'control-token';

export function loadOrCreateToken(
  dataDir: string,
  override: string | null,
  onReplaced: (problem: string) => void = () => undefined,
): string {
  if (override !== null) return override;
  const file = path.join(dataDir, TOKEN_FILE);
  let stored: string | null = null;
  try {
    stored = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9._~-]{16,200}$/.test(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      // Unreadable (a folder in its place, a broken disk block): set aside, not deleted.
      const aside = `${file}.damaged-${Date.now()}`;
      fs.renameSync(file, aside);
      onReplaced(`${file} could not be read; it was moved to ${aside} and a new token was made.`);
    }
  }
  if (stored !== null) {
    onReplaced(`${file} was damaged; a new control token was made, so old links stop working.`);
  }
  const token = crypto.randomBytes(24).toString('base64url');
  // Write then rename, so a crash never leaves a half-written token behind.
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true, recursive: true });
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
  return token;
}

/** Compares tokens in constant time for equal lengths. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
