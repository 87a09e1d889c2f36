// Mastodon sends a status's content as HTML (https://docs.joinmastodon.org/entities/Status/#content):
// paragraphs, <br>, links whose long parts sit in "invisible" spans, hashtags and mentions as
// links. Panelcast shows plain text, so paragraphs become blank lines, <br> a newline, tags go,
// and entities are decoded once (so "&amp;lt;" stays "&lt;").
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntity(all: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X'))
    return codePoint(all, parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return codePoint(all, parseInt(body.slice(1), 10));
  return NAMED[body] ?? all;
}

function codePoint(all: string, n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : all;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, decodeEntity)
    .trim();
}
