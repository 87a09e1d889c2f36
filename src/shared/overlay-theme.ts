// The overlay's look, from its URL's query (?accent=e5484d&position=bottom-center…), so each
// OBS browser source can be styled without settings. Bad values fall back to the default:
// an overlay must always render.

export const POSITIONS = [
  'bottom-left',
  'bottom-center',
  'bottom-right',
  'top-left',
  'top-center',
  'top-right',
] as const;
export type OverlayPosition = (typeof POSITIONS)[number];

export interface OverlayTheme {
  accent: string;
  background: string;
  text: string;
  font: string | null;
  position: OverlayPosition;
  scale: number;
  /** Widest the lower third may grow, in stage pixels (the stage is 1920×1080). */
  width: number;
}

export const DEFAULT_THEME: OverlayTheme = {
  accent: '#e5484d',
  background: '#101418e6',
  text: '#ffffff',
  font: null,
  position: 'bottom-left',
  scale: 1,
  width: 1280,
};

function color(value: string | null): string | null {
  if (value === null) return null;
  const hex = value.trim().replace(/^#/, '');
  return /^(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)
    ? `#${hex.toLowerCase()}`
    : null;
}

function number(value: string | null, min: number, max: number): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

export function parseOverlayTheme(query: URLSearchParams): OverlayTheme {
  const font = query.get('font');
  const position = query.get('position');
  return {
    accent: color(query.get('accent')) ?? DEFAULT_THEME.accent,
    background: color(query.get('bg')) ?? DEFAULT_THEME.background,
    text: color(query.get('text')) ?? DEFAULT_THEME.text,
    // A family name only: letters, digits, spaces and dashes cannot break out of CSS.
    font: font !== null && /^[\p{L}\p{N} -]{1,40}$/u.test(font) ? font.trim() : null,
    position: (POSITIONS as readonly string[]).includes(position ?? '')
      ? (position as OverlayPosition)
      : DEFAULT_THEME.position,
    scale: number(query.get('scale'), 0.5, 2) ?? DEFAULT_THEME.scale,
    width: number(query.get('width'), 480, 1840) ?? DEFAULT_THEME.width,
  };
}
