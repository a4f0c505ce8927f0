// The videos on the page and their thumbnails, as reactive state. Finished
// thumbnails are immutable objects in `$state.raw` arrays: adding one
// replaces the array, and keyed blocks re-render only what changed.
import { getCoreModule } from '../engine/coreModule';
import { extract, ExtractionFailure, type ExtractionSettings, type ExtractionTimings, type Thumbnail } from '../engine/extraction';
import type { EngineName, VideoInfo } from '../engine/types';
import { WorkerPool } from '../engine/workerPool';

export type VideoState = 'probing' | 'extracting' | 'done' | 'error' | 'cancelled';

export interface ThumbView extends Thumbnail {
  url: string;
  bytes: number;
  picked: boolean;
}

export interface MissedThumb {
  index: number;
  reason: string;
}

let nextId = 1;

export class VideoEntry {
  readonly id = `v${nextId++}`;
  readonly name: string;
  readonly size: number;
  readonly file: File;

  state = $state<VideoState>('probing');
  info = $state.raw<VideoInfo | null>(null);
  engine = $state<EngineName | null>(null);
  total = $state(0);
  thumbs = $state.raw<ThumbView[]>([]);
  misses = $state.raw<MissedThumb[]>([]);
  error = $state<string | null>(null);
  /** The settings of the latest run. */
  settings = $state.raw<ExtractionSettings | null>(null);
  timings = $state.raw<ExtractionTimings | null>(null);

  controller: AbortController | null = null;

  constructor(file: File) {
    this.file = file;
    this.name = file.name;
    this.size = file.size;
  }

  get working(): boolean {
    return this.state === 'probing' || this.state === 'extracting';
  }

  /** Thumbnails settled so far (made or missed), for the progress bar. */
  get settled(): number {
    return this.thumbs.length + this.misses.length;
  }

  addThumb(thumb: Thumbnail): void {
    const view: ThumbView = { ...thumb, url: URL.createObjectURL(thumb.jpeg), bytes: thumb.jpeg.size, picked: false };
    this.thumbs = insertByIndex(this.thumbs, view);
  }

  togglePick(index: number): void {
    this.thumbs = this.thumbs.map((t) => (t.index === index ? { ...t, picked: !t.picked } : t));
  }

  /** Forgets the previous run's results, releasing their object URLs. */
  reset(): void {
    for (const thumb of this.thumbs) URL.revokeObjectURL(thumb.url);
    this.thumbs = [];
    this.misses = [];
    this.error = null;
    this.total = 0;
    this.timings = null;
  }
}

function insertByIndex(list: readonly ThumbView[], view: ThumbView): ThumbView[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.index < view.index) lo = mid + 1;
    else hi = mid;
  }
  const copy = list.slice();
  if (copy[lo]?.index === view.index) copy[lo] = view;
  else copy.splice(lo, 0, view);
  return copy;
}

export class Library {
  videos = $state.raw<VideoEntry[]>([]);
  busy = $state(false);
  /** Workers running a job right now. */
  runningJobs = $state(0);
  readonly pool: WorkerPool;

  constructor(workers: number) {
    this.pool = new WorkerPool(workers, getCoreModule);
    this.pool.onChange = (busy, runningJobs) => {
      this.busy = busy;
      this.runningJobs = runningJobs;
    };
    requestIdleCallback(() => this.pool.warm(), { timeout: 2000 });
  }

  setWorkers(count: number): void {
    this.pool.resize(count);
  }

  add(files: readonly File[], settings: ExtractionSettings): VideoEntry[] {
    // Every file decodes with ffmpeg.wasm: compile its core while the files are probed.
    void getCoreModule().catch(() => {}); // a failure is reported by the first task that needs it
    const added = files.map((file) => new VideoEntry(file));
    this.videos = [...this.videos, ...added];
    for (const entry of added) void this.run(entry, settings);
    return added;
  }

  /** Extracts (again) with `settings`; a run already going for this video is cancelled first. */
  async run(entry: VideoEntry, settings: ExtractionSettings): Promise<void> {
    entry.controller?.abort(new DOMException('Superseded by a new run', 'AbortError'));
    const controller = new AbortController();
    entry.controller = controller;
    entry.reset();
    entry.settings = settings;
    entry.state = 'probing';
    let timings: ExtractionTimings | null = null;
    let failure: unknown = null;
    try {
      timings = await extract(
        this.pool,
        entry.file,
        settings,
        {
          probed: (info) => (entry.info = info),
          started(engine, total) {
            entry.engine = engine;
            entry.total = total;
            entry.state = 'extracting';
          },
          thumbnail: (thumb) => entry.addThumb(thumb),
          missed: (index, reason) => (entry.misses = [...entry.misses, { index, reason }]),
        },
        controller.signal,
      );
    } catch (error) {
      failure = error;
    }
    if (entry.controller !== controller) return; // a newer run owns the entry now
    entry.controller = null;
    if (controller.signal.aborted) {
      entry.state = 'cancelled';
    } else if (failure) {
      entry.state = 'error';
      entry.error = failure instanceof ExtractionFailure ? failure.message : `Extraction failed: ${failure instanceof Error ? failure.message : String(failure)}`;
    } else if (entry.thumbs.length === 0) {
      entry.state = 'error';
      const first = entry.misses[0]?.reason;
      entry.error = `None of the ${entry.total} frames could be decoded; the video data is probably damaged.${first ? ` ${first}` : ''}`;
    } else {
      entry.timings = timings;
      entry.state = 'done';
    }
  }

  cancel(entry: VideoEntry): void {
    entry.controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }

  remove(entry: VideoEntry): void {
    this.cancel(entry);
    entry.reset();
    this.videos = this.videos.filter((v) => v !== entry);
  }
}
