// Errors and statuses travel from the core as a code with parameters, never as finished
// sentences; each client words them in its own language (texts in en.ts and de.ts beside this).
import { MESSAGE_TEXTS_EN, type MessageCode } from './en.js';
import { MESSAGE_TEXTS_DE } from './de.js';

export type { MessageCode } from './en.js';

export type MessageParam = string | number | Message;

export interface Message {
  code: MessageCode;
  /** Values for the text; a nested message words a part of it (the loser of a race: "by Anna"). */
  params: Record<string, MessageParam>;
  /** A platform's or program's own raw error text, shown as it came; null when there is none. */
  details: string | null;
}

export const MESSAGE_LANGUAGES = ['en', 'de'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export const MESSAGE_CODES = Object.keys(MESSAGE_TEXTS_EN.codes) as MessageCode[];

const TEXTS: Record<MessageLanguage, { codes: Record<MessageCode, string>; words: Words }> = {
  en: MESSAGE_TEXTS_EN,
  de: MESSAGE_TEXTS_DE,
};

/** Words for parameter values that are themselves names (a status, an action). */
export type Words = Record<string, Record<string, string>>;

export function message(
  code: MessageCode,
  params: Record<string, MessageParam> = {},
  details: string | null = null,
): Message {
  return { code, params, details };
}

/** Words a message in the given language; details follow in parentheses-free form after it. */
export function formatMessage(language: string, m: Message, withDetails = true): string {
  const texts = TEXTS[language === 'de' ? 'de' : 'en'];
  const text = texts.codes[m.code].replace(/\{\{(\w+)\}\}/g, (_all, key: string) => {
    const value = m.params[key];
    if (value === undefined) return '';
    if (typeof value === 'object') return formatMessage(language, value, false);
    return texts.words[key]?.[String(value)] ?? String(value);
  });
  return withDetails && m.details !== null ? `${text} ${m.details}` : text;
}

/** The English wording, for logs, REST callers and anything that knows no codes. */
export function inEnglish(m: Message): string {
  return formatMessage('en', m);
}
