// The cache file's layout (docs/DESIGN.md, "The cache"): a fixed 32-byte header, the
// arrays at 8-byte aligned offsets, then the table of contents as UTF-8 JSON.
//
//   0  8  magic "HTRLGRPH"
//   8  4  format version (u32 LE)
//  12  4  CRC-32 of the table of contents
//  16  8  offset of the table of contents (f64 LE)
//  24  8  byte length of the table of contents (f64 LE)
//
// The header is written last, so a file cut short while being written has no magic.

import { crc32 } from 'node:zlib';
import type { ArrayTypeName } from './split-arrays.js';

/** Bump whenever what is stored, or how, changes: older files are then rebuilt, never read. */
export const CACHE_FORMAT_VERSION = 1;

export const MAGIC = Buffer.from('HTRLGRPH', 'latin1');
export const HEADER_BYTES = 32;
export const ALIGN = 8;
/** Reads and writes stay under 2 GiB a call (the limit of one read(2) through libuv). */
export const IO_STEP = 1 << 30;

export interface ArrayEntry {
  readonly type: ArrayTypeName;
  readonly offset: number;
  /** Elements, not bytes. */
  readonly length: number;
  readonly crc: number;
}

/** The table of contents: who wrote the file, for which snapshot, and where each array lies. */
export interface Contents {
  readonly heaptrail: string;
  /** The snapshot file it was made from (see snapshot-key.ts). */
  readonly key: unknown;
  readonly fileBytes: number;
  readonly arrays: readonly ArrayEntry[];
  /** The stored data, its arrays as `{ "$array": i }` marks (split-arrays.ts). */
  readonly data: unknown;
}

export function encodeHeader(contentsOffset: number, contents: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(CACHE_FORMAT_VERSION, 8);
  header.writeUInt32LE(crc32(contents), 12);
  header.writeDoubleLE(contentsOffset, 16);
  header.writeDoubleLE(contents.length, 24);
  return header;
}

export interface Header {
  readonly version: number;
  readonly contentsCrc: number;
  readonly contentsOffset: number;
  readonly contentsBytes: number;
}

/** The header, or undefined when the bytes are not one. */
export function decodeHeader(bytes: Buffer): Header | undefined {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  return {
    version: bytes.readUInt32LE(8),
    contentsCrc: bytes.readUInt32LE(12),
    contentsOffset: bytes.readDoubleLE(16),
    contentsBytes: bytes.readDoubleLE(24),
  };
}

export function align(offset: number): number {
  return Math.ceil(offset / ALIGN) * ALIGN;
}

/** CRC-32 of an array's bytes, in steps zlib takes. */
export function crcOf(bytes: Uint8Array): number {
  let crc = 0;
  for (let at = 0; at < bytes.length; at += IO_STEP) crc = crc32(bytes.subarray(at, Math.min(bytes.length, at + IO_STEP)), crc);
  return crc;
}

/** The bytes of a typed array, without copying. */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
