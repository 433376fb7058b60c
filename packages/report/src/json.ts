// `heaptrail diff --format json`: the DiffResult as stable, pretty JSON. Keys are written in
// the order the types declare them, whatever order the producer built its objects in,
// so two runs on the same input give byte-identical files (and readable diffs).
// The key lists are checked against the types at compile time (`satisfies`); a field
// the producer adds before this file learns about it is kept, after the known ones.

import type { AccumulationPoint, BaselineEntry, BaselineOutcome, DiffResult, DiffVerdict, FailedBudget, GrowingClass, GrowthEvidence, PathChoice, SeriesOrder, GrowthRule, GrowthStats, IdCheck, PathGroupJson, PathStepJson, SnapshotInfo } from '@heaptrail/diff';
import type { ClassSummaryRow, DominatorTreeNode } from '@heaptrail/graph';
import { jsonText } from './json-text.js';

type KeyOrder<T> = { readonly [K in keyof T]-?: 0 };

const RESULT_KEYS = {
  schema: 0, snapshots: 0, sameProcess: 0, idChecks: 0, rule: 0, order: 0, pathChoice: 0, growing: 0, hiddenInternalClasses: 0, hiddenWeakClasses: 0, verdict: 0, baseline: 0, last: 0,
} as const satisfies KeyOrder<DiffResult>;
const ORDER_KEYS = { by: 0, given: 0 } as const satisfies KeyOrder<SeriesOrder>;
const PATH_CHOICE_KEYS = { order: 0, avoid: 0 } as const satisfies KeyOrder<PathChoice>;
const SNAPSHOT_KEYS = { file: 0, nodeCount: 0, edgeCount: 0, totalSize: 0, maxObjectId: 0 } as const satisfies KeyOrder<SnapshotInfo>;
const ID_CHECK_KEYS = { checked: 0, matched: 0, newIds: 0 } as const satisfies KeyOrder<IdCheck>;
const RULE_KEYS = { minGrowingIntervals: 0, minCountGrowth: 0, maxShrinkingIntervals: 0, minRelativeGrowth: 0, shrinkTolerance: 0 } as const satisfies KeyOrder<GrowthRule>;
const GROWING_KEYS = {
  className: 0, category: 0, origin: 0, counts: 0, shallowSizes: 0, retainedSizes: 0, growth: 0, newSurvivors: 0, newSurvivorsPerInterval: 0, evidence: 0, accumulationPoint: 0,
  paths: 0, heldBy: 0,
} as const satisfies KeyOrder<GrowingClass>;
const EVIDENCE_KEYS = { grewLastInterval: 0, survivesEveryInterval: 0, carriedBySurvivors: 0, strength: 0 } as const satisfies KeyOrder<GrowthEvidence>;
const POINT_KEYS = { path: 0, className: 0, nodeId: 0, kind: 0, sizes: 0, holds: 0, of: 0 } as const satisfies KeyOrder<AccumulationPoint>;
const GROWTH_KEYS = { count: 0, shallowSize: 0, retainedSize: 0, intervalsGrown: 0, intervals: 0 } as const satisfies KeyOrder<GrowthStats>;
const PATH_KEYS = {
  count: 0, retainedSize: 0, exampleId: 0, text: 0, signature: 0, repeats: 0, stringParts: 0, internalSteps: 0, steps: 0,
} as const satisfies KeyOrder<PathGroupJson>;
const STEP_KEYS = {
  edge: 0, className: 0, nodeId: 0, name: 0, location: 0, scope: 0, key: 0, value: 0, internal: 0, ephemeron: 0, avoided: 0,
} as const satisfies KeyOrder<PathStepJson>;
const VERDICT_KEYS = {
  growingClasses: 0, growingUserClasses: 0, heapBytesGrown: 0, heapBytesGrownPerInterval: 0, newSurvivorBytes: 0, bytesGrown: 0, bytesGrownPerInterval: 0, failedBudgets: 0,
} as const satisfies KeyOrder<DiffVerdict>;
const LAST_KEYS = { classes: 0, dominatorTree: 0 } as const satisfies KeyOrder<DiffResult['last']>;
const ROW_KEYS = { className: 0, count: 0, shallowSize: 0, retainedSize: 0 } as const satisfies KeyOrder<ClassSummaryRow>;
const TREE_KEYS = {
  ordinal: 0, id: 0, className: 0, name: 0, selfSize: 0, retainedSize: 0, children: 0, otherSize: 0, otherCount: 0,
} as const satisfies KeyOrder<DominatorTreeNode>;
const BASELINE_KEYS = { file: 0, entries: 0, failOnKnown: 0, known: 0, fixed: 0 } as const satisfies KeyOrder<BaselineOutcome>;
const ENTRY_KEYS = { className: 0, paths: 0 } as const satisfies KeyOrder<BaselineEntry>;
const BUDGET_KEYS = { budget: 0, limit: 0, actual: 0, classes: 0 } as const satisfies KeyOrder<FailedBudget>;

export function renderJson(result: DiffResult): string {
  return jsonText(orderDiffResult(result));
}

/** A copy of `result` whose keys follow the declaration order of `DiffResult`. */
export function orderDiffResult(r: DiffResult): DiffResult {
  return ordered(r, RESULT_KEYS, {
    snapshots: r.snapshots.map((s) => ordered(s, SNAPSHOT_KEYS)),
    idChecks: r.idChecks.map((c) => ordered(c, ID_CHECK_KEYS)),
    rule: ordered(r.rule, RULE_KEYS),
    order: ordered(r.order, ORDER_KEYS),
    pathChoice: ordered(r.pathChoice, PATH_CHOICE_KEYS),
    growing: r.growing.map(orderGrowing),
    verdict: ordered(r.verdict, VERDICT_KEYS, { failedBudgets: r.verdict.failedBudgets.map((b) => ordered(b, BUDGET_KEYS)) }),
    // Results built before baselines existed (or by hand) may lack the field: it reads as null.
    baseline:
      r.baseline == null
        ? null
        : ordered(r.baseline, BASELINE_KEYS, { known: r.baseline.known.map(orderGrowing), fixed: r.baseline.fixed.map((e) => ordered(e, ENTRY_KEYS)) }),
    last: ordered(r.last, LAST_KEYS, {
      classes: r.last.classes.map((row) => ordered(row, ROW_KEYS)),
      dominatorTree: orderTree(r.last.dominatorTree),
    }),
  });
}

/** Known keys in `order`, then any others in their original order; `overrides` replace values in place. */
function ordered<T extends object>(value: T, order: KeyOrder<T>, overrides: Partial<T> = {}): T {
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(order)) if (key in src) out[key] = src[key];
  for (const key of Object.keys(src)) if (!(key in out)) out[key] = src[key];
  return Object.assign(out, overrides) as T;
}

function orderGrowing(c: GrowingClass): GrowingClass {
  return ordered(c, GROWING_KEYS, {
    growth: ordered(c.growth, GROWTH_KEYS),
    evidence: ordered(c.evidence, EVIDENCE_KEYS),
    accumulationPoint: c.accumulationPoint === null ? null : ordered(c.accumulationPoint, POINT_KEYS),
    paths: c.paths.map((p) => ordered(p, PATH_KEYS, { steps: p.steps.map((s) => ordered(s, STEP_KEYS)) })),
  });
}

/** Rebuilds the (already pruned) dominator tree with ordered keys. */
function orderTree(root: DominatorTreeNode): DominatorTreeNode {
  return copyTree(root, (n) => ordered(n, TREE_KEYS, { children: [] }));
}

/**
 * Copies a (pruned) dominator tree node by node with `convert`, which returns the
 * copy of one node with an empty `children` array; iterative, since trees can be deep.
 */
export function copyTree<T extends { children: T[] }>(root: DominatorTreeNode, convert: (n: DominatorTreeNode) => T): T {
  const out = convert(root);
  const stack: [DominatorTreeNode, T][] = [[root, out]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop()!;
    for (const child of src.children) {
      const c = convert(child);
      dst.children.push(c);
      stack.push([child, c]);
    }
  }
  return out;
}
