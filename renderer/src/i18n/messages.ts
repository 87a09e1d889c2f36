// Words the core's coded messages (src/shared/messages) in the UI's language. Texts the core
// has not converted to codes yet arrive as English strings and are shown as they are.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMessage, type Message } from '../../../src/shared/messages/message';

export type Wording = (m: Message | string | null | undefined) => string;

export function useWording(): Wording {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (m) => {
      if (m === null || m === undefined) return '';
      return typeof m === 'string' ? m : formatMessage(language, m);
    },
    [language],
  );
}

/** A refused request in words: its code where it has one, else the core's English text. */
export function refusalText(
  word: Wording,
  result: { error: string; message: Message | null },
): string {
  return result.message ? word(result.message) : result.error;
}
