/**
 * Thrown before the parse allocates anything when the memory a snapshot would need (by
 * its header's counts) exceeds the limit the caller gave. Not bad input, so not a
 * SnapshotFormatError: the same file may be fine on a larger machine.
 */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
  constructor(
    readonly source: string,
    /** Estimated peak bytes. */
    readonly needed: number,
    /** The limit it was checked against. */
    readonly available: number,
  ) {
    super(`${source}: needs about ${formatGigabytes(needed)} of memory, ${formatGigabytes(available)} available`);
  }
}

export function isPreflightError(e: unknown): e is PreflightError {
  return e instanceof PreflightError;
}

/** `7.6 GB`, `0.3 GB`: one decimal, enough to compare two figures on one line. */
function formatGigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(bytes < 1e8 ? 2 : 1)} GB`;
}
