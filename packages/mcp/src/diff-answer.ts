// The diff tool's answer: the `heaptrail.diff/1` result cut for a model. It keeps the
// verdict, the snapshots' totals and the first growing classes; per class its counts,
// growth, survivors, the class holding it, where its instances accumulate and the top
// path groups (text and example id; the step list is left to the paths tool). The
// last snapshot's class table and dominator tree are the summary and dominators tools'.

import type { DiffResult, GrowingClass, PathGroupJson } from '@heaptrail/diff';
import { cutClassName, cutPathText, topOf } from './answer-size.js';

export interface DiffQuery {
  /** Growing classes shown (0 = all). */
  readonly top: number;
  /** Path groups shown per class. */
  readonly paths: number;
}

export function diffAnswer(result: DiffResult, query: DiffQuery) {
  const { shown, left } = topOf(result.growing, query.top);
  const { verdict } = result;
  return {
    schema: result.schema,
    snapshots: result.snapshots.map((s) => ({ file: s.file, nodeCount: s.nodeCount, totalSize: s.totalSize })),
    sameProcess: result.sameProcess,
    verdict: { growingClasses: verdict.growingClasses, growingUserClasses: verdict.growingUserClasses, bytesGrown: verdict.bytesGrown, bytesGrownPerInterval: verdict.bytesGrownPerInterval },
    hiddenInternalClasses: result.hiddenInternalClasses,
    shownClasses: shown.length,
    growing: shown.map((c) => growingJson(c, query.paths)),
    ...(left > 0 ? { moreClasses: `${left} more growing classes; raise top` } : {}),
  };
}

function growingJson(c: GrowingClass, paths: number) {
  const top = c.paths.slice(0, paths);
  return {
    className: cutClassName(c.className),
    category: c.category,
    counts: c.counts,
    retainedSizes: c.retainedSizes,
    growth: c.growth,
    newSurvivors: c.newSurvivors,
    heldBy: c.heldBy === null ? null : cutClassName(c.heldBy),
    accumulationPoint: c.paths.length > 0 ? accumulationPoint(c.paths[0]!) : null,
    pathGroups: c.paths.length,
    paths: top.map((p) => ({ count: p.count, retainedSize: p.retainedSize, exampleId: p.exampleId, text: cutPathText(p.text) })),
  };
}

/**
 * Where the instances of the top path collect: the nearest object above the example
 * instance that is not a V8 internal (a `(object elements)` backing store or a hash
 * table stands for the Array or Map that owns it), e.g. the `history` Array; `edge` is
 * how the path enters it, as in a path step. Its id is for the object tool, which tells
 * its size and what else it holds.
 */
function accumulationPoint(group: PathGroupJson) {
  const steps = group.steps;
  for (let i = steps.length - 2; i >= 0; i--) {
    const step = steps[i]!;
    if (!step.className.startsWith('(')) return { edge: step.edge, className: cutClassName(step.className), nodeId: step.nodeId };
  }
  return null;
}
