// Formatting for display. Pure.

/** `mm:ss.mmm`, or `h:mm:ss.mmm` from an hour on. */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--.---';
  const negative = seconds < 0;
  const totalMs = Math.round(Math.abs(seconds) * 1000);
  const ms = totalMs % 1000;
  const totalSeconds = Math.floor(totalMs / 1000);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  const mmss = `${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
  return `${negative ? '-' : ''}${h > 0 ? `${h}:` : ''}${mmss}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
