// Fingerprints dropped files off the main thread. There, in Chromium, a
// File's first slice stats it synchronously (about 4 ms a file), and
// hashing its 2 MiB of edges before the JIT has warmed took 80-90 ms: with
// 50 files dropped at once those were main-thread tasks of 210 ms and more.
import { fingerprint } from '../src/shared/fingerprint';
import { serve } from './serve';

serve(fingerprint);
