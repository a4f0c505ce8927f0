// Why storage failed, in words for the page: the browser's own ("Error
// preparing Blob/File data...") help nobody there.

/** Storage could not be used at all, or ran out of room. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'full' | 'unavailable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export const STORAGE_FULL_MESSAGE = 'Storage is full: new thumbnails are shown but not saved. Forget some videos to make room.';
