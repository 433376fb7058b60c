import { isInputError } from '@heaptrail/diff';
import { isSnapshotFormatError } from '@heaptrail/parser';

/** Exit codes: 0 ok, 1 a CI budget was exceeded, 2 bad input or usage, 3 a bug in heaptrail. */
export const EXIT_OK = 0;
export const EXIT_BUDGET = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** A user mistake (unknown class, missing file, bad option): one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  EPIPE: 'broken pipe',
};

/** Turns any error into the one line the user sees and the exit code. Never a stack trace. */
export function describeError(e: unknown, env: Readonly<Record<string, string | undefined>>): { line: string; code: number } {
  if (isSnapshotFormatError(e)) return { line: `heaptrail: ${e.message}`, code: EXIT_BAD_INPUT };
  if (e instanceof UsageError || isInputError(e)) return { line: `heaptrail: ${e.message}`, code: EXIT_BAD_INPUT };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string') {
    const where = err.path ? `${err.path}: ` : '';
    // A missing file reads the same whichever call found it missing.
    if (err.code === 'ENOENT') return { line: `heaptrail: ${where}no such file or directory`, code: EXIT_BAD_INPUT };
    const what = ERRNO_WORDS[err.code] ?? err.code;
    return { line: `heaptrail: ${where}cannot ${err.syscall}: ${what}`, code: EXIT_BAD_INPUT };
  }
  if (err instanceof RangeError && /allocation|Array buffer|memory/i.test(err.message)) {
    return { line: `heaptrail: out of memory: ${err.message}`, code: EXIT_BAD_INPUT };
  }
  const detail = env.HEAPTRAIL_DEBUG ? `\n${(err && err.stack) || String(e)}` : ' (set HEAPTRAIL_DEBUG=1 for details)';
  return { line: `heaptrail: internal error: ${(err && err.message) || String(e)}${detail}`, code: EXIT_INTERNAL };
}
