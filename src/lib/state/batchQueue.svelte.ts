// The batch: videos extract in the order they were added, a few at a time,
// so the first finish while the rest wait, instead of every file being
// probed before any is decoded (the pool runs prepare jobs first). The
// whole batch can be paused, resumed and cancelled; its progress is
// derived from its videos.
import type { ExtractionSettings } from '../extraction/extraction';
import type { VideoState } from '../store/records';
import type { VideoEntry } from './videoEntry.svelte';

/** What the queue needs of the library (the runner and the pool; fakes in the unit tests). */
export interface BatchRuns {
  /** Extracts the video; its work waits while `held()` says true. Settles when the run has ended. */
  run(entry: VideoEntry, settings: ExtractionSettings, held: () => boolean): Promise<void>;
  /** Cancels a run going (it ends "cancelled"). */
  cancel(entry: VideoEntry): void;
  /** Lets go of a run going without a trace (before it is run again). */
  stop(entry: VideoEntry): void;
  /**
   * Marks the video `queued` and saves it. What an earlier run made goes
   * now, not when its turn comes: a pick made on thumbnails about to be
   * replaced would be lost, and work begun on them (the large view's "Use
   * this frame") must see that they are gone.
   */
  queued(entry: VideoEntry): void;
  /** Saves the video's record as it is now. */
  save(entry: VideoEntry): void;
  /** Runs at once: enough to keep every worker busy. */
  capacity(): number;
  /** Held work changed: the pool looks again. */
  wake(): void;
  /** Milliseconds, for the time the batch has been running. */
  now(): number;
  /** Says what happened to the batch as a whole, in the activity log. */
  log(message: string): void;
}

interface Waiting {
  entry: VideoEntry;
  settings: ExtractionSettings;
}

/** One video of the batch, and the thumbnails it was asked for. */
export interface Member {
  entry: VideoEntry;
  count: number;
}

export interface BatchProgress {
  videos: number;
  /** Videos whose work has ended (done, failed or cancelled). */
  finished: number;
  failed: number;
  cancelled: number;
  /** Thumbnails made or missed so far, and how many there will be (the count asked for, until a video knows its own). */
  thumbs: number;
  expectedThumbs: number;
}

const SETTLED: readonly VideoState[] = ['done', 'error', 'cancelled'];

export class BatchQueue {
  /** Videos waiting for their turn, first first. */
  waiting = $state.raw<Waiting[]>([]);
  /** Runs of the batch going now (a run, not its video: a video queued again while its run ends has two). */
  running = $state.raw<{ entry: VideoEntry }[]>([]);
  paused = $state(false);
  /** The videos of the batch, in the order added; a new batch starts when one is added to an idle queue. */
  members = $state.raw<Member[]>([]);
  /** Milliseconds the batch has run, not counting pauses, up to `activeSince`. */
  private activeMs = 0;
  /** When the current stretch of running began; null while paused or idle. */
  private activeSince: number | null = null;

  readonly progress: BatchProgress = $derived.by(() => progressOf(this.members));
  /** Work waits or runs (paused or not). */
  readonly active = $derived(this.waiting.length > 0 || this.running.length > 0);

  constructor(private readonly runs: BatchRuns) {}

  /** Adds videos at the end of the queue; one already waiting keeps its place, with the new settings. */
  enqueue(items: readonly { entry: VideoEntry; settings: ExtractionSettings }[]): void {
    if (items.length === 0) return;
    if (!this.active) this.startBatch();
    const waiting = [...this.waiting];
    const members = [...this.members];
    for (const { entry, settings } of items) {
      const member = members.findIndex((m) => m.entry === entry);
      // A still has one thumbnail, whatever the count asks of the videos.
      const count = entry.kind === 'image' ? 1 : settings.count;
      if (member >= 0) members[member] = { entry, count };
      else members.push({ entry, count });
      const queued = waiting.findIndex((w) => w.entry === entry);
      if (queued >= 0) {
        waiting[queued] = { ...waiting[queued]!, settings };
        continue;
      }
      // A run going for it (a video extracted again) gives way to this one, without a trace.
      if (entry.working) this.runs.stop(entry);
      waiting.push({ entry, settings });
      this.runs.queued(entry);
    }
    this.waiting = waiting;
    this.members = members;
    this.pump();
  }

  /** Whether the video waits for its turn. */
  isWaiting(entry: VideoEntry): boolean {
    return this.waiting.some((w) => w.entry === entry);
  }

  /** Cancels one video: out of the queue if it waits, or its run stopped. */
  cancel(entry: VideoEntry): void {
    if (!this.isWaiting(entry)) return this.runs.cancel(entry);
    this.waiting = this.waiting.filter((w) => w.entry !== entry);
    this.cancelled(entry);
    this.settle();
  }

  /** Takes a video out of the batch without a trace (it is being forgotten). */
  remove(entry: VideoEntry): void {
    this.waiting = this.waiting.filter((w) => w.entry !== entry);
    this.members = this.members.filter((m) => m.entry !== entry);
    this.settle();
  }

  /** Empties the queue and forgets the batch (the library is being cleared; runs are stopped by it). */
  clear(): void {
    this.waiting = [];
    this.members = [];
    this.paused = false;
    this.activeSince = null;
    this.activeMs = 0;
  }

  /**
   * Holds the batch: no video starts, and the runs going stop taking
   * workers once their jobs running now end (one decode task: well under a
   * second on a short video).
   */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.stopClock();
    this.runs.wake();
    this.runs.log(`Paused the batch: ${this.running.length} started, ${this.waiting.length} waiting`);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.active) this.activeSince = this.runs.now();
    this.runs.wake();
    this.pump();
    this.runs.log('Resumed the batch');
  }

  /** Cancels the whole batch: every waiting video and every run going. */
  cancelAll(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) this.cancelled(w.entry);
    for (const { entry } of this.running) this.runs.cancel(entry);
    this.paused = false;
    this.settle();
    this.runs.wake();
    this.runs.log(`Cancelled the batch: ${this.running.length} stopped, ${waiting.length} not started`);
  }

  /** Milliseconds the batch has been running, pauses not counted. */
  elapsedMs(): number {
    return this.activeMs + (this.activeSince === null ? 0 : this.runs.now() - this.activeSince);
  }

  /** Starts videos while there is room and the batch is not paused. Called again when the room changes (workers). */
  pump(): void {
    while (!this.paused && this.waiting.length > 0 && this.running.length < Math.max(1, this.runs.capacity())) {
      const [next, ...rest] = this.waiting;
      this.waiting = rest;
      this.start(next!);
    }
  }

  private start({ entry, settings }: Waiting): void {
    const run = { entry };
    this.running = [...this.running, run];
    void this.runs
      .run(entry, settings, () => this.paused)
      .finally(() => {
        this.running = this.running.filter((r) => r !== run);
        this.settle();
        this.pump();
      });
  }

  /** A waiting video taken out of the queue. */
  private cancelled(entry: VideoEntry): void {
    entry.state = 'cancelled';
    this.runs.save(entry);
  }

  private startBatch(): void {
    this.members = [];
    this.activeMs = 0;
    this.activeSince = this.paused ? null : this.runs.now();
  }

  /** When nothing waits or runs any more, the batch's clock stops, and a pause has nothing left to hold. */
  private settle(): void {
    if (this.active) return;
    this.stopClock();
    this.paused = false;
  }

  private stopClock(): void {
    if (this.activeSince === null) return;
    this.activeMs += this.runs.now() - this.activeSince;
    this.activeSince = null;
  }
}

function progressOf(members: readonly Member[]): BatchProgress {
  const progress: BatchProgress = { videos: members.length, finished: 0, failed: 0, cancelled: 0, thumbs: 0, expectedThumbs: 0 };
  for (const { entry, count } of members) {
    const settled = entry.settled;
    progress.thumbs += settled;
    if (SETTLED.includes(entry.state)) {
      progress.finished++;
      if (entry.state === 'error') progress.failed++;
      if (entry.state === 'cancelled') progress.cancelled++;
      progress.expectedThumbs += settled;
    } else {
      progress.expectedThumbs += entry.total > 0 ? entry.total : count;
    }
  }
  return progress;
}
