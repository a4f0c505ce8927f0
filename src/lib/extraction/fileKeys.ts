// A number per File for as long as the page holds it. Every call to a
// worker structured-clones its File into a new object, so a worker cannot
// tell by identity that two calls are about the same file; it keys what it
// has opened by this number instead (see workers/openedVideos.ts).
const keys = new WeakMap<File, number>();
let next = 1;

export function fileKey(file: File): number {
  let key = keys.get(file);
  if (key === undefined) {
    key = next++;
    keys.set(file, key);
  }
  return key;
}
