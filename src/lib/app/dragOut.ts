// Dragging a thumbnail out of the page: to the desktop or a file manager as
// a JPEG file named as its download is (Chromium reads DownloadURL, "type:
// name:url"), and as its URL to anything that takes links. The page's own
// drop targets ignore such a drag, or a thumbnail let go over the page
// would be added as a new picture.

let ownDrag = false;

export function dragThumbOut(event: DragEvent, thumb: { url: string; fileName: string }): void {
  const data = event.dataTransfer;
  if (!data) return;
  const url = new URL(thumb.url, location.href).href;
  data.setData('DownloadURL', `image/jpeg:${thumb.fileName}:${url}`);
  data.setData('text/uri-list', url);
  data.effectAllowed = 'copy';
  ownDrag = true;
}

export function dragOutEnded(): void {
  ownDrag = false;
}

/** Whether the drag over the page is a thumbnail of its own. */
export function isOwnDrag(): boolean {
  return ownDrag;
}
