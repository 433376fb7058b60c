// The analysed graph: the contract between the graph engine and its users
// (diff, report, cli). All per-node arrays are indexed by node ordinal, all
// per-edge arrays by edge ordinal (docs/DESIGN.md, Conventions). Phases that build them
// live in their own files; `analyze()` runs them in order.

import type { HeapSnapshot } from '@heaptrail/parser';
import type { NodeIdOrder } from './node-id-order.js';
import type { AnalysisWorkerOptions } from './parallel/start-thread.js';

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
  /**
   * Threads the analysis may use (default 2). With 2, a snapshot of at least `worker.minNodes`
   * nodes whose edges the parser put in shared memory (its two-thread parse) has
   * its dominators and distances computed on a worker thread beside the phases that read names
   * (parallel/two-threads.ts); same results. 1 keeps it on this thread whatever `worker` says.
   */
  readonly threads?: number;
  /** The analysis worker: from `minNodes` nodes on (see parallel/start-thread.ts). */
  readonly worker?: AnalysisWorkerOptions;
  /**
   * Work for this thread while the worker computes the dominators (two-thread analysis
   * only; never called otherwise): called once, after the classes are named, with the
   * object analyze() will return, of which only `snapshot`, `nodeCount`, `edgeCount`,
   * `classOf` and `classNames` are there yet. What it memoizes on that graph stays valid.
   */
  readonly beside?: (graph: HeapGraph) => void;
  /**
   * Also sort the nodes by object id (`HeapGraph.idOrder`), which a series diff merges with the
   * previous snapshot's. With a worker, it sorts them after the distances, while this thread
   * runs `beside`; otherwise this thread does, after the distances.
   */
  readonly idOrder?: boolean;
}

/** What an analysis has once the classes are named: what `beside` work may read. */
export type ClassedGraph = Pick<SizedGraph, 'snapshot' | 'nodeCount' | 'edgeCount' | 'classOf' | 'classNames'>;

/** analyzeSizes' options: `beside` gets the classed graph, which is not the object returned. */
export interface AnalyzeSizesOptions extends Omit<AnalyzeOptions, 'beside' | 'idOrder'> {
  /**
   * Work for this thread while the worker computes the dominators (two-thread analysis
   * only; never called otherwise): called once, after the classes are named.
   */
  readonly beside?: (graph: ClassedGraph) => void;
}

/**
 * The analysis without distances (analyzeSizes): classes, dominators and sizes, what a
 * class table needs. A series diff reads its snapshots but the last this way, since only
 * the last one's paths are traced.
 */
export interface SizedGraph {
  readonly snapshot: HeapSnapshot;
  readonly nodeCount: number;
  readonly edgeCount: number;

  /** Per node: class id into `classNames` (see class-names.ts for the rules). */
  readonly classOf: Uint32Array;
  readonly classNames: readonly string[];

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
   * A Uint32Array when the sizes sum to at most 2^32 - 1; re-attributed sizes are Float64 otherwise.
   */
  readonly selfSize: Uint32Array | Float64Array;
  /**
   * Retained size per node; retainedSize[0] equals the sum of all self sizes. Like
   * `selfSize`, a Uint32Array when that sum fits one (every Node.js heap under 4 GB).
   */
  readonly retainedSize: Uint32Array | Float64Array;
  /** Sum of all self sizes (+ extra_native_bytes when present). */
  readonly totalSize: number;
}

/** The full analysis (analyze): a SizedGraph plus the distances that paths need. */
export interface HeapGraph extends SizedGraph {
  // No reverse index is kept (8 bytes an edge that no user needed): `parentEdge` gives a
  // shortest retainer, and `buildRetainers(snapshot)` builds the full index on demand.
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
  /** The nodes by object id, when asked for (AnalyzeOptions.idOrder). */
  readonly idOrder?: NodeIdOrder;
}

export const SYSTEM_DISTANCE = 100_000_000;

/** One step of a retaining path, from the root towards the object. */
export interface PathStep {
  /** Readable label of the edge taken *into* this node: `.name`, `[3]`, `context x`, `(internal)`, … */
  readonly edge: string;
  /** Ordinal of that edge; undefined for the synthetic root and for a path's start reached by no edge. */
  readonly edgeOrdinal?: number;
  readonly ordinal: number;
  readonly nodeId: number;
  readonly className: string;
  /** What the text calls the node when its class is not enough: `(Stack roots)`, `handleRequest() (suspended)`, `resolve()`. */
  readonly name?: string;
  /** Source location of a closure (of the function it calls, for a bound one), or of the class of an object made by a constructor (1-based). */
  readonly location?: { readonly script: string; readonly line: number; readonly column: number };
  /** For a Context: a module's scope (with its script) or a function's own scope. */
  readonly scope?: { readonly kind: 'module' | 'function'; readonly script?: string; readonly function?: string };
  /** The key of the Map entry this step enters (`"c-1042"`, `<Key @12>`), or an object's element index. */
  readonly key?: string;
  /** First characters of a string node, JSON-quoted. */
  readonly value?: string;
  /** Set when the step counts as internal in the path order (docs/DESIGN.md, "Choosing the path"). */
  readonly internal?: true;
  /** Set on a WeakMap value step: the engine keeps the value through its key *and* its map. */
  readonly ephemeron?: true;
  /** The `avoid` pattern this step matches: the object has no path around it. */
  readonly avoided?: string;
}

/** Smallest and largest repeat count of one folded run over a group's objects. */
export interface RepeatRange {
  readonly min: number;
  readonly max: number;
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
  /**
   * The folded shape, stable across runs and machines: `start label→Class …` with indices and ids
   * stripped and runs as `(…)×`; no counts, sizes or ids.
   */
  readonly signature: string;
  /** Per folded run, outer runs before the runs they contain: the range of its repeat count. */
  readonly repeats: readonly RepeatRange[];
  /** String parts (halves of concatenated strings, parents of slices) folded into this group's strings. */
  readonly stringParts: number;
  /** Internal steps of the example's path: 0 when it starts at the user's code and avoids runtime holders. */
  readonly internalSteps: number;
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
