// Thumbnails' object URLs, made in a worker that lives as long as the page
// (workers/objectUrls.ts), since a URL dies with the context that made it.
// In Chromium URL.createObjectURL is a synchronous call to the browser
// process: with four videos extracting, single calls on the main thread
// took 48-60 ms (CPU profile of responsive.spec's 240-thumbnail drop),
// the longest tasks the page had. A URL made there is revoked from here.
import { makeObjectUrls, type ObjectUrlRequest, type ObjectUrls } from '../../shared/makeObjectUrls';
import { workerService, type WorkerService } from './service';

export const objectUrls: WorkerService<ObjectUrlRequest, ObjectUrls> = workerService(
  () => new Worker(new URL('../../../workers/objectUrls.ts', import.meta.url), { type: 'module', name: 'framepick-object-urls' }),
  async (request) => makeObjectUrls(request),
);
