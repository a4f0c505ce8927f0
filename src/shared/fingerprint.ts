// Which file is this? Name, size, last-modified time and a hash of its
// first and last MiB: cheap for any file size, and a different edit of the
// same clip (same name, new content) gets a new fingerprint.
//
// The hash is computed here in JS, not with crypto.subtle, which only
// exists in secure contexts; a plain-http static host is not one.

const EDGE = 1 << 20;

export async function fingerprint(file: File): Promise<string> {
  const head = new Uint8Array(await file.slice(0, EDGE).arrayBuffer());
  const tail = file.size > EDGE ? new Uint8Array(await file.slice(Math.max(EDGE, file.size - EDGE)).arrayBuffer()) : new Uint8Array();
  const identity = new TextEncoder().encode(`${file.name}\u0000${file.size}\u0000${file.lastModified}`);
  return `${file.size.toString(36)}-${hash64([identity, head, tail])}`;
}

/** A 64-bit hash (two 32-bit multiply-xorshift lanes) of several byte runs, as 16 hex digits. */
export function hash64(parts: readonly Uint8Array[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      h1 = Math.imul(h1 ^ b, 2654435761);
      h2 = Math.imul(h2 ^ b, 1597334677);
    }
    // Separate the runs, so ["ab", "c"] and ["a", "bc"] differ.
    h1 = Math.imul(h1 ^ bytes.length, 2246822507);
    h2 = Math.imul(h2 ^ bytes.length, 3266489909);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
