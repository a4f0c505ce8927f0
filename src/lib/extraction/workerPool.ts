// A fixed-size pool of workers. Jobs queue by priority (what a person waits
// on first, then preparing files, so every dropped file shows its metadata
// soon, then decoding),
// run one per worker, and are watched: a worker that shows no sign of life
// for a job's stall budget is terminated, which rejects the job. A job can
// be held (a paused batch's): it keeps its place and starts only once let go.
import type * as Comlink from 'comlink';
import { WorkerBridge } from './workerBridge';
import type { FileKey, ThumbWorkerApi } from '../../shared/types';

/** Highest first: someone is waiting on `interactive` jobs (the large view, a download). */
export type JobPriority = 'interactive' | 'prepare' | 'decode';

export interface PoolJob<T> {
  priority: JobPriority;
  signal: AbortSignal;
  /** Milliseconds without a sign of life before the worker is presumed stuck. */
  stallMs: number;
  /** `alive()` resets the watchdog. */
  run(api: Comlink.Remote<ThumbWorkerApi>, alive: () => void): Promise<T>;
  /** While this says true the job waits, after jobs that could start; call wake() when it changes. */
  held?: () => boolean;
}

export class StalledError extends Error {
  constructor(ms: number) {
    super(`The decoder made no progress for ${Math.round(ms / 1000)} s and was stopped.`);
    this.name = 'StalledError';
  }
}

interface Queued {
  job: PoolJob<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

const PRIORITY_ORDER: readonly JobPriority[] = ['interactive', 'prepare', 'decode'];

export class WorkerPool {
  private readonly bridges: WorkerBridge[] = [];
  private readonly assigned = new Set<WorkerBridge>();
  private readonly queues = new Map<JobPriority, Queued[]>(PRIORITY_ORDER.map((p) => [p, []]));
  private target = 0;
  /** Called whenever a job is queued, starts or ends. */
  onChange: (busy: boolean, runningJobs: number) => void = () => {};

  constructor(
    size: number,
    private readonly getCoreModule: () => Promise<WebAssembly.Module>,
  ) {
    this.resize(size);
  }

  get size(): number {
    return this.target;
  }

  /** Whether a job runs or could start: held jobs are not work going on. */
  get busy(): boolean {
    return this.assigned.size > 0 || [...this.queues.values()].some((q) => q.some((entry) => !entry.job.held?.()));
  }

  /** Workers running a job right now. */
  get runningJobs(): number {
    return this.assigned.size;
  }

  resize(size: number): void {
    this.target = Math.max(1, Math.floor(size));
    while (this.bridges.length < this.target) this.bridges.push(new WorkerBridge(this.getCoreModule));
    // Extra workers leave when they are free; busy ones finish their job first.
    for (const bridge of this.bridges.slice(this.target)) {
      if (!this.assigned.has(bridge)) this.retire(bridge);
    }
    this.pump();
  }

  submit<T>(job: PoolJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (job.signal.aborted) {
        reject(job.signal.reason);
        return;
      }
      const entry: Queued = { job, resolve: resolve as (value: unknown) => void, reject };
      const queue = this.queues.get(job.priority)!;
      queue.push(entry);
      job.signal.addEventListener(
        'abort',
        () => {
          const at = queue.indexOf(entry);
          if (at >= 0) {
            queue.splice(at, 1);
            reject(job.signal.reason);
            this.notify();
          }
        },
        { once: true },
      );
      this.notify();
      this.pump();
    });
  }

  /**
   * Starts every worker before any job, so a dropped file does not wait
   * for a worker's code and encoder to load. Warming only the first left
   * the second to start on the first decode: its first thumbnail came
   * 300 ms after the first worker's (10-minute 1080p bench file). Without
   * the ffmpeg core, an idle worker costs a few MB.
   */
  warm(): void {
    for (const bridge of this.bridges.slice(0, this.target)) {
      if (!this.assigned.has(bridge)) bridge.warm();
    }
  }

  /**
   * Has the first worker (the one an idle pool gives the next job) open
   * `file` while the page fingerprints it, so the prepare that follows
   * finds it open: on the 10-minute 1080p bench file the first thumbnail
   * came 20 ms sooner (median of 5: 260 -> 241 ms). Opening it in every
   * worker was slower (266-294 ms): on 2 cores the opens, the fingerprint
   * and the page's own work took turns. Only on an idle pool: a file behind
   * others in the queue gains nothing from it.
   */
  openAhead(file: File, key: FileKey): void {
    if (this.busy) return;
    this.bridges[0]?.openAhead(file, key);
  }

  /**
   * Has every idle worker instantiate the ffmpeg core now (see
   * ffmpegExpected), and one of them decode `clipUrl`: the optimised code
   * it leaves is shared by all.
   */
  warmFfmpeg(clipUrl: string): void {
    const idle = this.bridges.slice(0, this.target).filter((bridge) => !this.assigned.has(bridge));
    idle.forEach((bridge, i) => bridge.warmFfmpeg(i === 0 ? clipUrl : undefined));
  }

  /** Jobs held or let go since the last look: start what may start, and report. */
  wake(): void {
    this.notify();
    this.pump();
  }

  /** Stops every worker now (tests, page teardown). Jobs in flight reject. */
  terminateAll(): void {
    for (const bridge of this.bridges) bridge.terminate();
  }

  private pump(): void {
    for (const bridge of this.bridges.slice(0, this.target)) {
      if (this.assigned.has(bridge)) continue;
      const entry = this.next();
      if (!entry) return;
      void this.execute(bridge, entry);
    }
  }

  private next(): Queued | undefined {
    for (const priority of PRIORITY_ORDER) {
      const queue = this.queues.get(priority)!;
      const at = queue.findIndex((entry) => !entry.job.held?.());
      if (at >= 0) return queue.splice(at, 1)[0];
    }
    return undefined;
  }

  private async execute(bridge: WorkerBridge, { job, resolve, reject }: Queued): Promise<void> {
    this.assigned.add(bridge);
    this.notify();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    const alive = () => {
      // A heartbeat travels on its own port and can land after the job has
      // ended; a timer it started then would stop this worker's next job.
      if (ended) return;
      clearTimeout(timer);
      timer = setTimeout(() => bridge.terminate(new StalledError(job.stallMs)), job.stallMs);
    };
    alive();
    try {
      resolve(await bridge.run((api) => job.run(api, alive), job.signal));
    } catch (error) {
      reject(error);
    } finally {
      ended = true;
      clearTimeout(timer);
      this.assigned.delete(bridge);
      if (this.bridges.indexOf(bridge) >= this.target) this.retire(bridge);
      this.notify();
      this.pump();
    }
  }

  private retire(bridge: WorkerBridge): void {
    bridge.terminate();
    const at = this.bridges.indexOf(bridge);
    if (at >= this.target) this.bridges.splice(at, 1);
  }

  private notify(): void {
    this.onChange(this.busy, this.assigned.size);
  }
}
