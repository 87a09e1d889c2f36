// The state a source's status line shows: its own, except that a source reading on while the
// connected account that should feed it is revoked or ran out (Twitch reads anonymously then,
// with less) shows amber "degraded" rather than green, as long as no pasted token stands in.
import type { SourceForm } from '../../../src/shared/source-forms';
import type { SourceState, SourceStatus } from '../../../src/shared/state';

export function shownSourceState(
  status: SourceStatus,
  form: SourceForm | undefined,
): SourceState | 'degraded' {
  const secret = form?.secret;
  const lost = secret?.account && secret.account.state !== 'connected' && !secret.saved;
  return status.state === 'connected' && lost ? 'degraded' : status.state;
}
