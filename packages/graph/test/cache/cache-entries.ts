// Test helper: where each stored array of a cache file lies, by its path in the data
// (`snapshot.nodes.type`, `graph.retainedSize`, `snapshot.strings.blocks.0`), for tests
// that damage one array and not another.

import { readFileSync, writeFileSync } from 'node:fs';
import { decodeHeader } from '../../src/cache/cache-layout.js';
import type { Contents } from '../../src/cache/cache-layout.js';
import { ARRAY_TYPES } from '../../src/cache/split-arrays.js';

export interface StoredEntry {
  readonly path: string;
  readonly offset: number;
  readonly bytes: number;
}

export function storedEntries(file: string): StoredEntry[] {
  const bytes = readFileSync(file);
  const header = decodeHeader(bytes)!;
  const contents = JSON.parse(bytes.subarray(header.contentsOffset, header.contentsOffset + header.contentsBytes).toString('utf8')) as Contents;
  const found: StoredEntry[] = [];
  const stack: [unknown, string][] = [[contents.data, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const mark = (value as { $array?: number }).$array;
    if (typeof mark === 'number') {
      const e = contents.arrays[mark]!;
      found.push({ path: path.slice(1), offset: e.offset, bytes: e.length * ARRAY_TYPES[e.type].BYTES_PER_ELEMENT });
      continue;
    }
    for (const [k, v] of Object.entries(value)) stack.push([v, `${path}.${k}`]);
  }
  return found;
}

/** Flips the first byte of each array whose path `pick` accepts; returns the paths flipped. */
export function damageArrays(file: string, pick: (path: string) => boolean): string[] {
  const bytes = readFileSync(file);
  const hit = storedEntries(file).filter((e) => e.bytes > 0 && pick(e.path));
  for (const e of hit) bytes[e.offset] = bytes[e.offset]! ^ 0x01;
  writeFileSync(file, bytes);
  return hit.map((e) => e.path);
}
