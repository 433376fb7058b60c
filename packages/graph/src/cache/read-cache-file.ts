// Reading a cache file back, trusting nothing in it. The header and the table of
// contents are checked first (magic, version, CRC, key, that every array lies inside
// the file and fits the stored counts). The arrays are then placed as getters that
// read each one into a buffer of its own on first use (one read, no per-element work)
// and compare its CRC before handing it out: a command allocates and checks only the
// columns it uses, and on large files fresh memory and the read itself, not the
// parse, are then the whole cost. An array that does not match throws
// CacheDamageError, so no damaged byte is ever used (cache-damage.ts: the command runs
// again without the file).
//
// The getters read from the descriptor whose contents were checked: a cache file is
// only ever replaced by a rename, which leaves an open file as it was.

import { close, closeSync, fstat, open, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { CacheDamageError, isMarkedDamaged, markDamaged } from './cache-damage.js';
import { ALIGN, bytesOf, CACHE_FORMAT_VERSION, crcOf, decodeHeader, HEADER_BYTES, IO_STEP, type ArrayEntry, type Contents } from './cache-layout.js';
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

/**
 * `part` with each mark replaced by a getter that reads that array from `fd` on first
 * use. Takes over `fd`, closing it once every array was read (a process that never
 * reads them all keeps it until it exits: closing it any earlier could let a getter read
 * whatever file got the number next).
 */
export function placeArrays(fd: number, contents: Contents, part: unknown, file: string): unknown {
  const loaded = new Map<number, StoredArray>();
  let unread = new Set(arrayRefs(part)).size;
  const load = (i: number): StoredArray => {
    let a = loaded.get(i);
    if (a === undefined) {
      if (isMarkedDamaged(file)) throw new CacheDamageError(file);
      const entry = contents.arrays[i]!;
      a = readArraySync(fd, entry);
      if (crcOf(bytesOf(a)) !== entry.crc) {
        markDamaged(file);
        throw new CacheDamageError(file);
      }
      loaded.set(i, a);
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
