// How big a snapshot's JSON text is at least, read from the file without parsing it:
// its size, or for gzip the uncompressed size its trailer records (modulo 4 GiB, so a
// lower bound). The cache refuses a file whose text alone is far over the memory budget
// before reading it, instead of after minutes of parsing.

import { open } from 'node:fs/promises';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export async function textSizeLowerBound(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 18) return size; // smaller than a gzip header and trailer
    const head = Buffer.alloc(2);
    await file.read(head, 0, 2, 0);
    if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) return size;
    // ISIZE, the trailer's last field: the uncompressed length mod 2^32, little-endian.
    const tail = Buffer.alloc(4);
    await file.read(tail, 0, 4, size - 4);
    return Math.max(size, tail.readUInt32LE(0));
  } finally {
    await file.close();
  }
}
