// Errors whose message is written for the person using Panelcast. Anything else that escapes a
// handler is a bug: it is logged and the user sees a generic message.
import { inEnglish, message as coded, type Message } from './messages/message.js';

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
  /** The code clients word in their language. */
  readonly coded: Message;

  /**
   * A plain string is only for texts not converted to codes yet: it travels as the code
   * request.refused with the text as details, so the wire still carries only codes.
   */
  constructor(kind: UserErrorKind, message: string | Message) {
    super(typeof message === 'string' ? message : inEnglish(message));
    this.name = 'UserError';
    this.kind = kind;
    this.coded = typeof message === 'string' ? coded('request.refused', {}, message) : message;
  }
}
