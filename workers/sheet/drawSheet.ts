// Draws a contact sheet on an OffscreenCanvas in the worker and encodes it
// with MozJPEG: a header per video, its thumbnails in a grid, each with its
// time drawn on it, in the font that ships with the app.
import type { SheetRequest } from '../../src/shared/types';
import { encodeJpeg } from '../jpeg';
import { layoutSheet, SHEET } from './layout';

const FAMILY = 'FramepickSheet';
let fontsLoaded: Promise<void> | null = null;

/** Loads the shipped font into this worker once (FontFace from bytes: no CSS, no other host). */
function loadFonts(urls: SheetRequest['fonts']): Promise<void> {
  fontsLoaded ??= Promise.all(
    [
      [urls.regular, '400'],
      [urls.bold, '600'],
    ].map(async ([url, weight]) => {
      const face = new FontFace(FAMILY, await (await fetch(url!)).arrayBuffer(), { weight: weight! });
      await face.load();
      (self as unknown as { fonts: FontFaceSet }).fonts.add(face);
    }),
  ).then(() => undefined);
  return fontsLoaded;
}

export async function drawSheet(request: SheetRequest): Promise<{ jpeg: ArrayBuffer; width: number; height: number }> {
  await loadFonts(request.fonts);
  const layout = layoutSheet(
    request.sections.map((s) => ({ count: s.cells.length, aspect: s.aspect })),
    request.columns,
    request.cellWidth,
  );
  const canvas = new OffscreenCanvas(layout.width, layout.height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'alphabetic';

  for (const [s, section] of request.sections.entries()) {
    const placed = layout.sections[s]!;
    ctx.fillStyle = '#16181d';
    ctx.font = `600 24px ${FAMILY}, sans-serif`;
    ctx.fillText(section.title, SHEET.margin, placed.top + 26, layout.width - SHEET.margin * 2);
    ctx.fillStyle = '#5b616e';
    ctx.font = `400 16px ${FAMILY}, sans-serif`;
    ctx.fillText(section.details, SHEET.margin, placed.top + 50, layout.width - SHEET.margin * 2);

    const labelSize = Math.max(10, Math.min(16, Math.round(layout.cellWidth / 16)));
    for (const [i, cell] of section.cells.entries()) {
      const box = placed.cells[i]!;
      const bitmap = await createImageBitmap(cell.jpeg, { resizeWidth: box.width, resizeHeight: box.height, resizeQuality: 'high' });
      ctx.drawImage(bitmap, box.x, box.y, box.width, box.height);
      bitmap.close();
      ctx.font = `600 ${labelSize}px ${FAMILY}, sans-serif`;
      const textWidth = ctx.measureText(cell.label).width;
      const pad = Math.round(labelSize / 3);
      ctx.fillStyle = 'rgba(0, 0, 0, 0.65)';
      ctx.fillRect(box.x, box.y + box.height - labelSize - pad * 2, textWidth + pad * 2, labelSize + pad * 2);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(cell.label, box.x + pad, box.y + box.height - pad - Math.round(labelSize * 0.15));
    }
  }
  const pixels = ctx.getImageData(0, 0, layout.width, layout.height);
  const jpeg = await encodeJpeg(pixels.data as Uint8ClampedArray<ArrayBuffer>, layout.width, layout.height, request.quality);
  return { jpeg, width: layout.width, height: layout.height };
}
