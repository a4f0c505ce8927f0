// The one error class for "this file cannot be used": thrown by the probes
// in the workers, carried to the page as { kind, message }, thrown again
// there by extract().
import type { FailureKind } from './types';

/** A file we understood well enough to say what is wrong with it; `kind` says why, for the UI. */
export class FileFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'FileFailure';
  }
}
