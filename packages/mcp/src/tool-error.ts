// What a tool call answers when it cannot: one line, the same words the CLI prints
// (without its "heaptrail: " prefix), returned as a tool error so the model can
// correct its call. Nothing here ends the server.

import { isSnapshotFormatError } from '@heaptrail/parser';

/** A mistake in the call (unknown class, missing file, a snapshot over the memory budget). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
};

/** The one line for any error; `file` names the path as the caller gave it, for errors that carry an absolute one. */
export function describeToolError(e: unknown, file?: string): string {
  if (e instanceof ToolError || isSnapshotFormatError(e)) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string') {
    const where = file ?? err.path;
    return `${where ? `${where}: ` : ''}${ERRNO_WORDS[err.code] ?? `cannot ${err.syscall}: ${err.code}`}`;
  }
  if (err instanceof RangeError && /allocation|Array buffer|memory/i.test(err.message)) return `out of memory: ${err.message}`;
  return `internal error: ${(err && err.message) || String(e)}`;
}
