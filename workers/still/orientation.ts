// EXIF orientation as a canvas transform, for engines whose decoded frames
// do not carry it (Chromium's ImageDecoder frames do: their rotation and
// flip, which drawImage applies). Pure.

/** A 2D transform `[a, b, c, d, e, f]`: a point (x, y) goes to (a·x + c·y + e, b·x + d·y + f). */
export type Transform = [number, number, number, number, number, number];

/**
 * The transform that draws an image stored as EXIF orientation `orientation`
 * upright into a `width` x `height` canvas (the displayed size), when the
 * stored image is drawn at (0, 0) with the size drawnSize() gives.
 */
export function orientationTransform(orientation: number, width: number, height: number): Transform {
  switch (orientation) {
    case 2: // mirrored
      return [-1, 0, 0, 1, width, 0];
    case 3: // turned 180°
      return [-1, 0, 0, -1, width, height];
    case 4: // mirrored top to bottom
      return [1, 0, 0, -1, 0, height];
    case 5: // mirrored along the diagonal
      return [0, 1, 1, 0, 0, 0];
    case 6: // turned 90° clockwise
      return [0, 1, -1, 0, width, 0];
    case 7: // mirrored along the other diagonal
      return [0, -1, -1, 0, width, height];
    case 8: // turned 90° anticlockwise
      return [0, -1, 1, 0, 0, height];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

interface Size {
  width: number;
  height: number;
}

/** Whether EXIF orientation `orientation` turns the image a quarter (5-8: its displayed width is its stored height). */
export function quarterTurned(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** `size`, its sides swapped when `swap`. */
export function swapped(size: Size, swap: boolean): Size {
  return swap ? { width: size.height, height: size.width } : size;
}

/** The size to draw the stored image at, before the transform: the displayed size, sides swapped for a quarter turn. */
export function drawnSize(orientation: number, width: number, height: number): Size {
  return swapped({ width, height }, quarterTurned(orientation));
}
