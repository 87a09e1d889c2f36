// Errors whose message is written for the person using Panelcast. Anything else that escapes a
// handler is a bug: it is logged and the user sees a generic message.
import { inEnglish, type Message } from './messages/message.js';

export type UserErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'forbidden'
  /** The core could not save (disk full, database locked): try again once that is solved. */
  | 'storage';

export class UserError extends Error {
  readonly kind: UserErrorKind;
  /** The code clients word in their language; null for texts not yet converted to codes. */
  readonly coded: Message | null;

  constructor(kind: UserErrorKind, message: string | Message) {
    super(typeof message === 'string' ? message : inEnglish(message));
    this.name = 'UserError';
    this.kind = kind;
    this.coded = typeof message === 'string' ? null : message;
  }
}
