// Writing a cache file: to a temporary name in the same directory, renamed into place
// once complete, so a reader sees the old file or the new one, never half of one, and
// two processes writing the same entry leave one whole file. Each array's CRC is
// computed on this thread while the previous array is being written by libuv's.

import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { align, bytesOf, crcOf, encodeHeader, HEADER_BYTES, IO_STEP, type ArrayEntry, type Contents } from './cache-layout.js';
import { splitArrays } from './split-arrays.js';
import type { ArrayTypeName } from './split-arrays.js';

export interface CacheFileInput {
  readonly heaptrail: string;
  readonly key: unknown;
  readonly data: unknown;
}

/** Writes `input` to `path` (its directory made if missing). Throws on any failure, leaving no file behind. */
export async function writeCacheFile(path: string, input: CacheFileInput): Promise<void> {
  const { json, arrays } = splitArrays(input.data);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fh = await open(temp, 'wx', 0o644);
  let done = false;
  try {
    const entries: ArrayEntry[] = [];
    let offset = HEADER_BYTES;
    let writing: Promise<void> = Promise.resolve();
    for (const a of arrays) {
      offset = align(offset);
      const bytes = bytesOf(a);
      const crc = crcOf(bytes);
      await writing;
      writing = writeAll(fh, bytes, offset);
      entries.push({ type: a.constructor.name as ArrayTypeName, offset, length: a.length, crc });
      offset += bytes.length;
    }
    await writing;
    const contentsOffset = align(offset);
    // fileBytes depends on the length of the text that holds it: settle it by a second try.
    let text = '';
    let fileBytes = 0;
    for (let guess = contentsOffset; fileBytes !== guess; ) {
      fileBytes = guess;
      const contents: Contents = { heaptrail: input.heaptrail, key: input.key, fileBytes, arrays: entries, data: json };
      text = JSON.stringify(contents);
      guess = contentsOffset + Buffer.byteLength(text);
    }
    const contents = Buffer.from(text, 'utf8');
    await writeAll(fh, contents, contentsOffset);
    await writeAll(fh, encodeHeader(contentsOffset, contents), 0);
    await fh.close();
    await rename(temp, path);
    done = true;
  } finally {
    if (!done) {
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}

async function writeAll(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, at, Math.min(IO_STEP, bytes.length - at), position + at);
    at += bytesWritten;
  }
}
