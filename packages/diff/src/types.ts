// The result of `heaptrail diff`: the contract between packages/diff (which
// builds it) and packages/report (which renders it). The JSON output is this
// object serialised; its shape is versioned by `schema` and documented in
// docs/json-schema.md. Keep it deterministic: no timestamps of the run, no Map
// iteration order, stable sorts with explicit tie-breakers.

import type { ClassSummaryRow, DominatorTreeNode, PathStep } from '@heaptrail/graph';
import type { BaselineEntry } from './baseline/types.js';

export const DIFF_SCHEMA = 'heaptrail.diff/2';

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

/** A path step as JSON: graph's PathStep without the ordinals, which mean nothing outside one parse. */
export type PathStepJson = Pick<PathStep, 'edge' | 'className' | 'nodeId' | 'name' | 'location' | 'scope' | 'key' | 'value' | 'internal' | 'ephemeron' | 'avoided'>;

/** Which retaining paths were traced (docs/DESIGN.md, "Choosing the path"). */
export interface PathChoice {
  /**
   * 'preferred': fewest internal steps, then fewest folded steps, from the program's own
   * code (the default); 'shortest': the plain shortest path (fewest steps, user roots first),
   * the one DevTools shows.
   */
  readonly order: 'preferred' | 'shortest';
  /**
   * Patterns kept off the preferred paths (class or edge names, or `/regex/`); a path that
   * cannot avoid one says so. Empty when none (always with 'shortest').
   */
  readonly avoid: readonly string[];
}

export interface PathGroupJson {
  readonly count: number;
  readonly retainedSize: number;
  readonly exampleId: number;
  readonly text: string;
  /** The folded shape without ids, sizes or counts: the same across runs and machines (baselines match on it). */
  readonly signature: string;
  /** Per folded run in `text`, the range of its repeat count over the group. */
  readonly repeats: readonly { readonly min: number; readonly max: number }[];
  /** String parts (halves of concatenated strings, parents of slices) counted into this group's strings. */
  readonly stringParts: number;
  /** Internal steps of the example path: 0 when it starts at the program's own code and avoids runtime holders. */
  readonly internalSteps: number;
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
  /**
   * 'program' for classes of the program's own scripts and libraries (and object literals),
   * 'runtime' for JavaScript's builtins (Promise, Array, …), V8's kinds ((string), …) and
   * classes of Node's internal modules (Timeout, …). Program classes rank first.
   */
  readonly origin: 'program' | 'runtime';
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
  /** Where the instances pile up (null when they are spread over several holders, or paths were not traced). */
  readonly accumulationPoint: AccumulationPoint | null;
  readonly evidence: GrowthEvidence;
}

/** How strongly the series says a class leaks; strong classes rank before every weak one. */
export interface GrowthEvidence {
  /** The count rose in the last interval. */
  readonly grewLastInterval: boolean;
  /** Instances born in every interval are alive in the last snapshot (null: ids not comparable). */
  readonly survivesEveryInterval: boolean | null;
  /** New survivors make up at least half of the count's growth (null: ids not comparable). */
  readonly carriedBySurvivors: boolean | null;
  /** 'strong' when every known fact above holds, else 'weak'. */
  readonly strength: 'strong' | 'weak';
}

/**
 * The one object under which a class's new instances pile up: the deepest object of the
 * dominator tree that holds most of them (a collection, a list head, the newest link of a
 * chain). What a person has to fix.
 */
export interface AccumulationPoint {
  /** The shortest retaining path to it, as in path groups: the user's variable and property chain. */
  readonly path: string;
  readonly className: string;
  readonly nodeId: number;
  /** 'Array', 'Map', 'Set' or 'Object' when its members were counted; null otherwise. */
  readonly kind: 'Array' | 'Map' | 'Set' | 'Object' | null;
  /**
   * Its members per snapshot (elements, entries, properties), when `kind` is set: null in a
   * snapshot where it was absent or held fewer than 16.
   */
  readonly sizes: readonly (number | null)[] | null;
  /** How many of the instances (`of`: the new survivors, or all instances) it holds. */
  readonly holds: number;
  readonly of: number;
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
  /** Retained bytes grown first → last, summed over reported classes (classes that hold each other count twice: see newSurvivorBytes). */
  readonly bytesGrown: number;
  /** Per interval, bytes grown by the reported classes. */
  readonly bytesGrownPerInterval: readonly number[];
  /** The heap's own growth, last − first snapshot: total self size (the sum of `snapshots[].totalSize` differences). */
  readonly heapBytesGrown: number;
  readonly heapBytesGrownPerInterval: readonly number[];
  /**
   * Bytes the new survivors of the reported classes retain in the last snapshot, each byte
   * counted once (a message and the strings it holds are not added twice). Null without
   * comparable ids.
   */
  readonly newSurvivorBytes: number | null;
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
  /** The reported classes that count toward budgets (without a baseline's known ones, unless failOnKnown), in report order. */
  readonly classes: readonly string[];
}

/** How the series compares with a baseline of known leaks (`--baseline`). */
export interface BaselineOutcome {
  /** The baseline file as the user named it. */
  readonly file: string;
  /** Entries in the file. */
  readonly entries: number;
  /** Whether known findings count toward the budgets (`--fail-on-known`). */
  readonly failOnKnown: boolean;
  /** Reported classes the baseline lists, in report order; not in `growing`. */
  readonly known: readonly GrowingClass[];
  /** Entries that match no reported class: fixed, or no longer growing. In file order. */
  readonly fixed: readonly BaselineEntry[];
}

export interface SeriesOrder {
  /**
   * 'given': as the caller gave them; 'node-name', 'natural', 'mtime': a directory's files by
   * Node's snapshot names, by the numbers in the names, or by modification time;
   * 'object-ids': by the object ids (which only grow within a process), the files having
   * been given out of the order in which they were taken.
   */
  readonly by: 'given' | 'node-name' | 'natural' | 'mtime' | 'object-ids';
  /** The files in the order given, when they were reordered by object ids; else null. */
  readonly given: readonly string[] | null;
}

export interface DiffResult {
  readonly schema: typeof DIFF_SCHEMA;
  readonly snapshots: readonly SnapshotInfo[];
  /** True when object ids are comparable across the series (same process). */
  readonly sameProcess: boolean;
  /** Per interval: the evidence for `sameProcess` (how the later snapshot's ids matched the earlier one's). */
  readonly idChecks: readonly IdCheck[];
  readonly rule: GrowthRule;
  /** How the snapshots were put in the order of `snapshots`. */
  readonly order: SeriesOrder;
  /** Which retaining paths `paths` and accumulation points show. */
  readonly pathChoice: PathChoice;
  /**
   * Reported classes: user classes first; within each, classes not held by another reported
   * class (`heldBy` null) first; then by retained bytes grown (desc), count grown (desc), name.
   */
  readonly growing: readonly GrowingClass[];
  /** Growing internal classes left out (unless --include-internals). */
  readonly hiddenInternalClasses: number;
  /**
   * Classes the growth rule passed but left out on their evidence: their count did not rise
   * in the last interval and their new survivors do not carry their growth.
   */
  readonly hiddenWeakClasses: number;
  readonly verdict: DiffVerdict;
  /** Null without a baseline; with one, `growing` and `verdict` cover only the new findings. */
  readonly baseline: BaselineOutcome | null;
  /** The last snapshot, for reports: top classes and a pruned dominator tree. */
  readonly last: {
    readonly classes: readonly ClassSummaryRow[];
    readonly dominatorTree: DominatorTreeNode;
  };
}
