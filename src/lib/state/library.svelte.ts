// The videos on the page, as one collection: files admitted (reused when
// stored with the same settings), runs started through the ExtractionRunner,
// writes made through the WriteQueue, and the library kept in IndexedDB
// read back at load, so a reload (or a bookmarked URL) shows the same
// videos and thumbnails without the files.
import { getCoreModule } from '../extraction/coreModule';
import { likelyNeedsFfmpeg } from '../extraction/engineChoice';
import { extract, type ExtractionSettings } from '../extraction/extraction';
import { frameService, type FrameService } from '../extraction/frameService';
import { WorkerPool } from '../extraction/workerPool';
import { fingerprintOffMainThread } from '../store/fingerprinter';
import { askForPersistence, LibraryStore } from '../store/libraryStore';
import { STORAGE_FULL_MESSAGE, StorageError } from '../store/storageError';
import { WriteQueue } from '../store/writeQueue';
import { sameExtraction } from '../settings';
import type { RenderedFrame, Span } from '../../shared/types';
import { errorMessage } from '../../shared/errorMessage';
import { formatTime } from '../format';
import { whenIdle } from '../idle';
import type { ThumbRecord } from '../store/records';
import { ActivityLog } from './activity.svelte';
import { ExtractionRunner } from './extractionRunner';
import { thumbRecord, VideoEntry, zoomId } from './videoEntry.svelte';

export { VideoEntry, type ThumbView } from './videoEntry.svelte';

const BLOCKED_MESSAGE = 'Another tab with an older Framepick holds the library: close it to see and save your library. Until then results are kept in this page only.';

/** Ids for files that could not even be read for a fingerprint (extraction will say why). */
let unreadable = 0;

export class Library {
  /** The videos, in the order they were added. */
  videos = $state.raw<VideoEntry[]>([]);
  /** Zoomed views into them (see zoom()), kept so going back to one is instant. */
  zooms = $state.raw<VideoEntry[]>([]);
  busy = $state(false);
  /** Workers running a job right now. */
  runningJobs = $state(0);
  /** Whether the stored library has been read (or found unavailable): until then a linked video may still be on its way. */
  restoredYet = $state(false);
  /** What the user should know about storage (full, unavailable), or null. */
  storageMessage = $state<string | null>(null);
  /** The JPEG bytes and the number of thumbnails the library holds, zoomed views included. */
  readonly held = $derived.by(() => {
    let bytes = 0;
    let thumbnails = 0;
    for (const entry of [...this.videos, ...this.zooms]) {
      thumbnails += entry.thumbs.length;
      for (const thumb of entry.thumbs) bytes += thumb.bytes;
    }
    return { bytes, thumbnails };
  });
  readonly pool: WorkerPool;
  /** What the large view and the exports may ask of the workers. */
  readonly frames: FrameService;
  /** Settles once the stored library has been read (or found unavailable). */
  readonly restored: Promise<void>;

  private readonly queue = new WriteQueue((error) => this.storageFailed(error));
  readonly activity = new ActivityLog((record) => this.queue.log(record));
  private readonly runner: ExtractionRunner;

  constructor(workers: number) {
    this.pool = new WorkerPool(workers, getCoreModule);
    this.frames = frameService(this.pool);
    this.runner = new ExtractionRunner((...args) => extract(this.pool, ...args), this.queue, this.activity);
    this.pool.onChange = (busy, runningJobs) => {
      this.busy = busy;
      this.runningJobs = runningJobs;
    };
    whenIdle(() => this.pool.warm(), 2000);
    this.restored = this.restore().finally(() => (this.restoredYet = true));
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

  /**
   * The zoomed view of `video` over `span`, made with `settings`: the stored
   * one when it was made with them (instant), else made now (when the file
   * is here). Null when there is neither a stored view nor the file.
   */
  zoom(video: VideoEntry, span: Span, settings: ExtractionSettings): VideoEntry | null {
    const id = zoomId(video.id, span);
    let entry = this.zooms.find((z) => z.id === id);
    if (!entry) {
      if (!video.file) return null;
      entry = new VideoEntry({ id, parentId: video.id, span, name: video.name, size: video.size, lastModified: video.lastModified, addedAt: Date.now() });
      this.zooms = [...this.zooms, entry];
    }
    entry.file = video.file;
    const fresh = entry.state === 'done' && sameExtraction(entry.settings, settings);
    // A new view is "probing" before its run starts: a run going has a controller.
    if (entry.controller === null && !fresh && entry.file) void this.run(entry, settings);
    return entry;
  }

  /** The zoomed views into `video`. */
  private zoomsOf(video: VideoEntry): VideoEntry[] {
    return this.zooms.filter((z) => z.parentId === video.id);
  }

  /** Shows a fingerprinted file and runs it, unless the library already has its thumbnails for these settings. */
  private admit(file: File, id: string, settings: ExtractionSettings, order: number): void {
    let entry = this.videos.find((v) => v.id === id);
    if (entry) {
      entry.file = file;
      for (const zoomed of this.zoomsOf(entry)) zoomed.file = file;
      if (entry.working) return;
      if (entry.state === 'done' && sameExtraction(entry.settings, settings)) {
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
  run(entry: VideoEntry, settings: ExtractionSettings): Promise<void> {
    return this.runner.run(entry, settings);
  }

  cancel(entry: VideoEntry): void {
    this.runner.cancel(entry);
  }

  togglePick(entry: VideoEntry, index: number): void {
    const thumb = entry.thumbs.find((t) => t.index === index);
    if (!thumb) return;
    const picked = !thumb.picked;
    entry.setPicked(index, picked);
    this.queue.write(entry, (store) => store.setPicked(entry.id, index, picked));
    if (picked) this.keepPicks();
    this.activity.add(picked ? 'pick' : 'unpick', entry.name, `${picked ? 'Picked' : 'Unpicked'} the frame at ${formatTime(thumb.identity.pts)}`, { index, pts: thumb.identity.pts });
  }

  /** Picks thumbnail `index` (the suggested one), unless it already is. */
  pick(entry: VideoEntry, index: number): void {
    if (entry.thumbs.some((t) => t.index === index && !t.picked)) this.togglePick(entry, index);
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
    this.queue.write(entry, (store) => store.putThumb(record));
    this.activity.add('adjust', entry.name, `Moved thumbnail ${index + 1} from ${formatTime(view.adjustedFrom ?? view.time)} to the frame at ${formatTime(frame.pts)}, and picked it`, {
      index,
      pts: frame.pts,
      frameNumber: frame.frameNumber,
    });
  }

  /** Removes a video from the page and from storage, for good: its run, if one is going, saves and logs nothing more. */
  forget(entry: VideoEntry): void {
    const zoomed = this.zoomsOf(entry);
    for (const view of [entry, ...zoomed]) {
      this.runner.stop(view);
      view.reset();
      void this.queue.forget(view);
    }
    this.videos = this.videos.filter((v) => v !== entry);
    this.zooms = this.zooms.filter((z) => !zoomed.includes(z));
    this.spaceFreed();
    this.activity.add('forget', entry.name, 'Forgot the video and its thumbnails');
  }

  /** Removes every video from the page and from storage. */
  clearAll(): void {
    const entries = [...this.videos, ...this.zooms];
    for (const entry of entries) {
      this.runner.stop(entry);
      entry.reset();
    }
    this.videos = [];
    this.zooms = [];
    this.activity.clear();
    const cleared = this.queue.clearAll(entries);
    this.spaceFreed();
    // Logged once the old log is gone, so it survives the clearing.
    void cleared.then((done) => done && this.activity.add('clear', null, 'Cleared the library'));
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

  /**
   * Takes the opened store: shows what it holds, and saves what this page
   * made before it opened. A video made here that the store also holds (a
   * file dropped while another tab blocked the database) stays as made
   * here: it is the one on the page, maybe still extracting, and its
   * thumbnails replace the stored ones.
   */
  private async adopt(store: LibraryStore): Promise<void> {
    const { videos, thumbs, activity, setAside } = await store.load();
    const byVideo = new Map<string, ThumbRecord[]>();
    for (const thumb of thumbs) byVideo.set(thumb.videoId, [...(byVideo.get(thumb.videoId) ?? []), thumb]);
    const madeHere = [...this.videos, ...this.zooms];
    const live = new Set(madeHere.map((v) => v.id));
    const storedOnly = videos.filter((record) => !live.has(record.id)).map((record) => VideoEntry.fromRecord(record, byVideo.get(record.id) ?? []));
    // A zoomed view whose video is gone (forgotten in another tab) is not shown.
    const storedVideos = storedOnly.filter((entry) => entry.parentId === null);
    this.videos = [...storedVideos, ...this.videos];
    const ids = new Set(this.videos.map((v) => v.id));
    this.zooms = [...storedOnly.filter((entry) => entry.parentId !== null && ids.has(entry.parentId)), ...this.zooms];
    this.activity.restore(activity);
    this.queue.attach(store);
    if (thumbs.some((thumb) => thumb.picked)) this.keepPicks();
    if (setAside.length > 0) {
      const one = setAside.length === 1;
      const message = `${setAside.length} stored record${one ? '' : 's'} could not be read (damaged, or from another version of Framepick) and ${one ? 'was' : 'were'} set aside; the rest of the library is here.`;
      this.activity.add('storage', null, message, { setAside });
      this.storageMessage = message;
    }
    if (this.storageMessage === BLOCKED_MESSAGE) this.storageMessage = null;
    for (const entry of madeHere) {
      this.queue.write(entry, (s) => s.clearThumbs(entry.id));
      this.runner.save(entry);
      for (const thumb of entry.thumbs) {
        const record = thumbRecord(entry.id, thumb);
        this.queue.write(entry, (s) => s.putThumb(record));
      }
    }
  }

  /**
   * The library holds something the person chose: ask the browser not to
   * evict it under storage pressure. Not before: Firefox asks the person,
   * and a prompt at the first drop, before anything is worth keeping, is
   * one people learn to refuse.
   */
  private keepPicks(): void {
    if (this.queue.attached) void askForPersistence();
  }

  private unavailable(error: unknown): void {
    this.queue.attach(null);
    this.storageMessage = error instanceof StorageError ? error.message : `The stored library could not be read: ${String(error)}`;
  }

  private storageFailed(error: unknown): void {
    // The browser's own words ("Error preparing Blob/File data...") help
    // nobody on the page: they go to the log's details, not the message.
    const message = error instanceof StorageError ? error.message : 'This browser refused to save part of the library: what you see is kept in this page until it is closed.';
    if (this.storageMessage !== message) this.activity.add('storage', null, message, { error: errorMessage(error) });
    this.storageMessage = message;
  }

  /** After a deletion there may be room again (the queue tries saving new results): the message about a full storage goes. */
  private spaceFreed(): void {
    if (this.storageMessage === STORAGE_FULL_MESSAGE) this.storageMessage = null;
  }
}
