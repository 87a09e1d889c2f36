// Words the core's coded messages (src/shared/messages) in the UI's language; a platform's own
// raw error text (details) is left out here and shown by <MessageText> under "Details".
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMessage, type Message } from '../../../src/shared/messages/message';

export type Wording = (m: Message | string | null | undefined, withDetails?: boolean) => string;

/**
 * Words a message, by default without its details (statuses show those in a disclosure);
 * strings (names, user text) pass as they are.
 */
export function useWording(): Wording {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (m, withDetails = false) => {
      if (m === null || m === undefined) return '';
      return typeof m === 'string' ? m : formatMessage(language, m, withDetails);
    },
    [language],
  );
}

/** A refused request in words, the raw reason (a zod path, OBS's text) after it. */
export function refusalText(word: Wording, result: { message: Message }): string {
  return word(result.message, true);
}
