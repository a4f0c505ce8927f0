import type { FailureKind } from '../../src/shared/types';

/** A file we understood well enough to say what is wrong with it. */
export class ProbeFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeFailure';
  }
}
