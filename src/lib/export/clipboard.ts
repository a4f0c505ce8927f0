// Copying a frame as an image. Browsers accept PNG (not JPEG) on the
// clipboard, so the JPEG is redrawn as PNG first.

export function canCopyImages(): boolean {
  return window.isSecureContext && typeof ClipboardItem !== 'undefined' && !!navigator.clipboard?.write;
}

export async function copyImage(jpeg: Blob): Promise<void> {
  const bitmap = await createImageBitmap(jpeg);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  const png = canvas.convertToBlob({ type: 'image/png' });
  // The promise form keeps the user's gesture valid while the PNG is made.
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}
