// Where everything goes on a contact sheet. Pure: tested in Node.

export interface SectionInput {
  /** Thumbnails in this section. */
  count: number;
  /** Height over width of its thumbnails. */
  aspect: number;
}

export interface SheetLayout {
  width: number;
  height: number;
  cellWidth: number;
  sections: { top: number; cells: { x: number; y: number; width: number; height: number }[] }[];
}

export const SHEET = {
  margin: 32,
  gap: 8,
  header: 64,
  sectionGap: 28,
  /** Canvas and decoder limits: Chromium refuses canvases over 32767 px a side; 50 MP keeps the RGBA at 200 MB. */
  maxWidth: 8192,
  maxHeight: 32000,
  maxPixels: 50_000_000,
  minCellWidth: 48,
} as const;

export function layoutSheet(sections: readonly SectionInput[], columns: number, cellWidth: number): SheetLayout {
  const cols = Math.max(1, Math.floor(columns));
  let cell = Math.max(SHEET.minCellWidth, Math.floor(cellWidth));
  let layout = place(sections, cols, cell);
  // Too big: shrink the cells (margins and headers stay readable) until it fits.
  for (let i = 0; i < 8 && !fits(layout) && cell > SHEET.minCellWidth; i++) {
    const scale = Math.min(SHEET.maxWidth / layout.width, SHEET.maxHeight / layout.height, Math.sqrt(SHEET.maxPixels / (layout.width * layout.height)));
    cell = Math.max(SHEET.minCellWidth, Math.floor(cell * Math.min(scale, 0.98)));
    layout = place(sections, cols, cell);
  }
  return layout;
}

function fits(layout: SheetLayout): boolean {
  return layout.width <= SHEET.maxWidth && layout.height <= SHEET.maxHeight && layout.width * layout.height <= SHEET.maxPixels;
}

function place(sections: readonly SectionInput[], columns: number, cellWidth: number): SheetLayout {
  const width = SHEET.margin * 2 + columns * cellWidth + (columns - 1) * SHEET.gap;
  let y = SHEET.margin;
  const placed = sections.map((section, s) => {
    const top = y;
    const cellHeight = Math.max(1, Math.round(cellWidth * section.aspect));
    y += SHEET.header;
    const cells = Array.from({ length: section.count }, (_, i) => ({
      x: SHEET.margin + (i % columns) * (cellWidth + SHEET.gap),
      y: y + Math.floor(i / columns) * (cellHeight + SHEET.gap),
      width: cellWidth,
      height: cellHeight,
    }));
    const rows = Math.ceil(section.count / columns);
    y += rows * cellHeight + Math.max(0, rows - 1) * SHEET.gap + (s < sections.length - 1 ? SHEET.sectionGap : 0);
    return { top, cells };
  });
  return { width, height: y + SHEET.margin, cellWidth, sections: placed };
}
