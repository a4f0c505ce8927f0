import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StalledError, WorkerPool } from '../../src/lib/engine/workerPool';

/** Stands in for a Web Worker: the pool's jobs here never call into it. */
class SilentWorker {
  postMessage(): void {}
  addEventListener(): void {}
  removeEventListener(): void {}
  terminate(): void {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const never = () => Promise.reject(new Error('no core in this test'));

describe('WorkerPool watchdog', () => {
  beforeEach(() => vi.stubGlobal('Worker', SilentWorker));
  afterEach(() => vi.unstubAllGlobals());

  it('stops a job that shows no sign of life for its stall budget', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    await expect(pool.submit({ priority: 'decode', signal, stallMs: 30, run: () => sleep(200) })).rejects.toBeInstanceOf(StalledError);
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
    await expect(pool.submit({ priority: 'decode', signal, stallMs: 40, run })).resolves.toBe('done');
    pool.terminateAll();
  });

  it('ignores a heartbeat that lands after its job ended: it cannot stop the next job', async () => {
    const pool = new WorkerPool(1, never);
    const signal = new AbortController().signal;
    // The first job ends at once; its last heartbeat arrives just after.
    await pool.submit({
      priority: 'decode',
      signal,
      stallMs: 40,
      run: async (_api, alive) => {
        setTimeout(alive, 5);
      },
    });
    const beating = async (_api: unknown, alive: () => void) => {
      for (let i = 0; i < 8; i++) {
        await sleep(15);
        alive();
      }
      return 'second done';
    };
    await expect(pool.submit({ priority: 'decode', signal, stallMs: 40, run: beating })).resolves.toBe('second done');
    pool.terminateAll();
  });

  it('rejects at once with the reason when the job is cancelled', async () => {
    const pool = new WorkerPool(1, never);
    const controller = new AbortController();
    const job = pool.submit({ priority: 'decode', signal: controller.signal, stallMs: 1000, run: () => sleep(500) });
    const reason = new DOMException('Cancelled by the user', 'AbortError');
    setTimeout(() => controller.abort(reason), 10);
    const started = performance.now();
    await expect(job).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(100);
    expect(pool.runningJobs).toBe(0);
    pool.terminateAll();
  });
});
