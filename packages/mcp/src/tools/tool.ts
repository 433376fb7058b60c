// A tool of the server: its name, what a model reads about it, the JSON schema of its
// input (as a zod shape; the SDK publishes it as JSON Schema and validates calls
// against it) and the function that answers with a JSON value.

import type { z } from 'zod';
import type { HeapGraph } from '@heaptrail/graph';
import type { SnapshotCache } from '../snapshot-cache.js';

/** Tells the client how far a call is (MCP progress notifications); `progress` only grows. */
export type ToolProgress = (progress: number, total: number, message: string) => void;

export interface ToolContext {
  readonly cache: SnapshotCache;
  /** Relative paths in calls are resolved against this. */
  readonly cwd: string;
  /** Present when the client asked for progress. */
  readonly progress?: ToolProgress | undefined;
}

export interface HeaptrailTool<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: S;
  readonly run: (args: z.infer<z.ZodObject<S>>, context: ToolContext) => Promise<unknown>;
}

/** Keeps each tool's argument type tied to its own schema while the list holds them all. */
export function defineTool<S extends z.ZodRawShape>(tool: HeaptrailTool<S>): HeaptrailTool<S> {
  return tool;
}

/** Per snapshot, progress counts this many steps, spread over the bytes read. */
const STEPS_PER_SNAPSHOT = 1000;
/** Reading reports at most this often (and at the end of each file). */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Snapshot `index` of `count` a call needs, from the cache or read with progress:
 * snapshot i's reading runs from step i × 1000 to (i + 1) × 1000 of count × 1000.
 */
export function loadSnapshot(context: ToolContext, file: string, index = 0, count = 1): Promise<HeapGraph> {
  const progress = context.progress;
  if (!progress) return context.cache.get(file);
  let last = 0;
  return context.cache.get(file, (read, size) => {
    const now = performance.now();
    const done = size !== undefined && read >= size;
    if (!done && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    const share = size ? Math.min(1, read / size) : 0;
    const message = count > 1 ? `reading snapshot ${index + 1} of ${count}: ${file}` : `reading ${file}`;
    progress(Math.floor(STEPS_PER_SNAPSHOT * (index + share)), STEPS_PER_SNAPSHOT * count, message);
  });
}
