// The floor for any JavaScript reader of a heap snapshot: read the file through one 1 MiB buffer and fold every
// run of ASCII digits into an integer, nothing else. No parser can read the numbers in less time than it takes
// to look at every byte once, so the bench states heaptrail's times as multiples of this loop's.
import fs from 'node:fs';

const CHUNK = 1 << 20;
const ZERO = 0x30;

/**
 * Reads `files` one after the other and folds each digit run into a sum (kept to 32 bits, as a parser keeps its
 * numbers in typed arrays). A run split across two reads carries on in the next one.
 * @returns {{ bytes: number, checksum: number }}
 */
export function foldDigits(files) {
  const buf = new Uint8Array(CHUNK);
  let bytes = 0;
  let sum = 0;
  for (const file of files) {
    const fd = fs.openSync(file, 'r');
    try {
      let value = 0;
      for (;;) {
        const n = fs.readSync(fd, buf, 0, CHUNK, null);
        if (n === 0) break;
        bytes += n;
        for (let i = 0; i < n; i++) {
          const d = buf[i] - ZERO;
          if (d >>> 0 < 10) {
            value = (value * 10 + d) | 0;
          } else {
            // a non-digit ends the run; adding 0 when there was none costs less than a flag
            sum = (sum + value) | 0;
            value = 0;
          }
        }
      }
      sum = (sum + value) | 0;
    } finally {
      fs.closeSync(fd);
    }
  }
  return { bytes, checksum: sum >>> 0 };
}
