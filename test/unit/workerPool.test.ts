import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StalledError, WorkerPool } from '../../src/lib/extraction/workerPool';

/** Stands in for a Web Worker: the pool's jobs here never call into it. */
class SilentWorker {
  postMessage(): void {}
  addEventListener(): void {}
  removeEventListener(): void {}
  terminate(): void {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const never = () => Promise.reject(new Error('no core in this test'));

// Fake timers: the watchdog's budgets and the jobs' pauses are exact, so
// no margin here depends on how busy the machine running the tests is.
describe('WorkerPool watchdog', () => {
  beforeEach(() => {
    vi.stubGlobal('Worker', SilentWorker);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('stops a job that shows no sign of life for its stall budget, and not before', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    let settled = false;
    const job = pool.submit({ priority: 'decode', signal, stallMs: 30, run: () => sleep(200) });
    const stalled = expect(job.finally(() => (settled = true))).rejects.toBeInstanceOf(StalledError);
    await vi.advanceTimersByTimeAsync(29);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stalled;
    pool.terminateAll();
  });

  it('keeps a job alive while it beats', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    const run = async (_api: unknown, alive: () => void) => {
      for (let i = 0; i < 10; i++) {
        await sleep(15);
        alive();
      }
      return 'done';
    };
    const job = expect(pool.submit({ priority: 'decode', signal, stallMs: 40, run })).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(150);
    await job;
    pool.terminateAll();
  });

  it('ignores a heartbeat that lands after its job ended: it cannot stop the next job', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    // The first job ends at once; its last heartbeat arrives just after.
    const first = pool.submit({
      priority: 'decode',
      signal,
      stallMs: 40,
      run: async (_api, alive) => {
        setTimeout(alive, 5);
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    await first;
    const beating = async (_api: unknown, alive: () => void) => {
      for (let i = 0; i < 8; i++) {
        await sleep(15);
        alive();
      }
      return 'second done';
    };
    const second = expect(pool.submit({ priority: 'decode', signal, stallMs: 40, run: beating })).resolves.toBe('second done');
    await vi.advanceTimersByTimeAsync(120);
    await second;
    pool.terminateAll();
  });

  it('rejects at once with the reason when the job is cancelled', async () => {
    const pool = new WorkerPool(1, never);
    const controller = new AbortController();
    const job = pool.submit({ priority: 'decode', signal: controller.signal, stallMs: 1000, run: () => sleep(500) });
    const reason = new DOMException('Cancelled by the user', 'AbortError');
    const rejected = expect(job).rejects.toBe(reason);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    // Not a tick later: the job's own 500 ms are not waited for.
    await rejected;
    expect(pool.runningJobs).toBe(0);
    pool.terminateAll();
  });
});

describe('WorkerPool held jobs', () => {
  beforeEach(() => vi.stubGlobal('Worker', SilentWorker));
  afterEach(() => vi.unstubAllGlobals());

  it('lets other jobs pass a held one, counts it as no work going on, and starts it once woken', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    let held = true;
    const order: string[] = [];
    const busy: boolean[] = [];
    pool.onChange = (b) => busy.push(b);
    const job = (name: string, holdIt: boolean) =>
      pool.submit({ priority: 'decode', signal, stallMs: 1000, ...(holdIt ? { held: () => held } : {}), run: async () => void order.push(name) });
    const first = job('held', true);
    const second = job('free', false);
    await second;
    expect(order).toEqual(['free']);
    expect(pool.busy).toBe(false);
    expect(busy.at(-1)).toBe(false);
    held = false;
    pool.wake();
    await first;
    expect(order).toEqual(['free', 'held']);
    pool.terminateAll();
  });
});
