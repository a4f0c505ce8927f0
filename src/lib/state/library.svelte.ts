// The videos on the page: extraction through the worker pool, and the
// library kept in IndexedDB so a reload (or a bookmarked URL) shows the
// same videos and thumbnails without the files.
import { getCoreModule } from '../engine/coreModule';
import { likelyNeedsFfmpeg } from '../engine/engineChoice';
import { extract, ExtractionFailure, type ExtractionSettings, type ExtractionTimings } from '../engine/extraction';
import { WorkerPool } from '../engine/workerPool';
import { fingerprintOffMainThread } from '../store/fingerprinter';
import { askForPersistence, LibraryStore, StorageError } from '../store/libraryStore';
import type { RenderedFrame } from '../engine/types';
import { errorMessage } from '../errorMessage';
import { formatTime } from '../format';
import { whenIdle } from '../idle';
import type { ThumbRecord } from '../store/records';
import { ActivityLog } from './activity.svelte';
import { thumbRecord, VideoEntry } from './videoEntry.svelte';

export { VideoEntry, type ThumbView } from './videoEntry.svelte';

const BLOCKED_MESSAGE = 'Another tab with an older Framepick holds the library: close it to see and save your library. Until then results are kept in this page only.';

/** Ids for files that could not even be read for a fingerprint (extraction will say why). */
let unreadable = 0;

export class Library {
  videos = $state.raw<VideoEntry[]>([]);
  busy = $state(false);
  /** Workers running a job right now. */
  runningJobs = $state(0);
  /** What the user should know about storage (full, unavailable), or null. */
  storageMessage = $state<string | null>(null);
  readonly pool: WorkerPool;
  readonly activity = new ActivityLog((record) => this.persist('activity', (store) => store.addActivity(record)));
  /** Settles once the stored library has been read (or found unavailable). */
  readonly restored: Promise<void>;

  private store: LibraryStore | null = null;
  private storageFull = false;
  /** Writes per video, in order: a thumbnail is never written before its run cleared the old ones. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(workers: number) {
    this.pool = new WorkerPool(workers, getCoreModule);
    this.pool.onChange = (busy, runningJobs) => {
      this.busy = busy;
      this.runningJobs = runningJobs;
    };
    whenIdle(() => this.pool.warm(), 2000);
    this.restored = this.restore();
  }

  setWorkers(count: number): void {
    this.pool.resize(count);
  }

  /**
   * Adds dropped files. A file already in the library (same fingerprint)
   * is not added twice: if its stored thumbnails were made with these
   * settings they are kept, otherwise it is extracted again.
   */
  async add(files: readonly File[], settings: ExtractionSettings): Promise<void> {
    // Compile the ffmpeg core while the files are probed, if they look like they will need it.
    if (files.some((file) => likelyNeedsFfmpeg(file.name, settings.engine))) void getCoreModule().catch(() => {}); // a failure is reported by the task that needs it
    await this.restored;
    // Fingerprinted in a worker (see workers/fingerprinter.ts), and shown
    // one by one as the answers come, each in a task of its own: 50 new
    // cards rendered in one flush were a 320 ms main-thread task (CPU
    // profile of 50 files dropped at once), and the first video now starts
    // extracting at once.
    const ids = files.map((file) => fingerprintOffMainThread(file).catch(() => `unreadable-${Date.now()}-${unreadable++}`));
    for (const [i, file] of files.entries()) this.admit(file, await ids[i]!, settings, i);
  }

  /** Shows a fingerprinted file and runs it, unless the library already has its thumbnails for these settings. */
  private admit(file: File, id: string, settings: ExtractionSettings, order: number): void {
    let entry = this.videos.find((v) => v.id === id);
    if (entry) {
      entry.file = file;
      if (entry.working) return;
      if (entry.state === 'done' && sameSettings(entry.settings, settings)) {
        this.activity.add('reuse', entry.name, `Reused ${entry.thumbs.length} stored thumbnails (same file, same settings)`);
        return;
      }
    } else {
      entry = new VideoEntry({ id, name: file.name, size: file.size, lastModified: file.lastModified, addedAt: Date.now() + order / 1000 });
      entry.file = file;
      this.videos = [...this.videos, entry];
    }
    void this.run(entry, settings);
  }

  /** Extracts (again) with `settings`; a run already going for this video is cancelled first. */
  async run(entry: VideoEntry, settings: ExtractionSettings): Promise<void> {
    const file = entry.file;
    if (!file) return;
    entry.controller?.abort(new DOMException('Superseded by a new run', 'AbortError'));
    const controller = new AbortController();
    entry.controller = controller;
    entry.reset();
    entry.settings = settings;
    entry.state = 'probing';
    this.persist(entry.id, (store) => store.clearThumbs(entry.id));
    this.saveVideo(entry);
    this.activity.add('extract', entry.name, `Extracting ${settings.count} thumbnails (${settings.mode}, ${settings.width} px, quality ${settings.quality})`, { settings });

    let timings: ExtractionTimings | null = null;
    let failure: unknown = null;
    try {
      timings = await extract(
        this.pool,
        file,
        settings,
        {
          probed: (info) => {
            entry.info = info;
            this.saveVideo(entry);
          },
          started(engine, total) {
            entry.engine = engine;
            entry.total = total;
            entry.state = 'extracting';
          },
          fellBack: (reason) => {
            entry.engine = 'ffmpeg';
            entry.fallback = reason;
            this.activity.add('fallback', entry.name, `WebCodecs failed (${reason}); the rest is decoded with ffmpeg.wasm`);
          },
          thumbnail: (thumb) => {
            const view = entry.addThumb(thumb);
            const record = thumbRecord(entry.id, view);
            this.persist(entry.id, (store) => store.putThumb(record));
          },
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
      entry.error = failure instanceof ExtractionFailure ? failure.message : `Extraction failed: ${errorMessage(failure)}`;
    } else if (entry.thumbs.length === 0) {
      entry.state = 'error';
      const first = entry.misses[0]?.reason;
      entry.error = `None of the ${entry.total} frames could be decoded; the video data is probably damaged.${first ? ` ${first}` : ''}`;
    } else {
      entry.timings = timings;
      entry.state = 'done';
    }
    this.saveVideo(entry);
    this.logOutcome(entry);
  }

  private logOutcome(entry: VideoEntry): void {
    if (entry.state === 'cancelled') {
      this.activity.add('extract-cancelled', entry.name, entry.total > 0 ? `Cancelled after ${entry.thumbs.length} of ${entry.total} thumbnails` : 'Cancelled before decoding began');
    } else if (entry.state === 'error') {
      this.activity.add('extract-failed', entry.name, entry.error ?? 'Extraction failed');
    } else if (entry.timings) {
      const t = entry.timings;
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const missed = entry.misses.length > 0 ? `, ${entry.misses.length} missed` : '';
      this.activity.add(
        'extract-done',
        entry.name,
        `${entry.thumbs.length} thumbnails in ${s(t.totalMs)} with ${entry.engine}${missed} (probe ${s(t.prepareMs)}, seek and decode ${s(t.decodeMs)}, encode ${s(t.encodeMs)})`,
        { engine: entry.engine, settings: entry.settings, timings: t, missed: entry.misses.length },
      );
    }
  }

  cancel(entry: VideoEntry): void {
    entry.controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }

  togglePick(entry: VideoEntry, index: number): void {
    const thumb = entry.thumbs.find((t) => t.index === index);
    if (!thumb) return;
    const picked = !thumb.picked;
    entry.setPicked(index, picked);
    this.persist(entry.id, (store) => store.setPicked(entry.id, index, picked));
    this.activity.add(picked ? 'pick' : 'unpick', entry.name, `${picked ? 'Picked' : 'Unpicked'} the frame at ${formatTime(thumb.identity.pts)}`, { index, pts: thumb.identity.pts });
  }

  /**
   * Moves a thumbnail to a frame stepped to in the large view: it now shows
   * that frame (rendered at its size and quality), is requested at that
   * frame's time, and is picked.
   */
  adjustThumb(entry: VideoEntry, index: number, frame: RenderedFrame, jpeg: Blob): void {
    const view = entry.adjust(index, frame, jpeg);
    if (!view) return;
    const record = thumbRecord(entry.id, view);
    this.persist(entry.id, (store) => store.putThumb(record));
    this.activity.add('adjust', entry.name, `Moved thumbnail ${index + 1} from ${formatTime(view.adjustedFrom ?? view.time)} to the frame at ${formatTime(frame.pts)}, and picked it`, {
      index,
      pts: frame.pts,
      frameNumber: frame.frameNumber,
    });
  }

  /** Removes a video from the page and from storage. */
  forget(entry: VideoEntry): void {
    this.cancel(entry);
    entry.reset();
    this.videos = this.videos.filter((v) => v !== entry);
    this.persist(entry.id, (store) => store.forget(entry.id), true);
    this.writes.delete(entry.id);
    this.spaceFreed();
    this.activity.add('forget', entry.name, 'Forgot the video and its thumbnails');
  }

  /** Removes every video from the page and from storage. */
  clearAll(): void {
    for (const entry of this.videos) {
      this.cancel(entry);
      entry.reset();
    }
    this.videos = [];
    const pending = [...this.writes.values()];
    this.writes.clear();
    const store = this.store;
    this.activity.clear();
    const cleared = store ? Promise.allSettled(pending).then(() => store.clear()) : Promise.resolve();
    this.spaceFreed();
    // Logged once the old log is gone, so it survives the clearing.
    void cleared.then(
      () => this.activity.add('clear', null, 'Cleared the library'),
      (error: unknown) => this.storageFailed(error),
    );
  }

  /**
   * Opens the stored library. Settles at once if another tab blocks the
   * database (the page works in memory meanwhile); the library arrives when
   * that tab lets go, and what was made in the meantime is saved then.
   */
  private async restore(): Promise<void> {
    let blocked: () => void = () => {};
    const waiting = new Promise<'blocked'>((resolve) => (blocked = () => resolve('blocked')));
    const opening = LibraryStore.open(() => {
      this.storageMessage = BLOCKED_MESSAGE;
      blocked();
    });
    try {
      const first = await Promise.race([opening, waiting]);
      if (first === 'blocked') {
        void opening.then((store) => this.adopt(store)).catch((error: unknown) => this.unavailable(error));
        return;
      }
      await this.adopt(first);
    } catch (error) {
      this.unavailable(error);
    }
  }

  /** Takes the opened store: shows what it holds, and saves what this page made before it opened. */
  private async adopt(store: LibraryStore): Promise<void> {
    const { videos, thumbs, activity } = await store.load();
    const byVideo = new Map<string, ThumbRecord[]>();
    for (const thumb of thumbs) byVideo.set(thumb.videoId, [...(byVideo.get(thumb.videoId) ?? []), thumb]);
    const stored = new Set(videos.map((v) => v.id));
    const madeHere = this.videos.filter((v) => !stored.has(v.id));
    this.videos = [...videos.map((record) => VideoEntry.fromRecord(record, byVideo.get(record.id) ?? [])), ...madeHere];
    this.activity.restore(activity);
    this.store = store;
    if (this.storageMessage === BLOCKED_MESSAGE) this.storageMessage = null;
    for (const entry of madeHere) {
      this.saveVideo(entry);
      for (const thumb of entry.thumbs) {
        const record = thumbRecord(entry.id, thumb);
        this.persist(entry.id, (s) => s.putThumb(record));
      }
    }
  }

  private unavailable(error: unknown): void {
    this.store = null;
    this.storageMessage = error instanceof StorageError ? error.message : `The stored library could not be read: ${String(error)}`;
  }

  private saveVideo(entry: VideoEntry): void {
    const record = entry.toRecord();
    this.persist(entry.id, (store) => store.putVideo(record));
  }

  /** Queues a write for one video; `force` writes even while storage is full (deletes free space). */
  private persist(videoId: string, write: (store: LibraryStore) => Promise<void>, force = false): void {
    const store = this.store;
    if (!store || (this.storageFull && !force)) return;
    void askForPersistence();
    const previous = this.writes.get(videoId) ?? Promise.resolve();
    const next = previous.then(() => write(store)).catch((error: unknown) => this.storageFailed(error));
    this.writes.set(videoId, next);
  }

  private storageFailed(error: unknown): void {
    // The browser's own words ("Error preparing Blob/File data...") help
    // nobody on the page: they go to the log's details, not the message.
    const message = error instanceof StorageError ? error.message : 'This browser refused to save part of the library: what you see is kept in this page until it is closed.';
    if (this.storageMessage !== message) this.activity.add('storage', null, message, { error: errorMessage(error) });
    if (error instanceof StorageError && error.kind === 'full') this.storageFull = true;
    this.storageMessage = message;
  }

  /** After a deletion there may be room again: try saving new results. */
  private spaceFreed(): void {
    if (!this.storageFull) return;
    this.storageFull = false;
    this.storageMessage = null;
  }
}

function sameSettings(a: ExtractionSettings | null, b: ExtractionSettings): boolean {
  return a !== null && a.count === b.count && a.width === b.width && a.quality === b.quality && a.mode === b.mode && a.engine === b.engine;
}
