// The page's side of the fingerprint worker: one worker, started on the
// first drop and kept, answering in the order files were sent. If it cannot
// run at all, the fingerprint is taken on the main thread instead: the same
// function, so the same id, only slower.
import { fingerprint, type FingerprintResult } from './fingerprint';

interface Waiting {
  file: File;
  resolve(fingerprint: string): void;
  reject(error: Error): void;
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, Waiting>();

/** The file's fingerprint; rejects if the file cannot be read. */
export function fingerprintOffMainThread(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { file, resolve, reject });
    start().postMessage({ id, file });
  });
}

function start(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('../../../workers/fingerprinter.ts', import.meta.url), { type: 'module', name: 'framepick-fingerprint' });
  started.onmessage = ({ data }: MessageEvent<FingerprintResult>) => {
    const job = waiting.get(data.id);
    if (!job) return;
    waiting.delete(data.id);
    if (data.ok) job.resolve(data.fingerprint);
    else job.reject(new Error(data.message));
  };
  started.onerror = (event) => {
    event.preventDefault();
    started.terminate();
    worker = null;
    // Whatever it had not answered is fingerprinted here.
    for (const job of waiting.values()) fingerprint(job.file).then(job.resolve, job.reject);
    waiting.clear();
  };
  worker = started;
  return started;
}
