// The library's size and the room the browser gives, in words. Pure.
import { formatBytes, plural } from '../format';

export interface StorageFacts {
  /** Bytes of the thumbnails the library holds (its JPEGs: the records beside them are a few hundred bytes). */
  libraryBytes: number;
  thumbnails: number;
  /** navigator.storage.estimate(), when the browser gives one: the whole site's use (the offline copy of the app too) and its quota. */
  estimate: { usage: number; quota: number } | null;
  /** navigator.storage.persisted(): null when unknown. */
  persisted: boolean | null;
}

export function storageWords(facts: StorageFacts): string {
  const library = `Library: ${formatBytes(facts.libraryBytes)} in ${plural(facts.thumbnails, 'thumbnail')}`;
  const room = facts.estimate
    ? `this site uses ${formatBytes(facts.estimate.usage)} of the ${formatBytes(facts.estimate.quota)} the browser allows it`
    : 'the browser does not say how much room it allows';
  const kept = facts.persisted === null ? null : facts.persisted ? 'kept until you clear it' : 'the browser may clear it if the disk runs short';
  return [library, room, kept].filter((part) => part !== null).join(' · ');
}
