// The analysed graph: the contract between the graph engine and its users
// (diff, report, cli). All per-node arrays are indexed by node ordinal, all
// per-edge arrays by edge ordinal (docs/DESIGN.md, Conventions). Phases that build them
// live in their own files; `analyze()` runs them in order.

import type { HeapSnapshot } from '@heaptrail/parser';

/** Marks "no value" in Uint32 per-node arrays (unreachable distance, no parent edge). */
export const NONE = 0xffffffff;

export type AnalyzePhase =
  | 'classes'
  | 'distances'
  | 'dominators'
  | 'retained sizes';

export interface AnalyzeOptions {
  /** Called as each phase starts (done = 0) and ends (done = total). */
  readonly onProgress?: (phase: AnalyzePhase, done: number, total: number) => void;
  /**
   * Move the self size of internal cells (hidden/array nodes) with a single owning
   * object into that owner, as DevTools does (default true). See shallow-sizes.ts.
   */
  readonly reattributeShallowSizes?: boolean;
  /** Apply DevTools' page-owned essential-edge rule (default true). See edge-rules.ts. */
  readonly pageOwnedRule?: boolean;
}

export interface HeapGraph {
  readonly snapshot: HeapSnapshot;
  readonly nodeCount: number;
  readonly edgeCount: number;

  // No reverse index is kept (8 bytes an edge that no user needed): `parentEdge` gives a
  // shortest retainer, and `buildRetainers(snapshot)` builds the full index on demand.

  /** Per node: class id into `classNames` (see class-names.ts for the rules). */
  readonly classOf: Uint32Array;
  readonly classNames: readonly string[];

  /**
   * BFS hops from the GC roots, skipping weak edges, user roots (globals) first as
   * DevTools does: user roots get 1, objects reachable only through V8 internals get
   * SYSTEM_DISTANCE + hops, unreachable ones NONE.
   */
  readonly distance: Uint32Array;
  /**
   * Per node: the edge ordinal by which the BFS first reached it (its shortest retainer).
   * A user root's is the root's edge to it; NONE for the root and unreachable nodes.
   */
  readonly parentEdge: Uint32Array;

  /** Immediate dominator ordinal per node; the root (0) is its own dominator. */
  readonly dominator: Uint32Array;
  /**
   * Dominator tree children as CSR: children of v are
   * dominatorChildren[firstDominatorChild[v] .. firstDominatorChild[v+1]), ascending ordinal.
   */
  readonly firstDominatorChild: Uint32Array;
  readonly dominatorChildren: Uint32Array;
  /**
   * Self sizes used for retained sizes (after any DevTools-style re-attribution; raw ones stay in
   * snapshot.nodes.selfSize, and when re-attribution is off or moves nothing this is that same array).
   */
  readonly selfSize: Float64Array;
  /** Retained size per node; retainedSize[0] equals the sum of all self sizes. */
  readonly retainedSize: Float64Array;
  /** Sum of all self sizes (+ extra_native_bytes when present). */
  readonly totalSize: number;
}

export const SYSTEM_DISTANCE = 100_000_000;

/** One step of a retaining path, from the root towards the object. */
export interface PathStep {
  /** Readable label of the edge taken *into* this node: `.name`, `[3]`, `context x`, `(internal)`, … */
  readonly edge: string;
  readonly ordinal: number;
  readonly nodeId: number;
  readonly className: string;
}

/** A group of retaining paths with the same shape (same edge names and classes, array indices folded). */
export interface PathGroup {
  /** Number of target objects whose shortest path has this shape. */
  readonly count: number;
  /** Retained size the group explains (dominator-deduplicated over its targets). */
  readonly retainedSize: number;
  readonly exampleId: number;
  readonly exampleOrdinal: number;
  /** One-line rendering from the root to the object. */
  readonly text: string;
  /** The example's path, root side first. */
  readonly steps: readonly PathStep[];
}

/** A row of the class summary (Summary view). */
export interface ClassSummaryRow {
  readonly className: string;
  readonly count: number;
  readonly shallowSize: number;
  /** Retained size of the class, not double-counting nested instances (DevTools' rule). */
  readonly retainedSize: number;
}

/** A pruned dominator tree for display. */
export interface DominatorTreeNode {
  readonly ordinal: number;
  readonly id: number;
  readonly className: string;
  readonly name: string;
  readonly selfSize: number;
  readonly retainedSize: number;
  readonly children: DominatorTreeNode[];
  /** Retained size of children pruned away, so sizes still add up. */
  readonly otherSize: number;
  readonly otherCount: number;
}
