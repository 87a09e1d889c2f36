// Relative times read as people write them: "vor 1 Min." and "1 min ago", not Intl's "vor 1 m".
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { de } from '../../renderer/src/i18n/de.js';
import { en } from '../../renderer/src/i18n/en.js';
import { relativeTime } from '../../renderer/src/lib/relative-time.js';

async function translator(lng: 'de' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { translation: en }, de: { translation: de } },
    interpolation: { escapeValue: false },
  });
  return (key: string, options: { count: number }) => instance.t(key, options);
}

const NOW = Date.parse('2026-11-25T14:00:00Z');
const before = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();

describe('relative time', () => {
  it('words past times in natural German and English', async () => {
    const cases: [number, string, string][] = [
      [3, 'jetzt', 'now'],
      [42, 'vor 42 s', '42 s ago'],
      [65, 'vor 1 Min.', '1 min ago'],
      [59 * 60, 'vor 59 Min.', '59 min ago'],
      [2 * 3600 + 5, 'vor 2 Std.', '2 h ago'],
      [86_400, 'vor 1 Tag', '1 day ago'],
      [3 * 86_400, 'vor 3 Tagen', '3 days ago'],
    ];
    const tde = await translator('de');
    const ten = await translator('en');
    for (const [seconds, german, english] of cases) {
      expect(relativeTime(before(seconds), NOW, tde, 'jetzt')).toBe(german);
      expect(relativeTime(before(seconds), NOW, ten, 'now')).toBe(english);
    }
    expect(relativeTime(before(-120), NOW, tde, 'jetzt')).toBe('in 2 Min.');
  });
});
