// Start-up failures a person can fix, each turned into one clear message.
import fs from 'node:fs';
import path from 'node:path';

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file with that name is in the way',
  ENOSPC: 'the disk is full',
};

/** Creates the data dir if needed and proves it is writable. */
export function prepareDataDir(dir: string): void {
  try {
    const existed = fs.existsSync(dir);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Ours alone whatever the umask; a folder the user made keeps the rights they gave it.
    if (!existed) fs.chmodSync(dir, 0o700);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new StartupError(
      `Cannot write to the data directory ${dir}: ${reason}. ` +
        'Choose another one with --data-dir or PANELCAST_DATA_DIR.',
    );
  }
}

export function listenError(
  error: NodeJS.ErrnoException,
  host: string,
  port: number,
): StartupError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Port ${port} on ${host} is already in use. Is Panelcast already running? Stop the other ` +
          'program, or start with --port <another port> (--port 0 picks a free one).',
      );
    case 'EACCES':
      return new StartupError(
        `Not allowed to listen on port ${port}. Ports below 1024 need special rights; use ` +
          '--port 7878 or another port above 1023.',
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        `Cannot listen on ${host}: this computer has no such address. Use 127.0.0.1 (this ` +
          'computer only) or 0.0.0.0 (all networks).',
      );
    default:
      return new StartupError(`Cannot listen on ${host}:${port}: ${error.message}`);
  }
}
