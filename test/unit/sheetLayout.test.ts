import { describe, expect, it } from 'vitest';
import { layoutSheet, SHEET } from '../../workers/sheet/layout';

describe('layoutSheet', () => {
  it('puts thumbnails in rows of `columns`, under a header per section', () => {
    const layout = layoutSheet([{ count: 15, aspect: 9 / 16 }], 5, 320);
    expect(layout.width).toBe(SHEET.margin * 2 + 5 * 320 + 4 * SHEET.gap);
    expect(layout.sections[0]!.cells).toHaveLength(15);
    expect(layout.sections[0]!.cells[5]).toEqual({ x: SHEET.margin, y: SHEET.margin + SHEET.header + 180 + SHEET.gap, width: 320, height: 180 });
    expect(layout.height).toBe(SHEET.margin * 2 + SHEET.header + 3 * 180 + 2 * SHEET.gap);
  });

  it('stacks sections, each with its own aspect ratio', () => {
    const layout = layoutSheet([{ count: 2, aspect: 9 / 16 }, { count: 3, aspect: 16 / 9 }], 2, 100);
    const second = layout.sections[1]!;
    expect(second.cells[0]!.height).toBe(178);
    expect(second.top).toBe(SHEET.margin + SHEET.header + 56 + SHEET.sectionGap);
  });

  it('shrinks the cells so a thousand thumbnails stay within canvas limits', () => {
    const layout = layoutSheet([{ count: 1000, aspect: 9 / 16 }], 4, 1920);
    expect(layout.width).toBeLessThanOrEqual(SHEET.maxWidth);
    expect(layout.height).toBeLessThanOrEqual(SHEET.maxHeight);
    expect(layout.width * layout.height).toBeLessThanOrEqual(SHEET.maxPixels);
    expect(layout.cellWidth).toBeGreaterThanOrEqual(SHEET.minCellWidth);
  });
});
