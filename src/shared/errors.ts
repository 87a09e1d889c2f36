// Errors whose message is written for the person using Panelcast. Anything else that escapes a
// handler is a bug: it is logged and the user sees a generic message.

export type UserErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'forbidden';

export class UserError extends Error {
  readonly kind: UserErrorKind;

  constructor(kind: UserErrorKind, message: string) {
    super(message);
    this.name = 'UserError';
    this.kind = kind;
  }
}
