// Work worth doing before the user needs it, once the page is quiet.
// Safari (every WebKit engine) has no requestIdleCallback: calling it
// unguarded threw while the page mounted and left it blank there.

/** Runs `callback` when the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(callback: () => void, timeoutMs: number): void {
  if ('requestIdleCallback' in window) {
    window.requestIdleCallback(callback, { timeout: timeoutMs });
  } else {
    // Without idle detection, wait out the page's own start-up work.
    setTimeout(callback, Math.min(timeoutMs, 500));
  }
}
