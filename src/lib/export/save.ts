// Handing files to the person: a download of a Blob, or a streamed ZIP.
import { downloadZip } from 'client-zip';

/** Starts a download of `blob` as `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its reference by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface ZipEntry {
  name: string;
  /** A Blob is read when the archive reaches it; a promise lets an entry be made on demand. */
  input: Blob | string | Promise<Blob>;
}

/**
 * Writes a ZIP with client-zip as a stream: each entry is read (or made)
 * only when the archive reaches it, and the stream goes into the browser's
 * blob storage (which moves to disk when large), never into one JS buffer.
 */
export async function saveZip(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, name: string): Promise<number> {
  async function* resolved() {
    for await (const entry of entries) yield { name: entry.name, input: await entry.input, lastModified: new Date() };
  }
  const archive = await downloadZip(resolved()).blob();
  saveBlob(archive, name);
  return archive.size;
}
