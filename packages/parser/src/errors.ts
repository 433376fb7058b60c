/**
 * The one error the parser throws for bad input. `offset` is the byte offset in
 * the (decompressed) JSON text where the problem was found; `reason` is a short,
 * stable phrase that tests match with a regex.
 */
export class SnapshotFormatError extends Error {
  override readonly name = 'SnapshotFormatError';
  constructor(
    readonly source: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${source}: ${reason} at byte ${offset}`);
  }
}

export function isSnapshotFormatError(e: unknown): e is SnapshotFormatError {
  return e instanceof SnapshotFormatError;
}
