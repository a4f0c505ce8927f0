/// <reference lib="webworker" />
// The service worker: the app shell is cached at install, the wasm cores
// and the sample when first used, so a page that has worked once reloads
// offline. Pages are fetched network-first (updates arrive when online);
// everything else cache-first (its file names carry content hashes).
// Files shared to the installed app (share_target) arrive here as a POST.
import type { ShareAction, SharedCache, SharedModifiedHeader, SharedNameHeader, SharedParam, ShareField } from './lib/app/shareProtocol';

declare const self: ServiceWorkerGlobalScope;

interface Precache {
  version: string;
  /** Cached at install: what the page needs to open and extract with WebCodecs. */
  shell: string[];
  /** Cached when first used (the 31 MB ffmpeg core, the sample video). */
  onUse: string[];
}

const SHELL_PREFIX = 'framepick-shell-';
const ON_USE = 'framepick-on-use';

async function manifest(): Promise<Precache> {
  const response = await fetch(new URL('precache.json', self.registration.scope), { cache: 'no-cache' });
  return (await response.json()) as Precache;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const { version, shell } = await manifest();
      const cache = await caches.open(SHELL_PREFIX + version);
      await cache.addAll(shell.map((path) => new URL(path, self.registration.scope).href));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const { version, onUse } = await manifest();
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL_PREFIX + version) await caches.delete(name);
      }
      // Drop cores and samples of earlier versions.
      const keep = new Set(onUse.map((path) => new URL(path, self.registration.scope).href));
      const used = await caches.open(ON_USE);
      for (const request of await used.keys()) if (!keep.has(request.url)) await used.delete(request);
      await self.clients.claim();
    })(),
  );
});

const SHARE_ACTION: ShareAction = 'share-target';

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.href === new URL(SHARE_ACTION, self.registration.scope).href) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== 'GET') return;
  // The manifest too: an edited one must reach the browser, which reads it through us.
  const fresh = request.mode === 'navigate' || url.pathname.endsWith('/precache.json') || url.pathname.endsWith('/manifest.webmanifest');
  event.respondWith(fresh ? networkFirst(request) : cacheFirst(request));
});

/**
 * A share from another app (the manifest's share_target): the files are
 * kept where the page takes them from (src/lib/app/sharedFiles.ts), and the
 * browser is sent on to the page. Works offline: nothing here needs the network.
 */
async function receiveShare(request: Request): Promise<Response> {
  const field: ShareField = 'files';
  const cacheName: SharedCache = 'framepick-shared';
  const nameHeader: SharedNameHeader = 'x-framepick-name';
  const modifiedHeader: SharedModifiedHeader = 'x-framepick-last-modified';
  const param: SharedParam = 'shared';
  const form = await request.formData();
  const files = form.getAll(field).filter((value): value is File => value instanceof File && value.size > 0);
  const cache = await caches.open(cacheName);
  const batch = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  // One after another: the page takes them in the cache's order, which is the order they were put.
  for (const [i, file] of files.entries()) {
    const headers = { 'content-type': file.type || 'application/octet-stream', [nameHeader]: encodeURIComponent(file.name), [modifiedHeader]: String(file.lastModified) };
    await cache.put(new URL(`${cacheName}/${batch}/${i}`, self.registration.scope).href, new Response(file, { headers }));
  }
  return Response.redirect(new URL(`./?${param}=1`, self.registration.scope).href, 303);
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(ON_USE)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = (await caches.match(request, { ignoreSearch: true })) ?? (await caches.match(new URL('./', self.registration.scope).href));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await (await caches.open(ON_USE)).put(request, response.clone());
  return response;
}
