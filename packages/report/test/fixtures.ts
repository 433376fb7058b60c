// Hand-built DiffResult and summary fixtures shared by the unit tests and the
// browser test. They mimic what `heaptrail diff` produces for a leaking server:
// four snapshots, a user class that grows every interval, several path groups,
// an internal class, a failed budget and a pruned dominator tree.

import type { AccumulationPoint, DiffResult, GrowingClass, PathGroupJson, SnapshotInfo } from '@heaptrail/diff';
import type { ClassSummaryRow, DominatorTreeNode } from '@heaptrail/graph';
import type { SummaryData } from '../src/index.js';

const RULE = { minGrowingIntervals: 1, minCountGrowth: 10, maxShrinkingIntervals: 0, minRelativeGrowth: 0.1, shrinkTolerance: 0.02 } as const;

function snapshots(files: readonly string[]): SnapshotInfo[] {
  return files.map((file, i) => ({
    file,
    nodeCount: 41_000 + i * 2_500,
    edgeCount: 186_000 + i * 11_000,
    totalSize: 4_200_000 + i * 640_000,
    maxObjectId: 90_001 + i * 20_000,
  }));
}

function path(count: number, retainedSize: number, exampleId: number, text: string, steps: [edge: string, className: string][]): PathGroupJson {
  return {
    count,
    retainedSize,
    exampleId,
    text,
    signature: steps.map(([edge, className]) => `${edge.replace(/\d+/g, '')}→${className}`).join(' '),
    repeats: [],
    stringParts: 0,
    internalSteps: 0,
    steps: steps.map(([edge, className], i) => ({ edge, className, nodeId: exampleId - (steps.length - 1 - i) * 2 })),
  };
}

function leaf(id: number, className: string, name: string, retainedSize: number, selfSize = retainedSize): DominatorTreeNode {
  return { ordinal: id >> 1, id, className, name, selfSize, retainedSize, children: [], otherSize: 0, otherCount: 0 };
}

function node(id: number, className: string, name: string, selfSize: number, children: DominatorTreeNode[], otherSize = 0, otherCount = 0): DominatorTreeNode {
  const retainedSize = selfSize + otherSize + children.reduce((s, c) => s + c.retainedSize, 0);
  return { ordinal: id >> 1, id, className, name, selfSize, retainedSize, children, otherSize, otherCount };
}

/** A dominator tree whose biggest branch is the leaking `RequestContext` cache. */
export function leakyDominatorTree(names: { leak?: string; text?: string } = {}): DominatorTreeNode {
  const leak = names.leak ?? 'RequestContext';
  const contexts = Array.from({ length: 12 }, (_, i) =>
    node(1001 + i * 2, leak, leak, 120, [leaf(3001 + i * 2, '(string)', names.text ?? 'GET /api/items', 24_000), leaf(5001 + i * 2, 'Buffer', 'Buffer', 16_000, 96)]),
  );
  return node(1, '(synthetic)', '', 0, [
    node(3, '(GC roots)', '(GC roots)', 0, [
      node(5, 'Window', 'global', 64, [
        node(7, 'Map', 'Map', 48, contexts, 1_400_000, 3_988),
        node(9, 'Server', 'Server', 256, [leaf(11, 'Socket', 'Socket', 48_000, 320), leaf(13, 'EventEmitter', 'EventEmitter', 12_000, 80)]),
      ]),
      node(15, '(compiled code)', 'system / Code', 0, [leaf(17, '(compiled code)', 'handler', 210_000)], 400_000, 9_000),
      leaf(19, '(system)', 'system / Context', 35_000),
    ], 850_000, 20_000),
  ]);
}

export function classRows(names: { leak?: string } = {}): ClassSummaryRow[] {
  return [
    { className: '(compiled code)', count: 9_100, shallowSize: 610_000, retainedSize: 610_000 },
    { className: names.leak ?? 'RequestContext', count: 4_012, shallowSize: 481_440, retainedSize: 1_650_000 },
    { className: '(string)', count: 21_000, shallowSize: 980_000, retainedSize: 980_000 },
    { className: 'Buffer', count: 4_020, shallowSize: 385_920, retainedSize: 1_210_000 },
    { className: 'Socket', count: 3, shallowSize: 960, retainedSize: 48_000 },
    { className: 'onRequestDone()', count: 4_000, shallowSize: 128_000, retainedSize: 128_000 },
    { className: '{id, user, startedAt}', count: 800, shallowSize: 32_000, retainedSize: 64_000 },
  ];
}

function growing(
  className: string,
  category: 'user' | 'internal',
  counts: number[],
  perInstance: number,
  paths: PathGroupJson[],
  sameProcess = true,
  heldBy: string | null = null,
  accumulationPoint: AccumulationPoint | null = null,
): GrowingClass {
  const shallowSizes = counts.map((c) => c * Math.round(perInstance / 4));
  const retainedSizes = counts.map((c) => c * perInstance);
  const last = counts.length - 1;
  let intervalsGrown = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[i - 1]!) intervalsGrown++;
  const perInterval = counts.slice(1).map((c, i) => Math.max(0, c - counts[i]!));
  return {
    className,
    category,
    origin: className.startsWith('(') ? 'runtime' : 'program',
    counts,
    shallowSizes,
    retainedSizes,
    growth: {
      count: counts[last]! - counts[0]!,
      shallowSize: shallowSizes[last]! - shallowSizes[0]!,
      retainedSize: retainedSizes[last]! - retainedSizes[0]!,
      intervalsGrown,
      intervals: last,
    },
    newSurvivors: sameProcess ? counts[last]! - counts[0]! : null,
    newSurvivorsPerInterval: sameProcess ? perInterval : null,
    evidence: {
      grewLastInterval: counts[last]! > counts[last - 1]!,
      survivesEveryInterval: sameProcess ? perInterval.every((n) => n > 0) : null,
      carriedBySurvivors: sameProcess ? true : null,
      strength: counts[last]! > counts[last - 1]! ? 'strong' : 'weak',
    },
    accumulationPoint,
    paths,
    heldBy,
  };
}

export interface LeakyOptions {
  /** Replaces the leaking class name everywhere (used for hostile-name tests). */
  readonly leak?: string;
  /** Replaces the first path's edge name. */
  readonly edge?: string;
  readonly files?: readonly string[];
}

/** Four snapshots of a server leaking `RequestContext` objects through a module-level Map. */
export function leakyResult(opts: LeakyOptions = {}): DiffResult {
  const leak = opts.leak ?? 'RequestContext';
  const edge = opts.edge ?? 'cache';
  const files = opts.files ?? ['heap-1.heapsnapshot', 'heap-2.heapsnapshot', 'heap-3.heapsnapshot', 'heap-4.heapsnapshot'];
  const classes: GrowingClass[] = [
    growing(leak, 'user', [12, 1_012, 2_012, 4_012], 412, [
      path(3_400, 1_400_000, 90_211, `(module scope) ${edge} → Map (entries) → ${leak}`, [['', '(module scope)'], [`.${edge}`, 'Map'], ['(entries)', 'Array'], ['[]', leak]]),
      path(580, 238_000, 110_433, `(module scope) server._events.request → onRequestDone()::ctx → ${leak}`, [['', '(module scope)'], ['.server', 'Server'], ['._events', 'Object'], ['.request', 'onRequestDone()'], ['context ctx', leak]]),
      path(20, 8_200, 130_017, `(module scope) server.pending[] → ${leak}`, [['', '(module scope)'], ['.server', 'Server'], ['.pending', 'Array'], ['[]', leak]]),
    ], true, null, { path: `(module scope) ${edge} → Map`, className: 'Map', nodeId: 90_101, kind: 'Map', sizes: [12, 1_012, 2_012, 4_012], holds: 3_400, of: 4_000 }),
    growing('onRequestDone()', 'user', [10, 1_010, 2_010, 4_010], 32, [
      path(4_000, 128_000, 110_431, '(module scope) server._events.request → onRequestDone()', [['', '(module scope)'], ['.server', 'Server'], ['._events', 'Object'], ['.request', 'onRequestDone()']]),
    ]),
    growing('Buffer', 'user', [40, 1_040, 2_040, 4_020], 300, [
      path(3_980, 1_190_000, 90_215, `(module scope) ${edge} → Map (entries) → ${leak}.body → Buffer`, [['', '(module scope)'], [`.${edge}`, 'Map'], ['(entries)', 'Array'], ['[]', leak], ['.body', 'Buffer']]),
      path(2, 600, 8_811, 'global.pool → Buffer', [['', 'Window'], ['.pool', 'Buffer']]),
    ], true, leak),
    growing('(compiled code)', 'internal', [9_000, 9_030, 9_070, 9_100], 67, [
      path(100, 6_700, 77_001, '(GC roots) (Compilation cache) → (compiled code)', [['', '(GC roots)'], ['(Compilation cache)', '(system)'], ['.code', '(compiled code)']]),
    ]),
  ];
  const bytesGrownPerInterval = [1, 2, 3].map((i) => classes.reduce((s, c) => s + (c.retainedSizes[i]! - c.retainedSizes[i - 1]!), 0));
  return {
    schema: 'heaptrail.diff/2',
    snapshots: snapshots(files),
    sameProcess: true,
    idChecks: files.slice(1).map((_, i) => ({ checked: 41_000 + i * 2_000, matched: 40_990 + i * 2_000, newIds: 2_500 })),
    rule: RULE,
    order: { by: 'given', given: null },
    pathChoice: { order: 'preferred', avoid: [] },
    growing: classes,
    hiddenInternalClasses: 2,
    hiddenWeakClasses: 0,
    verdict: {
      growingClasses: classes.length,
      growingUserClasses: 3,
      bytesGrown: classes.reduce((s, c) => s + c.growth.retainedSize, 0),
      bytesGrownPerInterval,
      heapBytesGrown: 1_920_000,
      heapBytesGrownPerInterval: [640_000, 640_000, 640_000],
      newSurvivorBytes: 1_700_000,
      failedBudgets: [
        { budget: 'maxGrowthBytes', limit: 1_000_000, actual: 2_900_000, classes: classes.map((c) => c.className) },
        { budget: 'maxGrowingClasses', limit: 1, actual: classes.length, classes: classes.map((c) => c.className) },
      ],
    },
    baseline: null,
    last: { classes: classRows({ leak }), dominatorTree: leakyDominatorTree({ leak }) },
  };
}

/** Two snapshots from different processes: ids are not comparable, so no survivors. */
export function crossProcessResult(): DiffResult {
  const base = leakyResult({ files: ['prod-a.heapsnapshot', 'prod-b.heapsnapshot'] });
  const growingClasses = base.growing
    .slice(0, 2)
    .map((c) => growing(c.className, c.category, [c.counts[0]!, c.counts[3]!], c.retainedSizes[3]! / c.counts[3]!, [...c.paths], false));
  return {
    ...base,
    snapshots: base.snapshots.slice(0, 2),
    sameProcess: false,
    idChecks: [{ checked: 40_000, matched: 1_200, newIds: 9_000 }],
    growing: growingClasses,
    hiddenInternalClasses: 0,
    verdict: {
      growingClasses: 2,
      growingUserClasses: 2,
      bytesGrown: growingClasses.reduce((s, c) => s + c.growth.retainedSize, 0),
      bytesGrownPerInterval: [growingClasses.reduce((s, c) => s + c.growth.retainedSize, 0)],
      heapBytesGrown: 640_000,
      heapBytesGrownPerInterval: [640_000],
      newSurvivorBytes: null,
      failedBudgets: [],
    },
  };
}

/** A healthy program: nothing grows, no budget fails. */
export function healthyResult(): DiffResult {
  const base = leakyResult();
  return {
    ...base,
    growing: [],
    hiddenInternalClasses: 0,
    verdict: {
      growingClasses: 0,
      growingUserClasses: 0,
      bytesGrown: 0,
      bytesGrownPerInterval: [0, 0, 0],
      heapBytesGrown: 1_200,
      heapBytesGrownPerInterval: [400, 400, 400],
      newSurvivorBytes: 0,
      failedBudgets: [],
    },
  };
}

/** Single-snapshot data for `renderSummaryHtml`. */
export function summaryData(opts: { leak?: string; text?: string; file?: string } = {}): SummaryData {
  const dominatorTree = leakyDominatorTree(opts);
  return {
    file: opts.file ?? 'heap-4.heapsnapshot',
    nodeCount: 48_500,
    totalSize: dominatorTree.retainedSize,
    classes: classRows(opts),
    dominatorTree,
  };
}

/** Names a hostile page could give its classes, edges and files. */
export const HOSTILE = {
  leak: '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`|**bold**|',
  edge: '"><img src=x onerror=window.__pwned=3>',
  file: '<svg onload=window.__pwned=4>.heapsnapshot',
  /** String contents are node names: the page decides them entirely. */
  text: '<script>window.__pwned=5</script><iframe srcdoc="<script>parent.__pwned=6</script>">',
} as const;
