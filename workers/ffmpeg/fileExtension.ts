/**
 * A safe extension for the mounted copy of a file: ffmpeg probes formats
 * by content, but uses the extension as a hint for raw streams.
 */
export function fileExtension(name: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name);
  return m ? `.${m[1]!.toLowerCase()}` : '';
}
