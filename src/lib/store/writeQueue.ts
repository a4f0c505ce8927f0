// The library's writes to storage, in order per video, behind the small
// interface below (LibraryStore is the real one; the unit tests use a fake).
// It is the one place that knows what was removed: a video forgotten, or
// a library cleared, is never written again by the work that was running
// for it, however late that work ends.
import { StorageError } from './storageError';
import type { ActivityRecord, ThumbRecord, VideoRecord } from './records';

/** What the queue needs of a store. */
export interface LibraryWrites {
  putVideo(record: VideoRecord): Promise<void>;
  putThumb(record: ThumbRecord): Promise<void>;
  addActivity(record: ActivityRecord): Promise<void>;
  setPicked(videoId: string, index: number, picked: boolean): Promise<void>;
  clearThumbs(videoId: string): Promise<void>;
  forget(videoId: string): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Whose writes these are: a video on the page (the object, not its id: a
 * file dropped again after it was forgotten is a new owner with the same
 * id, whose writes must land), or the activity log.
 */
export type WriteOwner = { readonly id: string };

const ACTIVITY: WriteOwner = { id: '\u0000activity' };

export class WriteQueue {
  /** Storage ran out of room: only deletions are written until some is freed. */
  full = false;

  private store: LibraryWrites | null = null;
  /** The last write queued per video id: each waits for the one before. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly removed = new WeakSet<WriteOwner>();
  /** What a video's first write waits for: the last clearing, so nothing written after it is cleared by it. */
  private barrier: Promise<void> = Promise.resolve();

  /** `failed` hears of every write that failed (a StorageError, or the browser's own error). */
  constructor(private readonly failed: (error: unknown) => void) {}

  /** Writes go to `store` from now on; before, they are not made (the page saves what it shows once a store arrives). */
  attach(store: LibraryWrites | null): void {
    this.store = store;
  }

  get attached(): boolean {
    return this.store !== null;
  }

  /** Queues a write for `owner`'s video, after its earlier ones; nothing for a removed owner, or while storage is full. */
  write(owner: WriteOwner, action: (store: LibraryWrites) => Promise<void>): void {
    if (this.removed.has(owner) || this.full) return;
    this.enqueue(owner.id, action);
  }

  /** Queues a write of the activity log. */
  log(record: ActivityRecord): void {
    this.write(ACTIVITY, (store) => store.addActivity(record));
  }

  /** Removes `owner`'s video from storage after its queued writes, and refuses every later one of that owner. */
  forget(owner: WriteOwner): Promise<void> {
    this.removed.add(owner);
    this.spaceFreed();
    return this.enqueue(owner.id, (store) => store.forget(owner.id));
  }

  /**
   * Empties storage once every queued write has settled; none of `owners`
   * (nor the log before now) writes again. Resolves to whether storage was
   * emptied (a failure went to `failed`).
   */
  clearAll(owners: readonly WriteOwner[]): Promise<boolean> {
    for (const owner of owners) this.removed.add(owner);
    this.spaceFreed();
    const store = this.store;
    const pending = [...this.chains.values()];
    this.chains.clear();
    if (!store) return Promise.resolve(true);
    const cleared = Promise.allSettled(pending)
      .then(() => store.clear())
      .then(
        () => true,
        (error: unknown) => {
          this.failed(error);
          return false;
        },
      );
    // Every later write (the log's "Cleared the library", a file dropped
    // at once) waits for the clearing.
    this.barrier = cleared.then(() => {});
    return cleared;
  }

  /** Settles when every write queued so far has. */
  async idle(): Promise<void> {
    const queued = () => [this.barrier, ...this.chains.values()];
    while (true) {
      const pending = queued();
      await Promise.allSettled(pending);
      if (queued().every((chain) => pending.includes(chain))) return;
    }
  }

  private enqueue(id: string, action: (store: LibraryWrites) => Promise<void>): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const next = (this.chains.get(id) ?? this.barrier).then(() => action(store)).catch((error: unknown) => {
      if (error instanceof StorageError && error.kind === 'full') this.full = true;
      this.failed(error);
    });
    this.chains.set(id, next);
    return next;
  }

  /** After a deletion there may be room again. */
  private spaceFreed(): void {
    this.full = false;
  }
}
