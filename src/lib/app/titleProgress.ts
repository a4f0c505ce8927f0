// The tab's title while thumbnails are being made, so a person in another
// tab sees how far it is: "7/30 · Framepick" counts the thumbnails settled
// (made or given up on) of all those requested, over every video and zoomed
// view extracting now. Pure.

export interface Progress {
  /** Thumbnails made or missed so far. */
  settled: number;
  /** Thumbnails requested; 0 until the run knows. */
  total: number;
}

export const APP_NAME = 'Framepick';

/** The thumbnails of everything working, added up. */
export function overallProgress(working: readonly Progress[]): Progress {
  return {
    settled: working.reduce((sum, p) => sum + Math.min(p.settled, p.total), 0),
    total: working.reduce((sum, p) => sum + p.total, 0),
  };
}

export function progressTitle(working: readonly Progress[]): string {
  if (working.length === 0) return APP_NAME;
  const { settled, total } = overallProgress(working);
  // A video still being read does not know its count yet.
  return total > 0 ? `${settled}/${total} · ${APP_NAME}` : `… · ${APP_NAME}`;
}
