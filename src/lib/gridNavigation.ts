// Moving through thumbnails with the arrow keys, across every video's grid. Pure.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Direction = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/**
 * The box to move to from `from` (boxes in reading order): left and right
 * step through reading order; up and down go to the nearest row above or
 * below and, in it, to the box whose centre is closest horizontally.
 * Returns `from` when there is nowhere to go.
 */
export function nextInGrid(boxes: readonly Box[], from: number, direction: Direction): number {
  const current = boxes[from];
  if (!current) return from;
  if (direction === 'ArrowLeft') return Math.max(0, from - 1);
  if (direction === 'ArrowRight') return Math.min(boxes.length - 1, from + 1);
  const middle = current.top + current.height / 2;
  const below = direction === 'ArrowDown';
  let rowTop: number | null = null;
  boxes.forEach((box) => {
    const beyond = below ? box.top > middle : box.top + box.height < middle;
    if (beyond && (rowTop === null || (below ? box.top < rowTop : box.top > rowTop))) rowTop = box.top;
  });
  if (rowTop === null) return from;
  const centre = current.left + current.width / 2;
  let best = from;
  let bestDistance = Infinity;
  boxes.forEach((box, i) => {
    if (box.top !== rowTop) return;
    const distance = Math.abs(box.left + box.width / 2 - centre);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}
