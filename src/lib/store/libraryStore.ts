// The library in IndexedDB (through `idb`, a small promise wrapper): video
// records, thumbnails with their JPEG bytes, and picks. Every write is its
// own transaction, so a failure (a full quota) loses only that write.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActivityRecord, ThumbRecord, VideoRecord } from './records';
import * as v from 'valibot';
import { activityRecord, RECORD_VERSION, recordProblem, storedThumb, videoRecord } from './recordSchema';
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

/** A record that failed its check at load, kept out of the way rather than deleted. */
interface SetAsideRecord {
  from: 'videos' | 'thumbs' | 'activity';
  at: string;
  problem: string;
  record: unknown;
}

/** Records as written: with the shape's version (recordSchema.ts). */
type Versioned<T> = T & { v?: number };

interface FramepickDB extends DBSchema {
  videos: { key: string; value: Versioned<VideoRecord> };
  thumbs: { key: [string, number]; value: Versioned<StoredThumb>; indexes: { byVideo: string } };
  activity: { key: number; value: Versioned<ActivityRecord> };
  setAside: { key: number; value: SetAsideRecord };
}

const DB_NAME = 'framepick';
/** 1: videos and thumbnails. 2: the activity log. 3: records set aside at load. */
const DB_VERSION = 3;

export interface StoredLibrary {
  videos: VideoRecord[];
  thumbs: ThumbRecord[];
  activity: ActivityRecord[];
  /** What was set aside at this load, one line per record (which store, and why). */
  setAside: string[];
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
          if (oldVersion < 3) db.createObjectStore('setAside', { autoIncrement: true });
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

  /**
   * Everything stored that passes its check (recordSchema.ts). A record
   * that fails is moved to the `setAside` store, so one bad record (a
   * damaged disk, a newer version's shape) neither hides the rest nor is
   * lost, and is reported at the one load that moves it.
   */
  async load(): Promise<StoredLibrary> {
    const tx = this.db.transaction(['videos', 'thumbs', 'activity']);
    const [videos, videoKeys, thumbs, thumbKeys, activity, activityKeys] = await Promise.all([
      tx.objectStore('videos').getAll(),
      tx.objectStore('videos').getAllKeys(),
      tx.objectStore('thumbs').getAll(),
      tx.objectStore('thumbs').getAllKeys(),
      tx.objectStore('activity').getAll(),
      tx.objectStore('activity').getAllKeys(),
      tx.done,
    ]);
    const bad: (SetAsideRecord & { key: IDBValidKey })[] = [];
    const checked = <T>(from: SetAsideRecord['from'], schema: v.GenericSchema, records: T[], keys: IDBValidKey[]): T[] =>
      records.filter((record, i) => {
        const problem = recordProblem(schema, record);
        if (problem !== null) bad.push({ from, at: new Date().toISOString(), problem, record, key: keys[i]! });
        return problem === null;
      });
    const good = {
      videos: checked('videos', videoRecord, videos, videoKeys).sort((a, b) => a.addedAt - b.addedAt),
      thumbs: checked('thumbs', storedThumb, thumbs, thumbKeys).map(fromStored),
      activity: checked('activity', activityRecord, activity, activityKeys),
    };
    if (bad.length > 0) await this.setAside(bad);
    return { ...good, setAside: bad.map((b) => `${b.from}: ${b.problem}`) };
  }

  private async setAside(records: (SetAsideRecord & { key: IDBValidKey })[]): Promise<void> {
    const tx = this.db.transaction(['videos', 'thumbs', 'activity', 'setAside'], 'readwrite');
    await Promise.all([
      ...records.flatMap(({ key, ...kept }) => [tx.objectStore(kept.from).delete(key as never), tx.objectStore('setAside').add(kept)]),
      tx.done,
    ]);
  }

  putVideo(record: VideoRecord): Promise<void> {
    return this.write(async () => {
      await this.db.put('videos', { ...record, v: RECORD_VERSION });
    });
  }

  putThumb(record: ThumbRecord): Promise<void> {
    return this.write(async () => {
      await this.db.put('thumbs', { ...record, v: RECORD_VERSION, jpeg: await record.jpeg.arrayBuffer() });
    });
  }

  addActivity(record: ActivityRecord): Promise<void> {
    return this.write(async () => {
      await this.db.add('activity', { ...record, v: RECORD_VERSION });
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
