// Reading a cache file back, trusting nothing in it. The header and the table of
// contents are checked first (magic, version, CRC, key, that every array lies inside
// the file); then every array the caller wants is read once through two small scratch
// buffers and its CRC compared, all before the data is used. Only then are the arrays
// placed, as getters that read each one into a buffer of its own on first use (one
// read, no per-element work): a command that needs a few columns allocates only those,
// and fresh memory, not the read, is most of the cost on large files.
//
// The getters read from the descriptor that was verified: a cache file is only ever
// replaced by a rename, which leaves an open file as it was.

import { close, closeSync, fstat, open, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { ALIGN, CACHE_FORMAT_VERSION, crcOf, decodeHeader, HEADER_BYTES, IO_STEP, type ArrayEntry, type Contents } from './cache-layout.js';
import { ARRAY_TYPES, arrayRefs, joinArrays, type StoredArray } from './split-arrays.js';

/** Why a file was not used: none there, another version or snapshot, damaged, or cut short. */
export type CacheMiss = 'absent' | 'version' | 'stale' | 'corrupt' | 'truncated';

export type Opened = { readonly ok: true; readonly contents: Contents; readonly fd: number } | { readonly ok: false; readonly miss: CacheMiss };

/** What the reader expects of a file before it reads its arrays. */
export interface Expected {
  readonly heaptrail: string;
  readonly key: unknown;
}

const openAsync = promisify(open);
const closeAsync = promisify(close);
const fstatAsync = promisify(fstat);
const readAsync = (fd: number, into: Uint8Array, offset: number, length: number, position: number) =>
  new Promise<number>((resolve, reject) => read(fd, into, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))));

/** Verification reads go through two buffers of this size, one read ahead of the CRC. */
const SCRATCH_BYTES = 8 * 1024 * 1024;

/** Opens `path` and checks its header and contents against `expected`; on success the caller owns `fd`. */
export async function openCacheFile(path: string, expected: Expected): Promise<Opened> {
  let fd: number;
  try {
    fd = await openAsync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, miss: 'absent' };
    throw e;
  }
  try {
    const result = await checkContents(fd, expected);
    if (result.ok) return { ok: true, contents: result.contents, fd };
    await closeAsync(fd);
    return result;
  } catch (e) {
    await closeAsync(fd);
    throw e;
  }
}

async function checkContents(fd: number, expected: Expected): Promise<{ ok: true; contents: Contents } | { ok: false; miss: CacheMiss }> {
  const size = (await fstatAsync(fd)).size;
  const head = Buffer.alloc(HEADER_BYTES);
  const got = await readFully(fd, head, 0);
  const header = decodeHeader(head.subarray(0, got));
  if (header === undefined) return { ok: false, miss: got < HEADER_BYTES ? 'truncated' : 'corrupt' };
  if (header.version !== CACHE_FORMAT_VERSION) return { ok: false, miss: 'version' };
  const { contentsOffset: at, contentsBytes: n } = header;
  if (!isOffset(at) || !isOffset(n) || at < HEADER_BYTES) return { ok: false, miss: 'corrupt' };
  if (at + n > size) return { ok: false, miss: 'truncated' };
  const text = Buffer.allocUnsafe(n);
  if ((await readFully(fd, text, at)) < n) return { ok: false, miss: 'truncated' };
  if (crcOf(text) !== header.contentsCrc) return { ok: false, miss: 'corrupt' };
  let contents: Contents;
  try {
    contents = JSON.parse(text.toString('utf8')) as Contents;
  } catch {
    return { ok: false, miss: 'corrupt' };
  }
  if (contents === null || typeof contents !== 'object') return { ok: false, miss: 'corrupt' };
  if (contents.heaptrail !== expected.heaptrail) return { ok: false, miss: 'version' };
  if (JSON.stringify(contents.key) !== JSON.stringify(expected.key)) return { ok: false, miss: 'stale' };
  if (contents.fileBytes !== size) return { ok: false, miss: contents.fileBytes > size ? 'truncated' : 'corrupt' };
  if (!Array.isArray(contents.arrays) || !contents.arrays.every((a) => fitsBefore(a, at))) return { ok: false, miss: 'corrupt' };
  return { ok: true, contents };
}

/** The arrays `part` refers to, or undefined when a mark names no array. */
export function refsOf(part: unknown, contents: Contents): number[] | undefined {
  const refs = arrayRefs(part);
  return refs.every((i) => i < contents.arrays.length) ? refs : undefined;
}

/** Whether the bytes of every array in `refs` match their CRC (false also when the file ends early). */
export async function verifyArrays(fd: number, contents: Contents, refs: readonly number[], onProgress?: (bytesRead: number, totalBytes: number) => void): Promise<boolean> {
  const chunks: { entry: number; at: number; bytes: number; last: boolean }[] = [];
  for (const i of refs) {
    const e = contents.arrays[i]!;
    const bytes = byteLengthOf(e);
    for (let at = 0; at < bytes || at === 0; at += SCRATCH_BYTES) {
      chunks.push({ entry: i, at: e.offset + at, bytes: Math.min(SCRATCH_BYTES, bytes - at), last: at + SCRATCH_BYTES >= bytes });
      if (bytes === 0) break;
    }
  }
  const total = chunks.reduce((sum, c) => sum + c.bytes, 0);
  const scratch = [Buffer.allocUnsafe(Math.min(SCRATCH_BYTES, total)), Buffer.allocUnsafe(Math.min(SCRATCH_BYTES, total))];
  let pending = chunks.length > 0 ? readFully(fd, scratch[0]!.subarray(0, chunks[0]!.bytes), chunks[0]!.at) : undefined;
  let crc = 0;
  let done = 0;
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k]!;
    const got = await pending!;
    const next = chunks[k + 1];
    pending = next ? readFully(fd, scratch[(k + 1) & 1]!.subarray(0, next.bytes), next.at) : undefined;
    if (got < c.bytes) {
      await pending?.catch(() => undefined);
      return false;
    }
    crc = crc32(scratch[k & 1]!.subarray(0, c.bytes), crc);
    if (c.last) {
      if (crc !== contents.arrays[c.entry]!.crc) {
        await pending?.catch(() => undefined);
        return false;
      }
      crc = 0;
    }
    done += c.bytes;
    onProgress?.(done, total);
  }
  return true;
}

/**
 * `part` with each mark replaced by a getter that reads that array from `fd` on first
 * use. Takes over `fd`, closing it once every array was read (a process that never
 * reads them all keeps it until it exits: closing it any earlier could let a getter read
 * whatever file got the number next).
 */
export function placeArrays(fd: number, contents: Contents, part: unknown): unknown {
  const loaded = new Map<number, StoredArray>();
  let unread = new Set(arrayRefs(part)).size;
  const load = (i: number): StoredArray => {
    let a = loaded.get(i);
    if (a === undefined) {
      loaded.set(i, (a = readArraySync(fd, contents.arrays[i]!)));
      if (--unread === 0) closeSync(fd);
    }
    return a;
  };
  const data = joinArrays(part, (i, parent, key) => {
    Object.defineProperty(parent, key, { enumerable: true, configurable: true, get: () => load(i) });
  });
  if (unread === 0) closeSync(fd);
  return data;
}

export function closeCacheFile(fd: number): Promise<void> {
  return closeAsync(fd);
}

function readArraySync(fd: number, entry: ArrayEntry): StoredArray {
  const bytes = byteLengthOf(entry);
  // A buffer of its own (never Node's shared pool), uninitialised: the read fills it.
  const buffer = Buffer.allocUnsafeSlow(bytes);
  for (let at = 0; at < bytes; ) {
    const n = readSync(fd, buffer, at, Math.min(IO_STEP, bytes - at), entry.offset + at);
    if (n === 0) throw new RangeError('cache file ended early');
    at += n;
  }
  return new ARRAY_TYPES[entry.type](buffer.buffer, buffer.byteOffset, entry.length);
}

/** Reads into all of `into` unless the file ends first; resolves to the bytes read. */
async function readFully(fd: number, into: Uint8Array, position: number): Promise<number> {
  let at = 0;
  while (at < into.length) {
    const n = await readAsync(fd, into, at, Math.min(IO_STEP, into.length - at), position + at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

function byteLengthOf(entry: ArrayEntry): number {
  return entry.length * ARRAY_TYPES[entry.type].BYTES_PER_ELEMENT;
}

/** A well-formed entry whose bytes lie between the header and `end`. */
function fitsBefore(entry: ArrayEntry, end: number): boolean {
  if (entry === null || typeof entry !== 'object' || !Object.hasOwn(ARRAY_TYPES, entry.type)) return false;
  if (!isOffset(entry.offset) || !isOffset(entry.length) || typeof entry.crc !== 'number') return false;
  return entry.offset >= HEADER_BYTES && entry.offset % ALIGN === 0 && entry.offset + byteLengthOf(entry) <= end;
}

function isOffset(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
