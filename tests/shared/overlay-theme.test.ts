import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, parseOverlayTheme } from '../../src/shared/overlay-theme.js';

const parse = (query: string) => parseOverlayTheme(new URLSearchParams(query));

describe('overlay theme from the URL', () => {
  it('uses the defaults without parameters', () => {
    expect(parse('')).toEqual(DEFAULT_THEME);
  });

  it('reads colors with or without #, position, scale, width and font', () => {
    expect(
      parse(
        'accent=30A46C&bg=%23000000cc&text=fff&position=top-right&scale=1.5&width=900&font=Noto Sans',
      ),
    ).toEqual({
      accent: '#30a46c',
      background: '#000000cc',
      text: '#fff',
      position: 'top-right',
      scale: 1.5,
      width: 900,
      font: 'Noto Sans',
    });
  });

  it('ignores values that could break the page or are out of range', () => {
    const theme = parse(
      'accent=red;background:url(x)&font=Arial";}body{display:none&position=middle&scale=9&width=-5&text=12345',
    );
    expect(theme).toEqual(DEFAULT_THEME);
  });
});
