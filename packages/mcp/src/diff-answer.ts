// The diff tool's answer: the `heaptrail.diff` result cut for a model. It keeps the
// verdict, the snapshots' totals and the first growing classes; per class its counts,
// growth, survivors, evidence, the class holding it, the object where its instances
// pile up and the top path groups (text and example id; the step list is left to the
// paths tool). The last snapshot's class table and dominator tree are the summary and
// dominators tools'.

import type { AccumulationPoint, DiffResult, GrowingClass } from '@heaptrail/diff';
import { cutClassName, cutPathText, topOf } from './answer-size.js';

export interface DiffQuery {
  /** Growing classes shown (0 = all). */
  readonly top: number;
  /** Path groups shown per class. */
  readonly paths: number;
}

export function diffAnswer(result: DiffResult, query: DiffQuery) {
  const { shown, left } = topOf(result.growing, query.top);
  const v = result.verdict;
  return {
    schema: result.schema,
    snapshots: result.snapshots.map((s) => ({ file: s.file, nodeCount: s.nodeCount, totalSize: s.totalSize })),
    sameProcess: result.sameProcess,
    order: result.order,
    pathChoice: result.pathChoice,
    verdict: {
      growingClasses: v.growingClasses,
      growingUserClasses: v.growingUserClasses,
      bytesGrown: v.bytesGrown,
      bytesGrownPerInterval: v.bytesGrownPerInterval,
      heapBytesGrown: v.heapBytesGrown,
      newSurvivorBytes: v.newSurvivorBytes,
    },
    hiddenInternalClasses: result.hiddenInternalClasses,
    hiddenWeakClasses: result.hiddenWeakClasses,
    shownClasses: shown.length,
    growing: shown.map((c) => growingJson(c, query.paths)),
    ...(left > 0 ? { moreClasses: `${left} more growing classes; raise top` } : {}),
  };
}

function growingJson(c: GrowingClass, paths: number) {
  return {
    className: cutClassName(c.className),
    category: c.category,
    origin: c.origin,
    counts: c.counts,
    retainedSizes: c.retainedSizes,
    growth: c.growth,
    newSurvivors: c.newSurvivors,
    evidence: c.evidence.strength,
    heldBy: c.heldBy === null ? null : cutClassName(c.heldBy),
    accumulationPoint: c.accumulationPoint === null ? null : pointJson(c.accumulationPoint),
    pathGroups: c.paths.length,
    paths: c.paths.slice(0, paths).map((p) => ({ count: p.count, retainedSize: p.retainedSize, exampleId: p.exampleId, text: cutPathText(p.text) })),
  };
}

function pointJson(p: AccumulationPoint) {
  return { ...p, path: cutPathText(p.path), className: cutClassName(p.className) };
}
