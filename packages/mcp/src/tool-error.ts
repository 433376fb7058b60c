// What a tool call answers when it cannot: one line, the words the CLI prints after its
// "heaptrail: " prefix, returned as a tool error so the model can correct its call.
// Nothing here ends the server.

import { isInputError } from '@heaptrail/diff';
import { isSnapshotFormatError } from '@heaptrail/parser';

/** The one line for any error; an internal error is marked so the server also logs its stack. */
export function describeToolError(e: unknown): { line: string; internal: boolean } {
  if (isInputError(e) || isSnapshotFormatError(e)) return { line: e.message, internal: false };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string') {
    const where = err.path ? `${err.path}: ` : '';
    return { line: err.code === 'ENOENT' ? `${where}no such file or directory` : `${where}cannot ${err.syscall}: ${err.code}`, internal: false };
  }
  if (err instanceof RangeError && /allocation|Array buffer|memory/i.test(err.message)) return { line: `out of memory: ${err.message}`, internal: false };
  return { line: `internal error: ${(err && err.message) || String(e)}`, internal: true };
}
