// How many columns and rows of tiles a stage layout takes for a number of guests; the stage's
// CSS sizes the tiles from these so that they fill the page without spilling over it.
import type { StageLayout } from '../../../src/shared/guest-room.js';

export interface StageGrid {
  /** The layout as drawn: a spotlight on one guest alone is that guest solo. */
  layout: StageLayout;
  cols: number;
  /** For a spotlight: the rows of the strip beside the large tile. */
  rows: number;
}

export function stageGrid(layout: StageLayout, count: number): StageGrid {
  const n = Math.max(1, count);
  if (layout === 'solo' || (layout === 'spotlight' && n === 1)) {
    return { layout: 'solo', cols: 1, rows: 1 };
  }
  if (layout === 'spotlight') return { layout, cols: 2, rows: n - 1 };
  if (layout === 'row') return { layout, cols: n, rows: 1 };
  const cols = n === 1 ? 1 : 2;
  return { layout, cols, rows: Math.ceil(n / cols) };
}
