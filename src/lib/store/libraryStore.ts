// The library in IndexedDB (through `idb`, a small promise wrapper): video
// records, thumbnails with their JPEG bytes, and picks. Every write is its
// own transaction, so a failure (a full quota) loses only that write.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActivityRecord, ThumbRecord, VideoRecord } from './records';
import { STORAGE_FULL_MESSAGE, StorageError } from './storageError';
import type { LibraryWrites } from './writeQueue';

export { StorageError } from './storageError';

/**
 * A thumbnail as stored: its JPEG as an ArrayBuffer. WebKit refuses Blobs
 * in IndexedDB in some contexts (private windows, WebKitGTK: "Error
 * preparing Blob/File data to be stored in object store"); every engine
 * stores an ArrayBuffer. Records written before this change hold a Blob,
 * which is read as it is.
 */
type StoredThumb = Omit<ThumbRecord, 'jpeg'> & { jpeg: ArrayBuffer | Blob };

interface FramepickDB extends DBSchema {
  videos: { key: string; value: VideoRecord };
  thumbs: { key: [string, number]; value: StoredThumb; indexes: { byVideo: string } };
  activity: { key: number; value: ActivityRecord };
}

const DB_NAME = 'framepick';
/** 1: videos and thumbnails. 2: the activity log. */
const DB_VERSION = 2;

export interface StoredLibrary {
  videos: VideoRecord[];
  thumbs: ThumbRecord[];
  activity: ActivityRecord[];
}

export class LibraryStore implements LibraryWrites {
  private constructor(private readonly db: IDBPDatabase<FramepickDB>) {}

  /** `onBlocked`: another tab holds an older version of the database open; opening waits until it lets go. */
  static async open(onBlocked: () => void): Promise<LibraryStore> {
    try {
      const db = await openDB<FramepickDB>(DB_NAME, DB_VERSION, {
        upgrade(db, oldVersion) {
          if (oldVersion < 1) {
            db.createObjectStore('videos', { keyPath: 'id' });
            db.createObjectStore('thumbs', { keyPath: ['videoId', 'index'] }).createIndex('byVideo', 'videoId');
          }
          if (oldVersion < 2) db.createObjectStore('activity', { keyPath: 'id', autoIncrement: true });
        },
        blocked: onBlocked,
      });
      // A newer tab wants to upgrade: let it, rather than block it forever.
      db.addEventListener('versionchange', () => db.close());
      return new LibraryStore(db);
    } catch (error) {
      throw new StorageError('unavailable', 'The browser does not let this page store anything (private mode, or storage is disabled). Results are kept until the page is closed.', { cause: error });
    }
  }

  async load(): Promise<StoredLibrary> {
    const tx = this.db.transaction(['videos', 'thumbs', 'activity']);
    const [videos, thumbs, activity] = await Promise.all([
      tx.objectStore('videos').getAll(),
      tx.objectStore('thumbs').getAll(),
      tx.objectStore('activity').getAll(),
      tx.done,
    ]);
    videos.sort((a, b) => a.addedAt - b.addedAt);
    return { videos, thumbs: thumbs.map(fromStored), activity };
  }

  putVideo(record: VideoRecord): Promise<void> {
    return this.write(async () => {
      await this.db.put('videos', record);
    });
  }

  putThumb(record: ThumbRecord): Promise<void> {
    return this.write(async () => {
      await this.db.put('thumbs', { ...record, jpeg: await record.jpeg.arrayBuffer() });
    });
  }

  addActivity(record: ActivityRecord): Promise<void> {
    return this.write(async () => {
      await this.db.add('activity', record);
    });
  }

  async setPicked(videoId: string, index: number, picked: boolean): Promise<void> {
    return this.write(async () => {
      const tx = this.db.transaction('thumbs', 'readwrite');
      const record = await tx.store.get([videoId, index]);
      if (record) await tx.store.put({ ...record, picked });
      await tx.done;
    });
  }

  /** Removes a video's thumbnails (before a new run replaces them). */
  async clearThumbs(videoId: string): Promise<void> {
    const tx = this.db.transaction('thumbs', 'readwrite');
    const range = IDBKeyRange.bound([videoId, -Infinity], [videoId, Infinity]);
    await Promise.all([tx.store.delete(range), tx.done]);
  }

  async forget(videoId: string): Promise<void> {
    const tx = this.db.transaction(['videos', 'thumbs'], 'readwrite');
    await Promise.all([
      tx.objectStore('videos').delete(videoId),
      tx.objectStore('thumbs').delete(IDBKeyRange.bound([videoId, -Infinity], [videoId, Infinity])),
      tx.done,
    ]);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['videos', 'thumbs', 'activity'], 'readwrite');
    await Promise.all([tx.objectStore('videos').clear(), tx.objectStore('thumbs').clear(), tx.objectStore('activity').clear(), tx.done]);
  }

  private async write(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (isQuotaError(error)) throw new StorageError('full', STORAGE_FULL_MESSAGE, { cause: error });
      throw error;
    }
  }
}

function fromStored(record: StoredThumb): ThumbRecord {
  const { jpeg } = record;
  return { ...record, jpeg: jpeg instanceof Blob ? jpeg : new Blob([jpeg], { type: 'image/jpeg' }) };
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  // A transaction aborted for lack of space reports QuotaExceededError, on the request or the transaction.
  return error.name === 'QuotaExceededError' || (error.name === 'AbortError' && /quota/i.test(error.message));
}

/** Asks the browser not to evict the library under storage pressure. Once per page. */
let persistenceAsked = false;
export async function askForPersistence(): Promise<void> {
  if (persistenceAsked || !navigator.storage?.persist) return;
  persistenceAsked = true;
  try {
    if (!(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Best effort: without it the library is still stored, just evictable.
  }
}
