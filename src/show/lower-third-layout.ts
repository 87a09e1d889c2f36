// Where the parts of the native OBS lower third sit on a canvas, and how a text is fitted into
// its box: wrapped to at most three lines, shrunk before it is cut. Pure: OBS only gets results.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LowerThirdLayout {
  bar: Box;
  accent: Box;
  /** The name line: one line, bold. */
  name: Box & { size: number };
  /** The text line(s): up to MAX_LINES, between maxSize and minSize. */
  text: Box & { maxSize: number; minSize: number };
  /** Inner padding of the bar, and the space between the name and the text. */
  pad: number;
  gap: number;
}

export const MAX_LINES = 3;
/** Line height of the text sources as a multiple of the font size (FreeType, DejaVu Sans). */
export const LINE_HEIGHT = 1.2;

/** Everything in the bottom third: the bar starts below two thirds of the canvas height. */
export function lowerThirdLayout(width: number, height: number): LowerThirdLayout {
  const marginX = Math.round(width * 0.045);
  const barHeight = Math.round(height * 0.235);
  const barY = Math.round(height * 0.94) - barHeight;
  const bar = { x: marginX, y: barY, width: width - 2 * marginX, height: barHeight };
  const accent = {
    x: marginX,
    y: barY,
    width: Math.max(4, Math.round(height * 0.009)),
    height: barHeight,
  };
  const pad = Math.round(height * 0.022);
  const nameSize = Math.round(height * 0.036);
  const innerX = accent.x + accent.width + pad;
  const innerWidth = bar.x + bar.width - pad - innerX;
  const name = {
    x: innerX,
    y: barY + pad,
    width: innerWidth,
    height: Math.round(nameSize * LINE_HEIGHT),
    size: nameSize,
  };
  const gap = Math.round(pad * 0.4);
  const textY = name.y + name.height + gap;
  const text = {
    x: innerX,
    y: textY,
    width: innerWidth,
    height: barY + barHeight - pad - textY,
    maxSize: Math.round(height * 0.032),
    minSize: Math.round(height * 0.022),
  };
  return { bar, accent, name, text, pad, gap };
}

export interface Stack {
  bar: Box;
  accent: Box;
  name: Box;
  text: Box;
}

/**
 * The bar sized to what it holds (a name and one line is a slim bar; three lines fill it),
 * standing on the same bottom edge, so nothing ever reaches above the largest layout.
 */
export function stackFor(layout: LowerThirdLayout, lines: number, textSize: number): Stack {
  const bottom = layout.bar.y + layout.bar.height;
  const textHeight = Math.ceil(Math.max(1, lines) * textSize * LINE_HEIGHT);
  const height = Math.min(
    layout.bar.height,
    layout.pad * 2 + layout.name.height + layout.gap + textHeight,
  );
  const y = bottom - height;
  const nameY = y + layout.pad;
  return {
    bar: { ...layout.bar, y, height },
    accent: { ...layout.accent, y, height },
    name: { ...layout.name, y: nameY },
    text: { ...layout.text, y: nameY + layout.name.height + layout.gap, height: textHeight },
  };
}

// Advance widths of DejaVu Sans (the font Panelcast sets), in em, rounded up. Other fonts we set
// (Segoe UI on Windows) are narrower, so a line that fits here fits there.
const NARROW = new Set(Array.from("iIjl.,;:!|'`"));
const WIDE = new Set(Array.from('mwMW@'));
const SEMI_NARROW = new Set(Array.from('frt()[]{}/\\-"'));
const UPPER_OR_DIGIT = /[A-Z0-9ÄÖÜ#%&?$]/;

function charWidthEm(char: string): number {
  if (NARROW.has(char)) return 0.3;
  if (char === ' ') return 0.33;
  if (WIDE.has(char)) return 1.0;
  if (SEMI_NARROW.has(char)) return 0.45;
  const base = char.normalize('NFD')[0] ?? char;
  if (UPPER_OR_DIGIT.test(base)) return 0.78;
  if (/[a-z]/.test(base)) return 0.62;
  const code = char.codePointAt(0) ?? 0;
  // CJK, emoji and other wide scripts take a full em or more.
  if (code >= 0x1100) return 1.1;
  return 0.75;
}

/** Estimated width in pixels of one line at a font size; bold is about 10 % wider. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidthEm(char);
  return em * size * (bold ? 1.1 : 1);
}

/** Greedy word wrap; words longer than a line are broken. */
export function wrapLines(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, bold) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (textWidth(rest, size, bold) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && textWidth(rest.slice(0, cut), size, bold) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** Shortens a line at a word boundary (or a character, for one long word) and adds "…". */
export function ellipsize(line: string, size: number, width: number, bold = false): string {
  let cut = line.trimEnd();
  while (cut.length > 0 && textWidth(`${cut}…`, size, bold) > width) {
    const space = cut.lastIndexOf(' ');
    cut = (space > cut.length * 0.6 ? cut.slice(0, space) : cut.slice(0, -1)).trimEnd();
  }
  return `${cut}…`;
}

export interface FittedText {
  /** The text with explicit line breaks. */
  text: string;
  size: number;
  lines: number;
  /** True when even the smallest size needed more lines and the text was cut. */
  cut: boolean;
}

/** Wraps to at most `maxLines` lines, trying each size from large to small before cutting. */
export function fitText(
  text: string,
  box: { width: number; height: number; maxSize: number; minSize: number },
  maxLines = MAX_LINES,
): FittedText {
  const clean = text.replace(/\s+/g, ' ').trim();
  for (let size = box.maxSize; size >= box.minSize; size--) {
    const fits = Math.max(1, Math.min(maxLines, Math.floor(box.height / (size * LINE_HEIGHT))));
    const lines = wrapLines(clean, size, box.width);
    if (lines.length <= fits)
      return { text: lines.join('\n'), size, lines: lines.length, cut: false };
  }
  const size = box.minSize;
  const fits = Math.max(1, Math.min(maxLines, Math.floor(box.height / (size * LINE_HEIGHT))));
  const lines = wrapLines(clean, size, box.width).slice(0, fits);
  lines[lines.length - 1] = ellipsize(lines[lines.length - 1] ?? '', size, box.width);
  return { text: lines.join('\n'), size, lines: lines.length, cut: true };
}

/** One line (a name): shrinks to `minSize`, then is cut with "…". */
export function fitLine(
  text: string,
  box: { width: number; size: number; minSize: number },
  bold = true,
): { text: string; size: number } {
  const clean = text.replace(/\s+/g, ' ').trim();
  for (let size = box.size; size >= box.minSize; size--) {
    if (textWidth(clean, size, bold) <= box.width) return { text: clean, size };
  }
  return { text: ellipsize(clean, box.minSize, box.width, bold), size: box.minSize };
}
