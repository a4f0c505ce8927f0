// A map kept to its most recently used entries (the files a worker has
// open, the blocks it has read), in insertion order: least recent first.

/** `map[key]`, made if missing, now the most recently used; the least recently used go past `limit`. */
export function kept<K, V>(map: Map<K, V>, key: K, limit: number, make: () => V): V {
  const value = map.get(key) ?? make();
  map.delete(key);
  map.set(key, value);
  for (const stale of map.keys()) {
    if (map.size <= limit) break;
    map.delete(stale);
  }
  return value;
}
