// Fingerprints dropped files off the main thread. There, in Chromium, a
// File's first slice stats it synchronously (about 4 ms a file), and
// hashing its 2 MiB of edges before the JIT has warmed took 80-90 ms: with
// 50 files dropped at once those were main-thread tasks of 210 ms and more.
import { errorMessage } from '../src/lib/errorMessage';
import { fingerprint, type FingerprintRequest, type FingerprintResult } from '../src/lib/store/fingerprint';

self.onmessage = async ({ data: { id, file } }: MessageEvent<FingerprintRequest>) => {
  let result: FingerprintResult;
  try {
    result = { id, ok: true, fingerprint: await fingerprint(file) };
  } catch (error) {
    result = { id, ok: false, message: errorMessage(error) };
  }
  self.postMessage(result);
};
