import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../lib/control-connection';

export function statusKey(status: ConnectionStatus): string {
  switch (status.kind) {
    case 'connecting':
      return 'connection.connecting';
    case 'connected':
      return 'connection.connected';
    case 'reconnecting':
      return status.attempt > 0 ? 'connection.reconnectingAttempt' : 'connection.reconnecting';
    case 'token_rejected':
      return 'connection.tokenRejected';
    case 'no_token':
      return 'connection.noToken';
  }
}

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  const attempt = status.kind === 'reconnecting' ? status.attempt : 0;
  return (
    <div
      className={`connection connection--${status.kind}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      title={t('app.name')}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{t(statusKey(status), { attempt })}</span>
    </div>
  );
}
