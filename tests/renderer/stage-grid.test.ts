// The stage's grid per layout and number of guests: what the CSS sizes the tiles from.
import { describe, expect, it } from 'vitest';
import { stageGrid } from '../../renderer/src/stage/stage-grid.js';

describe('stageGrid', () => {
  it('grows the auto grid into two columns, then two rows', () => {
    expect([1, 2, 3, 4].map((n) => stageGrid('grid', n))).toEqual([
      { layout: 'grid', cols: 1, rows: 1 },
      { layout: 'grid', cols: 2, rows: 1 },
      { layout: 'grid', cols: 2, rows: 2 },
      { layout: 'grid', cols: 2, rows: 2 },
    ]);
  });

  it('puts everyone in one row side by side', () => {
    expect(stageGrid('row', 3)).toEqual({ layout: 'row', cols: 3, rows: 1 });
    expect(stageGrid('row', 4)).toEqual({ layout: 'row', cols: 4, rows: 1 });
  });

  it('gives the spotlight a strip of the others, and one guest alone the whole stage', () => {
    expect(stageGrid('spotlight', 4)).toEqual({ layout: 'spotlight', cols: 2, rows: 3 });
    expect(stageGrid('spotlight', 2)).toEqual({ layout: 'spotlight', cols: 2, rows: 1 });
    expect(stageGrid('spotlight', 1)).toEqual({ layout: 'solo', cols: 1, rows: 1 });
    expect(stageGrid('solo', 3)).toEqual({ layout: 'solo', cols: 1, rows: 1 });
  });

  it('keeps an empty stage a valid grid (no division by zero in the CSS)', () => {
    expect(stageGrid('row', 0)).toEqual({ layout: 'row', cols: 1, rows: 1 });
    expect(stageGrid('spotlight', 0)).toEqual({ layout: 'solo', cols: 1, rows: 1 });
  });
});
