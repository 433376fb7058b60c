// A mistake in what the caller asked for (a missing file, too few snapshots, a
// directory where a file was meant): one line for the user, never a stack trace.
// Bad snapshot *contents* are the parser's SnapshotFormatError instead.

export class InputError extends Error {
  override readonly name = 'InputError';
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
