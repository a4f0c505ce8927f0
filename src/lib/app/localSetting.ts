// The page's own settings kept in this browser (localStorage), never in the
// shared URL hash: a link sent to a colleague carries a view, not a taste.
// Where storage is blocked (it throws), nothing is kept and the setting
// holds for this page only.

export function readLocalSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`; null forgets it. */
export function writeLocalSetting(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Blocked, or full: the setting holds for this page.
  }
}
