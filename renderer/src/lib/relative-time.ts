// "3 min ago" in the UI's language, and a clock that ticks so such labels stay true.
import { useEffect, useState } from 'react';

const UNITS: ['day' | 'hour' | 'minute' | 'second', number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/** i18next's t, as far as these labels need it. */
export type Translate = (key: string, options: { count: number }) => string;

/**
 * "1 min ago" / "vor 1 Min.": worded from our own texts (time.ago.*), because Intl's narrow
 * German ("vor 1 m") reads like a typo to people, and its short English adds dots.
 */
export function relativeTime(iso: string, now: number, t: Translate, justNow: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  // The clock ticks coarsely (every 30 s): what came in since the last tick is "now".
  if (seconds > -10 && seconds < 60) return justNow;
  const direction = seconds < 0 ? 'ago' : 'in';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return t(`time.${direction}.${unit}`, { count: Math.floor(Math.abs(seconds) / size) });
    }
  }
  return justNow;
}

/** Date and time in the UI's language (formatters are costly to create, so they are kept). */
export function absoluteTime(iso: string, language: string): string {
  let format = absoluteFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    absoluteFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

/** The current time, updated every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
