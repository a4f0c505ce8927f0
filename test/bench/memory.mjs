// @ts-check
// Peak memory of the browser: the proportional set size (PSS: shared pages
// split between the processes that share them) summed over every process
// descended from this one, sampled while a scenario runs.
import fs from 'node:fs';

/** @returns {Map<number, number>} pid -> parent pid */
function processTable() {
  const table = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      table.set(Number(name), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** @param {number} root @returns {number[]} */
function descendants(root) {
  const table = processTable();
  const found = [];
  const stack = [root];
  while (stack.length) {
    const pid = /** @type {number} */ (stack.pop());
    for (const [child, parent] of table) {
      if (parent === pid) {
        found.push(child);
        stack.push(child);
      }
    }
  }
  return found;
}

/** @param {number} pid */
function pssBytes(pid) {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Chromium starts its on-device AI model service on its own schedule, minutes
 * into a session, whatever the page does (about 57 MB). It is not the page's
 * memory, so it is left out.
 * @param {number} pid
 */
function unrelatedToThePage(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('OnDeviceModelService');
  } catch {
    return true;
  }
}

/** Total PSS of every process below this Node process (the browser and its children). */
export function browserMemory() {
  return descendants(process.pid)
    .filter((pid) => !unrelatedToThePage(pid))
    .reduce((sum, pid) => sum + pssBytes(pid), 0);
}

/** Samples browserMemory() every `ms` until stopped; returns the peak. */
export function sampleMemory(ms = 100) {
  let peak = browserMemory();
  const timer = setInterval(() => {
    peak = Math.max(peak, browserMemory());
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, browserMemory());
    },
  };
}

/** The browser's processes by kind (browser, renderer, gpu-process, utility...), PSS summed per kind. */
export function browserMemoryByKind() {
  /** @type {Record<string, number>} */
  const kinds = {};
  for (const pid of descendants(process.pid)) {
    let kind = 'other';
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
      const sub = /--utility-sub-type=([\w.-]+)/.exec(cmd)?.[1];
      if (sub) kind += ` (${sub.split('.').slice(-1)[0]})`;
    } catch {
      continue;
    }
    kinds[kind] = (kinds[kind] ?? 0) + pssBytes(pid);
  }
  return kinds;
}

/**
 * The browser's memory once it has let go of what it can: after a garbage
 * collection and a memory-pressure signal (decoded-image caches and freed
 * allocator pages go), over a bare DevTools session (`send`, see
 * test/support/bareChromium.mjs: Playwright's Network domain keeps every
 * thumbnail's image request alive, which reads as growth).
 * @param {(method: string, params?: Record<string, unknown>) => Promise<unknown>} send
 */
export async function settledBrowserMemory(send) {
  await send('HeapProfiler.collectGarbage');
  await send('Memory.simulatePressureNotification', { level: 'critical' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  return browserMemory();
}
