// Spreads the creation of many thumbnail grids over animation frames. When
// a search is cleared, a hundred cards and thousands of thumbnails may come
// back at once; creating them in one task would freeze typing. Each frame
// grants a budget of thumbnails; a grid within the budget mounts at once
// (so a small library renders in the same frame), the rest wait their turn.

/**
 * Thumbnails created (and laid out, and painted) per frame. Measured with
 * `npm run bench` (library at scale): 100 per frame made the frame after a
 * keystroke 56-64 ms; 45 keeps it well under 50 ms.
 */
const PER_FRAME = 45;

let left = PER_FRAME;
let frameScheduled = false;
const waiting: { cost: number; grant: () => void }[] = [];

function nextFrame(): void {
  if (frameScheduled) return;
  frameScheduled = true;
  requestAnimationFrame(() => {
    frameScheduled = false;
    left = PER_FRAME;
    while (waiting.length > 0 && (left > 0 || left === PER_FRAME)) {
      const next = waiting.shift()!;
      left -= next.cost;
      next.grant();
    }
    if (waiting.length > 0) nextFrame();
  });
}

/**
 * Asks to create `cost` thumbnails. Returns true when they may be created
 * now; otherwise `grant` is called in a later frame.
 */
export function reveal(cost: number, grant: () => void): boolean {
  if (waiting.length === 0 && left > 0) {
    left -= cost;
    nextFrame(); // the budget refills next frame
    return true;
  }
  waiting.push({ cost, grant });
  nextFrame();
  return false;
}
