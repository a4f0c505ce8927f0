import { describe, expect, it } from 'vitest';
import { nextInGrid, type Box } from '../../src/lib/gridNavigation';

/** Two videos: a 3-column grid of 5, then a 3-column grid of 2 lower down. */
const box = (col: number, top: number): Box => ({ left: col * 110, top, width: 100, height: 60 });
const boxes = [box(0, 0), box(1, 0), box(2, 0), box(0, 70), box(1, 70), box(0, 300), box(1, 300)];

describe('nextInGrid', () => {
  it('steps through reading order with left and right, stopping at the ends', () => {
    expect(nextInGrid(boxes, 2, 'ArrowRight')).toBe(3);
    expect(nextInGrid(boxes, 3, 'ArrowLeft')).toBe(2);
    expect(nextInGrid(boxes, 0, 'ArrowLeft')).toBe(0);
    expect(nextInGrid(boxes, 6, 'ArrowRight')).toBe(6);
  });

  it('goes to the closest box of the next row down or up, across videos', () => {
    expect(nextInGrid(boxes, 1, 'ArrowDown')).toBe(4);
    expect(nextInGrid(boxes, 2, 'ArrowDown')).toBe(4); // no third column below: the nearest
    expect(nextInGrid(boxes, 4, 'ArrowDown')).toBe(6);
    expect(nextInGrid(boxes, 5, 'ArrowUp')).toBe(3);
    expect(nextInGrid(boxes, 1, 'ArrowUp')).toBe(1);
  });
});
