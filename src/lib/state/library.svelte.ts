// The videos on the page, as one collection: files admitted (reused when
// stored with the same settings) into the BatchQueue, runs started through
// the ExtractionRunner, writes made through the WriteQueue, and the library
// kept in IndexedDB read back at load, so a reload (or a bookmarked URL)
// shows the same videos and thumbnails without the files.
import { ffmpegExpected, getCoreModule } from '../extraction/coreModule';
import { likelyNeedsFfmpeg } from '../extraction/engineChoice';
import { extract, type ExtractionSettings } from '../extraction/extraction';
import { fileKey } from '../extraction/fileKeys';
import { extractStill } from '../extraction/stillExtraction';
import { mediaKindOf } from '../mediaKind';
import { frameService, type FrameService } from '../extraction/frameService';
import { WorkerPool } from '../extraction/workerPool';
import { objectUrls } from '../offMainThread/objectUrls';
import { fingerprintOffMainThread } from '../store/fingerprinter';
import { askForPersistence, LibraryStore } from '../store/libraryStore';
import { STORAGE_FULL_MESSAGE, StorageError } from '../store/storageError';
import { WriteQueue } from '../store/writeQueue';
import type { EnginePreference, RenderedFrame, Span } from '../../shared/types';
import { errorMessage } from '../../shared/errorMessage';
import { formatTime } from '../format';
import { whenIdle } from '../idle';
import type { ThumbRecord } from '../store/records';
import { nextTask } from '../nextTask';
import { ActivityLog } from './activity.svelte';
import { BatchQueue } from './batchQueue.svelte';
import { ExtractionRunner } from './extractionRunner';
import { thumbRecord, VideoEntry, zoomId } from './videoEntry.svelte';

export { VideoEntry, type ThumbView } from './videoEntry.svelte';

const BLOCKED_MESSAGE = 'Another tab with an older Framepick holds the library: close it to see and save your library. Until then results are kept in this page only.';

/** Ids for files that could not even be read for a fingerprint (extraction will say why). */
let unreadable = 0;

/**
 * Files sent to be fingerprinted per task. Posting a File to a worker
 * clones it, and Chromium stats the file (a synchronous call to the
 * browser process) the first time: 300 files in one task was a 302 ms
 * task here (0.3 ms a file, CPU profile), and CI, at about 4 ms a file,
 * saw 248 ms for 50. Four a task keep each near 16 ms even there, and a
 * slow browser process (a loaded machine) holds the page up for four
 * calls at most.
 */
const FINGERPRINTS_PER_TASK = 4;

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
      bytes += entry.bytes;
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
  /** Files go through it in the order added, a few at a time (see BatchQueue). */
  readonly batch: BatchQueue;

  constructor(workers: number) {
    this.pool = new WorkerPool(workers, getCoreModule);
    this.frames = frameService(this.pool);
    this.runner = new ExtractionRunner(
      { video: (...args) => extract(this.pool, ...args), image: (file, settings, _span, listener, signal, held) => extractStill(this.pool, file, settings, listener, signal, held) },
      this.queue,
      this.activity,
    );
    this.batch = new BatchQueue({
      run: (entry, settings, held) => this.runner.run(entry, settings, held),
      cancel: (entry) => this.runner.cancel(entry),
      stop: (entry) => this.runner.stop(entry),
      queued: (entry) => {
        if (entry.thumbs.length > 0 || entry.misses.length > 0 || entry.error !== null) {
          entry.reset();
          this.queue.write(entry, (store) => store.clearThumbs(entry.id));
        }
        entry.state = 'queued';
        this.runner.save(entry);
      },
      save: (entry) => this.runner.save(entry),
      // One video more than there are workers: while one is probed or
      // finishing, the others' decodes keep every worker busy.
      capacity: () => this.pool.size + 1,
      wake: () => this.pool.wake(),
      now: () => performance.now(),
      log: (message) => this.activity.add('batch', null, message),
    });
    this.pool.onChange = (busy, runningJobs) => {
      this.busy = busy;
      this.runningJobs = runningJobs;
    };
    // Every worker a dropped file goes through, started before the drop.
    whenIdle(() => {
      this.pool.warm();
      fingerprintOffMainThread.warm();
      objectUrls.warm();
    }, 2000);
    this.restored = this.restore().finally(() => (this.restoredYet = true));
  }

  /** Readies ffmpeg.wasm while the page is idle, when `engine` means the files to come will probably need it. */
  expectEngine(engine: EnginePreference): void {
    whenIdle(async () => {
      if (!(await ffmpegExpected(engine))) return;
      await getCoreModule().catch(() => {}); // a failure is reported by the task that needs it
      // The bundled sample: from our origin, cached by the service worker.
      this.pool.warmFfmpeg(new URL('sample.mp4', document.baseURI).href);
    }, 2000);
  }

  setWorkers(count: number): void {
    this.pool.resize(count);
    this.batch.pump();
  }

  /**
   * Adds dropped files to the batch. A file already in the library (same
   * fingerprint) is not added twice: if its stored thumbnails were made
   * with these settings they are kept, otherwise it is extracted again.
   */
  async add(files: readonly File[], settings: ExtractionSettings): Promise<void> {
    // Compile the ffmpeg core while the files are probed, if they look like they will need it.
    if (files.some((file) => mediaKindOf(file) !== 'image' && likelyNeedsFfmpeg(file.name, settings.engine))) void getCoreModule().catch(() => {}); // a failure is reported by the task that needs it
    else if (files[0] && mediaKindOf(files[0]) !== 'image') this.pool.openAhead(files[0], fileKey(files[0]));
    await this.restored;
    // Fingerprinted in a worker (see workers/fingerprinter.ts), sent a few
    // per task (FINGERPRINTS_PER_TASK), one chunk ahead of the answers, and
    // shown one by one as the answers come, each in a task of its own: 50
    // new cards rendered in one flush were a 320 ms main-thread task (CPU
    // profile of 50 files dropped at once), and the first video starts
    // extracting at once.
    const ids: Promise<string>[] = [];
    const send = () => {
      for (const file of files.slice(ids.length, ids.length + FINGERPRINTS_PER_TASK)) ids.push(fingerprintOffMainThread(file).catch(() => `unreadable-${Date.now()}-${unreadable++}`));
    };
    send();
    const reused: VideoEntry[] = [];
    for (const [i, file] of files.entries()) {
      if (i % FINGERPRINTS_PER_TASK === 0 && ids.length < files.length) {
        await nextTask();
        send();
      }
      const entry = this.admit(file, await ids[i]!, settings, i);
      if (entry) reused.push(entry);
    }
    this.logReuse(reused);
  }

  /** Extracts the entries again with `settings`, through the batch. */
  runAll(entries: readonly VideoEntry[], settings: ExtractionSettings): void {
    this.batch.enqueue(entries.filter((entry) => entry.file).map((entry) => ({ entry, settings })));
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
    const fresh = entry.state === 'done' && entry.madeWith(settings);
    // A new view is "probing" before its run starts: a run going has a controller.
    if (entry.controller === null && entry.state !== 'queued' && !fresh && entry.file) void this.run(entry, settings);
    return entry;
  }

  /** The zoomed views into `video`. */
  zoomsOf(video: VideoEntry): VideoEntry[] {
    return this.zooms.filter((z) => z.parentId === video.id);
  }

  /**
   * Shows a fingerprinted file and queues it, unless the library already
   * has its thumbnails for these settings: then it returns the entry reused.
   */
  private admit(file: File, id: string, settings: ExtractionSettings, order: number): VideoEntry | null {
    let entry = this.videos.find((v) => v.id === id);
    if (entry) {
      entry.file = file;
      for (const zoomed of this.zoomsOf(entry)) zoomed.file = file;
      if (entry.working || entry.state === 'queued') return null;
      if (entry.state === 'done' && entry.madeWith(settings)) return entry;
    } else {
      entry = new VideoEntry({ id, kind: mediaKindOf(file) === 'image' ? 'image' : 'video', name: file.name, size: file.size, lastModified: file.lastModified, addedAt: Date.now() + order / 1000 });
      entry.state = 'queued';
      entry.file = file;
      this.videos = [...this.videos, entry];
    }
    this.batch.enqueue([{ entry, settings }]);
    return null;
  }

  /** One line for the files whose stored thumbnails were kept (a folder taken again may bring hundreds). */
  private logReuse(reused: readonly VideoEntry[]): void {
    const [first] = reused;
    if (!first) return;
    if (reused.length === 1) this.activity.add('reuse', first.name, `Reused ${first.thumbs.length} stored thumbnails (same file, same settings)`);
    else this.activity.add('reuse', null, `Reused the stored thumbnails of ${reused.length} videos (same files, same settings)`, { videos: reused.map((entry) => entry.name) });
  }

  /** Extracts (again) with `settings`; a run already going for this video is cancelled first. */
  run(entry: VideoEntry, settings: ExtractionSettings): Promise<void> {
    return this.runner.run(entry, settings);
  }

  /** Cancels the video's work: out of the queue if it waits, its run stopped if it runs. */
  cancel(entry: VideoEntry): void {
    this.batch.cancel(entry);
  }

  togglePick(entry: VideoEntry, index: number): void {
    const thumb = entry.thumbs.find((t) => t.index === index);
    if (!thumb) return;
    const picked = !thumb.picked;
    this.setPicked(entry, index, picked);
    this.activity.add(picked ? 'pick' : 'unpick', entry.name, `${picked ? 'Picked' : 'Unpicked'} the frame at ${formatTime(thumb.identity.pts)}`, { index, pts: thumb.identity.pts });
  }

  /** Picks each of `picks` (every video's suggestion, at once): one line in the log for all. */
  pickMany(picks: readonly { entry: VideoEntry; index: number }[], why: string): void {
    for (const { entry, index } of picks) this.setPicked(entry, index, true);
    if (picks.length > 0) this.activity.add('pick', null, why, { videos: picks.map(({ entry, index }) => ({ name: entry.name, index })) });
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
    this.keepPicks();
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
      this.batch.remove(view);
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
    this.batch.clear();
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
  /** Every pick and unpick goes through here: shown, stored, and (a pick) the library asked to be kept. */
  private setPicked(entry: VideoEntry, index: number, picked: boolean): void {
    entry.setPicked(index, picked);
    this.queue.write(entry, (store) => store.setPicked(entry.id, index, picked));
    if (picked) this.keepPicks();
  }

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
