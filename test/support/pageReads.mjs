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
      naturalWidth: img.naturalWidth,
      naturalHeight: img.naturalHeight,
    };
  });
}
