// A status from the core in the UI's language; a program's or platform's own raw error text
// (the message's details) stays under a "Details" disclosure instead of inside the sentence.
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../src/shared/messages/message';
import { useWording } from '../i18n/messages';

export function MessageText({ message, className }: { message: Message; className?: string }) {
  const { t } = useTranslation();
  const word = useWording();
  return (
    <span className={className}>
      <bdi>{word(message)}</bdi>
      {message.details !== null && message.details !== '' && (
        <details className="message-details" data-testid="message-details">
          <summary>{t('common.details')}</summary>
          <bdi>{message.details}</bdi>
        </details>
      )}
    </span>
  );
}
