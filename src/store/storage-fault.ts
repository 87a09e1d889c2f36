// Recognizes a database write that failed for a reason outside the program (disk full, another
// program holding the write lock, an I/O error) and turns it into one coded refusal to answer.
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';

/**
 * How long one write may wait for another program's lock. Short, since SQLite waits on the event
 * loop: a lock held for minutes must never freeze every client.
 */
export const BUSY_TIMEOUT_MS = 50;

export type StorageFaultKind = 'full' | 'busy' | 'io' | 'readonly';

/** SQLite's extended codes start with the primary one (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT). */
const KINDS: readonly (readonly [string, StorageFaultKind])[] = [
  ['SQLITE_FULL', 'full'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_CANTOPEN', 'io'],
  ['SQLITE_READONLY', 'readonly'],
];

/** The kind of storage fault `error` is, or null for anything else (a bug, a bad value). */
export function storageFaultKind(error: unknown): StorageFaultKind | null {
  if (error instanceof StorageFault) return error.fault;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  for (const [prefix, kind] of KINDS) {
    if (code === prefix || code.startsWith(`${prefix}_`)) return kind;
  }
  return null;
}

/** A write the core could not store; the caller is told to try again once the cause is gone. */
export class StorageFault extends UserError {
  readonly fault: StorageFaultKind;

  constructor(fault: StorageFaultKind, dir: string) {
    super('storage', message(`storage.${fault}`, { dir }));
    this.name = 'StorageFault';
    this.fault = fault;
  }
}
