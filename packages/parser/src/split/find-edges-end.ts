// Where the edges section ends, found from the file's end without parsing what
// precedes: V8 writes `],\n"trace_function_infos":[` right after the edges, and
// only the strings section (and the small trace and location sections) follow.
// A key inside a string cannot match: its quotes would be escaped.

import { readSync } from 'node:fs';
import { COMMA, RIGHT_BRACKET, isWhitespace } from '../scan/bytes.js';

const KEY = Buffer.from('"trace_function_infos"');
// Under glibc's initial mmap threshold (128 KiB): freeing a larger buffer raises that
// threshold, and later medium allocations then stay resident (about 80 MB more peak RSS on
// the 1 GB benchmark). The same holds for the tail thread's blocks.
const BLOCK = 64 * 1024;

/** Offset of the edges' closing `]`, or -1 when not found within `limit` bytes of the end. */
export function findEdgesEnd(fd: number, size: number, limit: number): number {
  const buf = Buffer.alloc(BLOCK + KEY.length);
  const floor = Math.max(0, size - limit);
  let hi = size;
  while (hi > floor) {
    const lo = Math.max(floor, hi - BLOCK);
    // Overlap the next block by the key's length so a key cut by the boundary is seen.
    const length = Math.min(size, hi + KEY.length) - lo;
    const n = readSync(fd, buf, 0, length, lo);
    const at = buf.subarray(0, n).lastIndexOf(KEY);
    if (at >= 0) return bracketBefore(fd, lo + at);
    hi = lo;
  }
  return -1;
}

/** Walks back from the key over `,` and whitespace to the `]`; -1 if anything else is there. */
function bracketBefore(fd: number, key: number): number {
  const back = Math.min(key, 64);
  const buf = Buffer.alloc(back);
  readSync(fd, buf, 0, back, key - back);
  let i = back - 1;
  while (i >= 0 && isWhitespace(buf[i]!)) i--;
  if (i < 0 || buf[i] !== COMMA) return -1;
  i--;
  while (i >= 0 && isWhitespace(buf[i]!)) i--;
  return i >= 0 && buf[i] === RIGHT_BRACKET ? key - back + i : -1;
}
