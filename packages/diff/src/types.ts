// The result of `heaptrail diff`: the contract between packages/diff (which
// builds it) and packages/report (which renders it). The JSON output is this
// object serialised; its shape is versioned by `schema` and documented in
// docs/json-schema.md. Keep it deterministic: no timestamps of the run, no Map
// iteration order, stable sorts with explicit tie-breakers.

import type { ClassSummaryRow, DominatorTreeNode } from '@heaptrail/graph';

export const DIFF_SCHEMA = 'heaptrail.diff/1';

export interface SnapshotInfo {
  /** The path as given on the command line. */
  readonly file: string;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Sum of self sizes (bytes). */
  readonly totalSize: number;
  /** Largest odd (V8 heap) object id: the boundary of the "allocated before" filter. */
  readonly maxObjectId: number;
}

export interface IdCheck {
  /** Odd ids of the later snapshot at or below the earlier snapshot's max odd id. */
  readonly checked: number;
  /** Of those, ids the earlier snapshot has, on an object of the same class. */
  readonly matched: number;
  /** Odd ids above the earlier snapshot's max odd id (objects born in between). */
  readonly newIds: number;
}

export interface PathStepJson {
  readonly edge: string;
  readonly className: string;
  readonly nodeId: number;
}

export interface PathGroupJson {
  readonly count: number;
  readonly retainedSize: number;
  readonly exampleId: number;
  readonly text: string;
  readonly steps: readonly PathStepJson[];
}

export interface GrowthStats {
  /** counts[last] - counts[0]. */
  readonly count: number;
  readonly shallowSize: number;
  readonly retainedSize: number;
  /** Intervals in which the count rose, of `intervals` (= snapshots - 1). */
  readonly intervalsGrown: number;
  readonly intervals: number;
}

export interface GrowingClass {
  readonly className: string;
  /** 'user' for the program's own classes, 'internal' for V8 side effects ((system), (compiled code), …). */
  readonly category: 'user' | 'internal';
  /** Per snapshot, in input order. */
  readonly counts: readonly number[];
  readonly shallowSizes: readonly number[];
  readonly retainedSizes: readonly number[];
  readonly growth: GrowthStats;
  /**
   * With stable ids: instances born after the first snapshot and alive in the last.
   * Null when ids are not comparable (snapshots from different processes).
   */
  readonly newSurvivors: number | null;
  /** Per interval i (between snapshot i and i+1): instances born then and still alive at the end. */
  readonly newSurvivorsPerInterval: readonly number[] | null;
  /** Retaining-path groups over the surviving new instances (or all instances without id tracking). */
  readonly paths: readonly PathGroupJson[];
  /**
   * Another reported class that the top path passes through on its way to this one (the
   * nearest to the object), e.g. `ChatMessage` for the `(string)` contents of leaked
   * messages: this class grows because that one does. Null when the path crosses none.
   */
  readonly heldBy: string | null;
}

export interface GrowthRule {
  /** Minimum share of intervals that must show growth (1 = every interval). */
  readonly minGrowingIntervals: number;
  /** Minimum absolute count growth first → last. */
  readonly minCountGrowth: number;
  /** Maximum share of intervals allowed to shrink. */
  readonly maxShrinkingIntervals: number;
  /** Minimum count growth first → last as a share of the first count (the larger of this and minCountGrowth applies). */
  readonly minRelativeGrowth: number;
  /** A drop smaller than this share of the previous count is noise, not shrinking. */
  readonly shrinkTolerance: number;
}

export interface DiffVerdict {
  readonly growingClasses: number;
  readonly growingUserClasses: number;
  /** Retained bytes grown first → last, summed over reported classes. */
  readonly bytesGrown: number;
  /** Per interval, bytes grown by the reported classes. */
  readonly bytesGrownPerInterval: readonly number[];
  /** Budget checks that failed (empty when none or no budget was set). */
  readonly failedBudgets: readonly FailedBudget[];
}

/** One budget that the series exceeded. */
export interface FailedBudget {
  /** Which budget: any class reported, retained bytes grown, or number of classes reported. */
  readonly budget: 'failOnGrowth' | 'maxGrowthBytes' | 'maxGrowingClasses';
  /** The limit that was set; null for failOnGrowth (no number). */
  readonly limit: number | null;
  /** What was measured: classes reported, or retained bytes grown for maxGrowthBytes. */
  readonly actual: number;
  /** The reported classes, in report order. */
  readonly classes: readonly string[];
}

export interface DiffResult {
  readonly schema: typeof DIFF_SCHEMA;
  readonly snapshots: readonly SnapshotInfo[];
  /** True when object ids are comparable across the series (same process). */
  readonly sameProcess: boolean;
  /** Per interval: the evidence for `sameProcess` (how the later snapshot's ids matched the earlier one's). */
  readonly idChecks: readonly IdCheck[];
  readonly rule: GrowthRule;
  /**
   * Reported classes: user classes first; within each, classes not held by another reported
   * class (`heldBy` null) first; then by retained bytes grown (desc), count grown (desc), name.
   */
  readonly growing: readonly GrowingClass[];
  /** Growing internal classes left out (unless --include-internals). */
  readonly hiddenInternalClasses: number;
  readonly verdict: DiffVerdict;
  /** The last snapshot, for reports: top classes and a pruned dominator tree. */
  readonly last: {
    readonly classes: readonly ClassSummaryRow[];
    readonly dominatorTree: DominatorTreeNode;
  };
}
