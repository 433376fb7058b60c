// A recording that cannot go on: the inspector is unreachable, the child died,
// a snapshot timed out. One line for the user (the CLI exits 2), never a stack.

export class RecordError extends Error {
  override readonly name = 'RecordError';
}

export function isRecordError(e: unknown): e is RecordError {
  return e instanceof Error && e.name === 'RecordError';
}
