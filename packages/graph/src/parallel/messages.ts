// What the main thread and the analysis worker send each other. Every array is a view
// of a SharedArrayBuffer (shared, never copied) but the small ephemeron tables and seeds.

import type { Control } from './control.js';
import type { DistanceRules } from '../distances.js';
import type { DominatorScratch } from '../dominators.js';

/** The worker's `workerData`: the snapshot's edges, shared by the parser. */
export interface WorkerSetup {
  readonly nodeCount: number;
  readonly firstEdge: Uint32Array;
  readonly toNode: Uint32Array;
  readonly control: Control;
}

/** The job, posted once the edge rules are known: dominators, then distances (unless `distances` is false). */
export interface WorkerJob {
  readonly nonEssential: Uint8Array;
  /** Essential in-degrees at [v + 1] (length N+1); the dominator pass takes the array over. */
  readonly essentialInDegree: Uint32Array;
  readonly rules: DistanceRules;
  /** The root's edges to user roots (deciding them reads names, which stay on the main thread). */
  readonly seedEdges: Uint32Array;
  /** The layout the main thread's sizes take (finish-analysis.ts), which decides where the distances go. */
  readonly compact: boolean;
  /** False for an analysis without distances (analyzeSizes): the worker stops after the dominators. */
  readonly distances: boolean;
  /** A copy of the node ids, to sort in place after the distances (AnalyzeOptions.idOrder). */
  readonly ids?: Uint32Array;
}

export type WorkerReply =
  | { readonly kind: 'dominators'; readonly dominator: Uint32Array; readonly order: Uint32Array; readonly scratch: DominatorScratch }
  | { readonly kind: 'distances'; readonly distance: Uint32Array; readonly parentEdge: Uint32Array }
  | { readonly kind: 'idOrder'; readonly ids: Uint32Array; readonly ordinals: Uint32Array }
  | { readonly kind: 'failed'; readonly message: string };
