// Analysed snapshots kept between tool calls, so a follow-up question on a large dump
// answers without reading it again. An entry is keyed by the file's absolute path,
// size and mtime (a rewritten file is read anew); the entries together stay within a
// byte budget, the least recently used dropped first. Calls for a file that is still
// loading wait for that one load instead of starting another.

import { stat } from 'node:fs/promises';
import { checkedPath, InputError } from '@heaptrail/diff';
import type { HeapGraph } from '@heaptrail/graph';
import { formatBytes } from '@heaptrail/report';
import { estimateMemory } from './graph-memory.js';

/** Bytes of the file read so far, and its size when known. */
export type OnRead = (bytesRead: number, totalBytes: number | undefined) => void;

/** Reads and analyses one snapshot: `file` as the caller wrote it (messages name it so), relative to `cwd`. */
export type LoadSnapshot = (file: string, cwd: string, onRead?: OnRead) => Promise<HeapGraph>;

export type CacheEvent =
  | { readonly kind: 'loaded'; readonly file: string; readonly bytes: number; readonly ms: number }
  /** `budget`: to make room for another; `changed`: the file was rewritten and read again. */
  | { readonly kind: 'evicted'; readonly file: string; readonly bytes: number; readonly reason: 'budget' | 'changed' };

export interface SnapshotCacheOptions {
  /** Budget for all entries together, in bytes. */
  readonly maxBytes: number;
  readonly load: LoadSnapshot;
  /** Relative paths are resolved against this. */
  readonly cwd: string;
  /** How an entry's size is measured (default: the bytes of its typed arrays). */
  readonly measure?: (graph: HeapGraph) => number;
  /** Bytes the analysed file will take at least, known before loading it (default: no check). */
  readonly lowerBound?: (path: string) => Promise<number>;
  readonly onEvent?: (event: CacheEvent) => void;
}

interface Entry {
  readonly path: string;
  readonly file: string;
  readonly graph: HeapGraph;
  readonly bytes: number;
}

export class SnapshotCache {
  /** Map order is recency order: a hit moves its entry to the end, eviction takes from the front. */
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<HeapGraph>>();
  private used = 0;

  constructor(private readonly options: SnapshotCacheOptions) {}

  /** Bytes held by the cached snapshots. */
  get usedBytes(): number {
    return this.used;
  }

  /** Files (as first asked for) held now, least recently used first. */
  get files(): readonly string[] {
    return [...this.entries.values()].map((e) => e.file);
  }

  /**
   * The analysed snapshot `file` (relative to the cache's cwd), loaded unless held.
   * `onRead` hears the reading of a load this call starts (not of one it joins).
   */
  async get(file: string, onRead?: OnRead): Promise<HeapGraph> {
    const path = await checkedPath(file, this.options.cwd);
    const key = await fileKey(path);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.graph;
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = this.load(key, path, file, onRead).finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }

  private async load(key: string, path: string, file: string, onRead: OnRead | undefined): Promise<HeapGraph> {
    const started = performance.now();
    const { maxBytes, onEvent, lowerBound } = this.options;
    const least = lowerBound ? await lowerBound(path) : 0;
    if (least > maxBytes) {
      throw new InputError(`${file}: the analysed snapshot would take at least ${formatBytes(least)}, more than the memory budget of ${formatBytes(maxBytes)} (--max-memory)`);
    }
    const graph = await this.options.load(file, this.options.cwd, onRead);
    const bytes = (this.options.measure ?? estimateMemory)(graph);
    if (bytes > maxBytes) {
      throw new InputError(`${file}: the analysed snapshot takes ${formatBytes(bytes)}, more than the memory budget of ${formatBytes(maxBytes)} (--max-memory)`);
    }
    // An older version of the same file is of no more use.
    for (const [k, e] of this.entries) if (e.path === path) this.drop(k, e, 'changed');
    for (const [k, e] of this.entries) {
      if (this.used + bytes <= maxBytes) break;
      this.drop(k, e, 'budget');
    }
    this.entries.set(key, { path, file, graph, bytes });
    this.used += bytes;
    onEvent?.({ kind: 'loaded', file, bytes, ms: performance.now() - started });
    return graph;
  }

  private drop(key: string, entry: Entry, reason: 'budget' | 'changed'): void {
    this.entries.delete(key);
    this.used -= entry.bytes;
    this.options.onEvent?.({ kind: 'evicted', file: entry.file, bytes: entry.bytes, reason });
  }
}

/** Path, size and mtime. */
async function fileKey(path: string): Promise<string> {
  const info = await stat(path);
  return `${path}\u0000${info.size}\u0000${info.mtimeMs}`;
}
