// Files shared to the installed app: the service worker kept them (see
// shareProtocol.ts) and sent the page to `?shared=1`; the page takes them
// once, and the address bar loses the parameter, so a reload adds nothing.
import type { SharedCache, SharedModifiedHeader, SharedNameHeader, SharedParam } from './shareProtocol';

const CACHE: SharedCache = 'framepick-shared';
const NAME: SharedNameHeader = 'x-framepick-name';
const MODIFIED: SharedModifiedHeader = 'x-framepick-last-modified';
const PARAM: SharedParam = 'shared';

/** The files waiting from a share, removed from where they waited; none unless the URL says a share happened. */
export async function takeSharedFiles(): Promise<File[]> {
  const url = new URL(location.href);
  if (!url.searchParams.has(PARAM)) return [];
  url.searchParams.delete(PARAM);
  history.replaceState(history.state, '', url.href);
  if (!('caches' in self)) return [];
  const cache = await caches.open(CACHE);
  const files: File[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const bytes = await response?.blob();
    await cache.delete(request);
    if (!response || !bytes) continue;
    const name = decodeURIComponent(response.headers.get(NAME) ?? 'shared');
    const lastModified = Number(response.headers.get(MODIFIED)) || Date.now();
    files.push(new File([bytes], name, { type: bytes.type, lastModified }));
  }
  return files;
}
