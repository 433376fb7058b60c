// Options of a series diff and the graph operations it needs from @heaptrail/graph.

import type { ClassSummaryRow, DominatorTreeNode, HeapGraph, PathGroup } from '@heaptrail/graph';
import type { GrowthRule } from './types.js';

export interface DiffBudgets {
  /** Fail when any user class (any class with includeInternals) is reported. */
  readonly failOnGrowth?: boolean;
  /** Fail when the reported classes grew by more than this many retained bytes. */
  readonly maxGrowthBytes?: number;
  /** Fail when more classes than this are reported. */
  readonly maxGrowingClasses?: number;
}

export type DiffProgress =
  | { readonly kind: 'load'; readonly index: number; readonly file: string }
  | { readonly kind: 'digest'; readonly index: number; readonly file: string }
  | { readonly kind: 'paths'; readonly className: string };

export interface DiffOptions {
  readonly rule?: Partial<GrowthRule>;
  /** Report V8 internals ((system), (array), …) too. */
  readonly includeInternals?: boolean;
  /** Path groups kept per reported class (default 5). */
  readonly pathsPerClass?: number;
  /** Reported classes that get paths, in ranking order (default 25); the rest have `paths: []`. */
  readonly pathClasses?: number;
  /** Rows of `last.classes` (default 20). */
  readonly lastClasses?: number;
  readonly budgets?: DiffBudgets;
  /**
   * With comparable ids and 3+ snapshots, also report classes whose count trends up but dips
   * or stalls in some intervals when instances born in every interval survive (default true;
   * see growth-rule.ts).
   */
  readonly survivorRoute?: boolean;
  /** Override the same-process detection (tests, or users who know better). */
  readonly sameProcess?: boolean;
  readonly onProgress?: (event: DiffProgress) => void;
}

/** Graph operations the diff uses; `defaultGraphTools` wires in @heaptrail/graph. */
export interface GraphTools {
  /** One row per class of the snapshot (all classes, any order). */
  classSummary(graph: HeapGraph): readonly ClassSummaryRow[];
  /** Shortest retaining paths of `targets` grouped by shape, largest group first. */
  pathGroups(graph: HeapGraph, targets: Uint32Array, maxGroups: number): readonly PathGroup[];
  /** The pruned dominator tree shown in reports. */
  dominatorTree(graph: HeapGraph): DominatorTreeNode;
}

/** Reads and analyses snapshot `index` of the series (`file` as the user gave it). */
export type LoadGraph = (file: string, index: number) => Promise<HeapGraph>;
