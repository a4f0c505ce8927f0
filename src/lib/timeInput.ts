// Times typed by a person: "90", "90.5", "1:30", "01:30.250", "1:02:03". Pure.

const PATTERN = /^(?:(\d{1,6}):)?(?:(\d{1,6}):)?(\d{1,9}(?:\.\d{1,6})?)$/;

/** Seconds, or null when the text is not a time (empty text is null too). */
export function parseTimeInput(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  const m = PATTERN.exec(trimmed);
  if (!m) return null;
  const [, first, second, last] = m;
  const parts = [first, second].filter((p): p is string => p !== undefined).map(Number);
  const seconds = Number(last);
  // "m:ss" or "h:mm:ss": every field but the first must stay below 60.
  if (parts.length > 0 && seconds >= 60) return null;
  if (parts.length === 2 && parts[1]! >= 60) return null;
  const total = parts.reduce((sum, part) => sum * 60 + part, 0) * 60 + seconds;
  return parts.length === 0 ? seconds : total;
}
