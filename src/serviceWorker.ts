/// <reference lib="webworker" />
// The service worker: the app shell is cached at install, the wasm cores
// and the sample when first used, so a page that has worked once reloads
// offline. Pages are fetched network-first (updates arrive when online);
// everything else cache-first (its file names carry content hashes).
export {};
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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(request.mode === 'navigate' || url.pathname.endsWith('/precache.json') ? networkFirst(request) : cacheFirst(request));
});

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
