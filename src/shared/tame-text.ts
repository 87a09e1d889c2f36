// Comment text made safe to show on a shared screen while keeping its meaning. The stored
// comment keeps the original; only what is displayed is tamed.

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;
/** Zalgo: a base character buried under many combining marks. Real scripts need at most 3. */
const MARK_PILES = /(\p{M}{3})\p{M}+/gu;

/**
 * Drops explicit bidi overrides and isolates (they reorder whatever follows them), control
 * characters other than newline and tab, and caps runs of combining marks at three.
 */
export function tameText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(CONTROL_CHARS, '').replace(MARK_PILES, '$1');
}

/**
 * Shortens text to at most `max` characters without cutting a word or a grapheme (emoji,
 * accented letters) in half, ending in "…" when it had to cut.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (index + segment.length > max - 1) break;
    end = index + segment.length;
  }
  let cut = text.slice(0, end);
  const lastSpace = cut.search(/\s\S*$/u);
  if (lastSpace > max * 0.6) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}…`;
}
