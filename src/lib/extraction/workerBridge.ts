// One pool worker's life: started lazily, terminated to cancel (an abort
// signal alone cannot stop ffmpeg in the middle of an exec), terminated
// when idle to give its memory back, restarted on the next call.
import * as Comlink from 'comlink';
import type { FileKey, ThumbWorkerApi } from '../../shared/types';

/** An idle worker is terminated after this long; restarting costs an instantiation, not a compile. */
const IDLE_MS = 20_000;

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

export class WorkerBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<ThumbWorkerApi> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rejects the call in flight; set while a call runs. */
  private interrupt: ((reason: unknown) => void) | null = null;

  constructor(private readonly getCoreModule: () => Promise<WebAssembly.Module>) {}

  get busy(): boolean {
    return this.interrupt !== null;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Runs `call` on the worker. Aborting `signal` terminates the worker and
   * rejects at once with the signal's reason; so does `terminate()` (the
   * watchdog) and the worker crashing.
   */
  async run<T>(call: (api: Comlink.Remote<ThumbWorkerApi>) => Promise<T>, signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    clearTimeout(this.idleTimer);
    const api = this.start();
    const interrupted = new Promise<never>((_, reject) => (this.interrupt = reject));
    const onAbort = () => this.terminate(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([call(api), interrupted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.interrupt = null;
      if (this.worker) this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS);
    }
  }

  /**
   * Opens `file` in this worker ahead of the jobs about `key` that will
   * follow: nothing waits on it, and jobs that come meanwhile share its work.
   */
  openAhead(file: File, key: FileKey): void {
    const api = this.start();
    if (!this.busy) {
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS);
    }
    void api.openAhead(file, key).catch(() => {});
  }

  /** Starts the worker and its ffmpeg instance ahead of need (see ThumbWorkerApi.warmFfmpeg); it is reaped if no call comes. */
  warmFfmpeg(clipUrl?: string): void {
    this.warm();
    void this.api?.warmFfmpeg(clipUrl).catch(() => {});
  }

  /** Starts the worker ahead of need (it loads its code); it is reaped if no call comes. */
  warm(): void {
    if (this.api) return;
    this.start();
    this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS);
  }

  /** Stops the worker at once; a call in flight rejects with `reason`. */
  terminate(reason: unknown = new WorkerCrashedError('The worker was stopped.')): void {
    clearTimeout(this.idleTimer);
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    const interrupt = this.interrupt;
    this.interrupt = null;
    interrupt?.(reason);
  }

  private start(): Comlink.Remote<ThumbWorkerApi> {
    if (this.api) return this.api;
    const worker = new Worker(new URL('../../../workers/thumbWorker.ts', import.meta.url), { type: 'module', name: 'framepick' });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.terminate(new WorkerCrashedError(`The worker failed: ${event.message || 'it could not start'}`));
    });
    worker.addEventListener('messageerror', () => this.terminate(new WorkerCrashedError('The worker sent a message that could not be read.')));
    const api = Comlink.wrap<ThumbWorkerApi>(worker);
    void api.init(Comlink.proxy(this.getCoreModule));
    this.worker = worker;
    this.api = api;
    return api;
  }
}
