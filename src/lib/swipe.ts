// A horizontal swipe on a touch screen, as the large view reads it: far
// enough to be meant (40 px, about a fingertip's width) and more sideways
// than up or down (a vertical drag scrolls). Left goes forward, as a page
// turns. Pure.

const MIN_DISTANCE = 40;

export function swipeStep(dx: number, dy: number): 1 | -1 | null {
  if (Math.abs(dx) < MIN_DISTANCE || Math.abs(dx) < 2 * Math.abs(dy)) return null;
  return dx < 0 ? 1 : -1;
}
