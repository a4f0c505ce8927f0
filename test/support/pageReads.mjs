// @ts-check
// Reads of the page through the contract's hooks, as functions that run in
// the page (each self-contained: they are sent as source), shared by the
// Playwright tests and the other browsers' lanes.

/**
 * @typedef {object} ThumbData The thumbnail attributes of the contract, parsed.
 * @property {number} index
 * @property {number} time
 * @property {number} pts
 * @property {boolean} keyframe
 * @property {boolean} exact
 * @property {number | null} frame
 * @property {boolean} frameDerived
 * @property {string} pictType
 * @property {number} bytes
 * @property {boolean} picked
 * @property {string[]} flags
 * @property {number | null} sharpness
 * @property {boolean} suggested
 * @property {number} naturalWidth
 * @property {number} naturalHeight
 */

/**
 * The thumbnails of the video named `name` that are shown (filters hide the
 * others); null until the video is on the page and every one's image has
 * loaded (right after a reload the library is still being read).
 * @param {string} name @returns {ThumbData[] | null}
 */
export function shownThumbs(name) {
  const video = document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"]`);
  if (!video) return null;
  const nodes = [...video.querySelectorAll('[data-testid="thumb"]')].filter((node) => node.checkVisibility());
  const images = nodes.map((node) => node.querySelector('img'));
  if (!images.every((img) => img?.complete)) return null;
  return nodes.map((node, i) => {
    const d = /** @type {HTMLElement} */ (node).dataset;
    const img = /** @type {HTMLImageElement} */ (images[i]);
    return {
      index: Number(d.index),
      time: Number(d.time),
      pts: Number(d.pts),
      keyframe: d.keyframe === 'true',
      exact: d.exact === 'true',
      frame: d.frame === '' ? null : Number(d.frame),
      frameDerived: d.frameDerived === 'true',
      pictType: d.pictType ?? '',
      bytes: Number(d.bytes),
      picked: d.picked === 'true',
      flags: (d.flags ?? '').split(' ').filter(Boolean),
      sharpness: d.sharpness === undefined ? null : Number(d.sharpness),
      suggested: d.suggested === 'true',
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
    };
  });
}

/**
 * PSNR (dB, over RGB) of the thumbnail at `index` of the video named `name`
 * against each reference frame (RGBA at the thumbnail's size, base64).
 * @param {{ name: string, index: number, references: string[] }} arg @returns {Promise<number[]>}
 */
export async function thumbPsnr({ name, index, references }) {
  const image = /** @type {HTMLImageElement} */ (document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"] [data-testid="thumb"][data-index="${index}"] img`));
  await image.decode();
  const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
  const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.drawImage(image, 0, 0);
  const mine = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  return references.map((base64) => {
    const theirs = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    let squared = 0;
    for (let p = 0; p < mine.length; p += 4) {
      for (let c = 0; c < 3; c++) squared += (/** @type {number} */ (mine[p + c]) - /** @type {number} */ (theirs[p + c])) ** 2;
    }
    return 10 * Math.log10((255 * 255) / (squared / ((mine.length / 4) * 3)));
  });
}
