// Giving the page its turn between slices of work that would otherwise be
// one long task: input, rendering and other tasks run in between.

interface Scheduler {
  yield(): Promise<void>;
}

/** Resolves in a new task (scheduler.yield() where the browser has it, else a message to ourselves: no timer clamping). */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
