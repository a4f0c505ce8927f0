// Fingerprints in the fingerprint worker (workers/fingerprinter.ts), or here
// if it cannot run: the same function, so the same id.
import { workerService, type WorkerService } from '../offMainThread/service';
import { fingerprint } from '../../shared/fingerprint';

/** The file's fingerprint; rejects if the file cannot be read. */
export const fingerprintOffMainThread: WorkerService<File, string> = workerService(
  () => new Worker(new URL('../../../workers/fingerprinter.ts', import.meta.url), { type: 'module', name: 'framepick-fingerprint' }),
  fingerprint,
);
