// A small worker that answers one kind of request, for work that must not
// run on the page's main thread. The worker starts on the first request and
// is kept; replies are matched by id. If the worker cannot run at all, the
// same function runs here instead: slower, but the same answer.

/** What the page posts to a service worker, and what comes back. */
export interface ServiceCall<Request> {
  id: number;
  request: Request;
}
export type ServiceReply<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; message: string };

interface Waiting<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: Error): void;
}

/** A function that runs a service's work in its worker. */
export interface WorkerService<Request, Result> {
  (request: Request): Promise<Result>;
  /**
   * Starts the worker ahead of the first request, while the page is idle:
   * started on the first thumbnail, the object-URL worker's module load
   * held that thumbnail back 60-90 ms (10-minute 1080p bench file).
   */
  warm(): void;
}

/** A function that runs `fallback`'s work in the worker `start` makes. */
export function workerService<Request, Result>(start: () => Worker, fallback: (request: Request) => Promise<Result>): WorkerService<Request, Result> {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, Waiting<Request, Result>>();

  const running = (): Worker => {
    if (worker) return worker;
    const started = start();
    started.onmessage = ({ data }: MessageEvent<ServiceReply<Result>>) => {
      const job = waiting.get(data.id);
      if (!job) return;
      waiting.delete(data.id);
      if (data.ok) job.resolve(data.result);
      else job.reject(new Error(data.message));
    };
    started.onerror = (event) => {
      event.preventDefault();
      started.terminate();
      worker = null;
      // Whatever it had not answered is done here.
      for (const job of waiting.values()) fallback(job.request).then(job.resolve, job.reject);
      waiting.clear();
    };
    worker = started;
    return started;
  };

  const service = (request: Request) =>
    new Promise<Result>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { request, resolve, reject });
      // Copied, not transferred: the fallback may still need the request.
      const call: ServiceCall<Request> = { id, request };
      running().postMessage(call);
    });
  return Object.assign(service, { warm: () => void running() });
}
