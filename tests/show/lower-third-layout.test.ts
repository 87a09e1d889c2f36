import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_LINES,
  fitLine,
  fitText,
  lowerThirdLayout,
  stackFor,
  textWidth,
} from '../../src/show/lower-third-layout.js';

const layout = lowerThirdLayout(1920, 1080);

describe('native lower-third layout', () => {
  it('keeps the whole bar in the bottom third and inside the canvas', () => {
    for (const [w, h] of [
      [1920, 1080],
      [1280, 720],
      [1280, 1024],
      [3840, 2160],
    ] as const) {
      const l = lowerThirdLayout(w, h);
      expect(l.bar.y).toBeGreaterThanOrEqual((h * 2) / 3);
      expect(l.bar.y + l.bar.height).toBeLessThanOrEqual(h);
      expect(l.bar.x + l.bar.width).toBeLessThanOrEqual(w);
      expect(l.text.x + l.text.width).toBeLessThanOrEqual(l.bar.x + l.bar.width);
    }
  });

  it('keeps a short question at full size on one line', () => {
    const fitted = fitText('Wie bleibt eine Live-Fragerunde fair?', layout.text);
    expect(fitted).toMatchObject({ lines: 1, size: layout.text.maxSize, cut: false });
  });

  it('shrinks a longer question before it cuts anything', () => {
    const text = 'Warum '.repeat(40).trim();
    const atFull = fitText(text, { ...layout.text, minSize: layout.text.maxSize });
    const fitted = fitText(text, layout.text);
    expect(atFull.cut).toBe(true);
    expect(fitted.cut).toBe(false);
    expect(fitted.size).toBeLessThan(layout.text.maxSize);
    expect(fitted.text.replace(/\n/g, ' ')).toBe(text);
  });

  it('never gives more than three lines, each within the box, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (text) => {
        const fitted = fitText(text, layout.text);
        const lines = fitted.text.split('\n');
        expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
        for (const line of lines)
          expect(textWidth(line, fitted.size)).toBeLessThanOrEqual(layout.text.width);
        expect(fitted.size).toBeGreaterThanOrEqual(layout.text.minSize);
      }),
    );
  });

  it('cuts a 500-character question at a word with an ellipsis on the third line', () => {
    const text = 'Wer trägt die Verantwortung für automatisierte Entscheidungen? '.repeat(8);
    const fitted = fitText(text, layout.text);
    expect(fitted).toMatchObject({ lines: 3, size: layout.text.minSize, cut: true });
    expect(fitted.text.endsWith('…')).toBe(true);
    expect(fitted.text).not.toMatch(/\s…$/);
  });

  it('shortens a very long name to one line', () => {
    const name = fitLine('Prof. Dr. Maximiliane Mustermann-Schmidt '.repeat(4), {
      width: layout.name.width,
      size: layout.name.size,
      minSize: layout.text.minSize,
    });
    expect(textWidth(name.text, name.size, true)).toBeLessThanOrEqual(layout.name.width);
    expect(name.text.endsWith('…')).toBe(true);
  });

  it('sizes the bar to its lines, standing on the same bottom edge', () => {
    const bottom = layout.bar.y + layout.bar.height;
    const one = stackFor(layout, 1, layout.text.maxSize);
    const three = stackFor(layout, 3, layout.text.maxSize);
    expect(one.bar.y + one.bar.height).toBe(bottom);
    expect(three.bar.y + three.bar.height).toBe(bottom);
    expect(one.bar.height).toBeLessThan(three.bar.height);
    expect(three.bar.y).toBeGreaterThanOrEqual(layout.bar.y);
    expect(three.text.y + three.text.height).toBeLessThanOrEqual(bottom);
  });
});
