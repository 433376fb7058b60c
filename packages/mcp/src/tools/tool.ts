// A tool of the server: its name, what a model reads about it, the JSON schema of its
// input (as a zod shape; the SDK publishes it as JSON Schema and validates calls
// against it) and the function that answers with a JSON value.

import type { z } from 'zod';
import type { SnapshotCache } from '../snapshot-cache.js';

export interface ToolContext {
  readonly cache: SnapshotCache;
  /** Relative paths in calls are resolved against this. */
  readonly cwd: string;
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
