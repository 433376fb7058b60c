// The series diff, as named phases over one snapshot at a time:
//   analyse snapshot i → digest it (class histogram, sorted ids, max odd id)
//   → check ids against snapshot i-1 → drop its graph → next.
// Only the last snapshot's graph stays, for survivors, paths and the `last`
// section, so a series of ten 1 GB dumps needs the memory of one (plus 8 bytes
// per node for the previous snapshot's id table).
//
// `SeriesDiff` takes the snapshots as they come (a file series, or a recorder
// that takes them from a live process); `diffSeries` drives it from a loader.

import { classSummary, dominatorTree, groupRetainingPaths, type ClassSummaryRow, type HeapGraph } from '@heaptrail/graph';
import { pathGroupJson } from './path-json.js';
import { checkBudgets } from './budgets.js';
import { ClassSeries } from './class-series.js';
import { DEFAULT_GROWTH_RULE, judgeGrowth, judgeSurvivingGrowth } from './growth-rule.js';
import { buildIdTable, evenIds, type IdTable } from './id-table.js';
import { isInternalClass } from './internal-classes.js';
import type { DiffOptions } from './options.js';
import { REPORT_TREE } from './report-tree.js';
import { checkIdentity, looksSameProcess } from './same-process.js';
import { countSurvivors, type ClassSurvivors } from './survivors.js';
import { findHolders } from './holders.js';
import {
  DIFF_SCHEMA,
  type DiffResult,
  type GrowingClass,
  type GrowthRule,
  type IdCheck,
  type SnapshotInfo,
} from './types.js';

/** Reads and analyses snapshot `index` of the series. */
export type LoadGraph = (index: number) => Promise<HeapGraph>;

/** Diffs the series `files` (names as the user gave them), loading each with `load`. */
export async function diffSeries(files: readonly string[], load: LoadGraph, options: DiffOptions = {}): Promise<DiffResult> {
  const n = files.length;
  if (n < 2) throw new RangeError(`a diff needs at least 2 snapshots, got ${n}`);
  const diff = new SeriesDiff(options);
  for (let i = 0; i < n; i++) await loadInto(diff, load, i, files[i]!, i === n - 1);
  return diff.finish();
}

/**
 * A function of its own on purpose: a suspended async function can keep stale
 * registers alive, and a graph referenced from diffSeries' frame would then
 * survive into the next load, doubling peak memory. Here the frame ends with the call.
 */
async function loadInto(diff: SeriesDiff, load: LoadGraph, i: number, file: string, keepGraph: boolean): Promise<void> {
  diff.add(await load(i), file, keepGraph);
}

/** The series as it has been read so far: each snapshot reduced to what the growth rule needs. */
export class SeriesDiff {
  private readonly series = new ClassSeries();
  private readonly snapshots: SnapshotInfo[] = [];
  private readonly idChecks: IdCheck[] = [];
  private readonly maxOddIds: number[] = [];
  private readonly earlierEvenIds: Uint32Array[] = [];
  private previous: IdTable | undefined;
  private last: { graph: HeapGraph; globalClass: Uint32Array; rows: readonly ClassSummaryRow[] } | undefined;

  constructor(private readonly options: DiffOptions = {}) {}

  /** Snapshots added so far. */
  get size(): number {
    return this.snapshots.length;
  }

  /**
   * Digests the next snapshot of the series. Its graph is kept for the result when
   * `keepGraph` (replacing the one kept before); pass false for all but the last
   * when the length of the series is known, so only one graph is ever held.
   */
  add(graph: HeapGraph, file: string, keepGraph = true): void {
    const i = this.snapshots.length;
    const rows = classSummary(graph);
    this.series.record(i, rows);
    const globalClass = this.series.globalIds(graph.classNames);
    const table = buildIdTable(graph.snapshot.nodes.id, graph.classOf, globalClass);
    this.snapshots.push({ file, nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, totalSize: graph.totalSize, maxObjectId: table.maxOddId });
    if (this.previous) {
      this.idChecks.push(checkIdentity(this.previous, table));
      this.maxOddIds.push(this.previous.maxOddId);
      this.earlierEvenIds.push(evenIds(this.previous));
    }
    this.previous = table;
    this.last = keepGraph ? { graph, globalClass, rows } : undefined;
  }

  /** The diff of the snapshots added so far; the last one added must have been kept. */
  finish(): DiffResult {
    const n = this.snapshots.length;
    if (n < 2) throw new RangeError(`a diff needs at least 2 snapshots, got ${n}`);
    if (!this.last) throw new RangeError('the last snapshot of the series was added without its graph');
    return judgeSeries(this.series, n, this.snapshots, this.idChecks, { maxOddIds: this.maxOddIds, evenIds: this.earlierEvenIds }, this.last, this.options);
  }
}

function judgeSeries(
  series: ClassSeries,
  n: number,
  snapshots: readonly SnapshotInfo[],
  idChecks: readonly IdCheck[],
  births: { maxOddIds: readonly number[]; evenIds: readonly Uint32Array[] },
  last: { graph: HeapGraph; globalClass: Uint32Array; rows: readonly ClassSummaryRow[] },
  options: DiffOptions,
): DiffResult {
  const rule: GrowthRule = { ...DEFAULT_GROWTH_RULE, ...options.rule };
  const progress = options.onProgress ?? (() => undefined);
  const { graph, globalClass } = last;
  const sameProcess = options.sameProcess ?? idChecks.every((c) => looksSameProcess(c));
  // Judge every class by its counts; classes that trend up but dip or stall get
  // a second chance by their new survivors when ids are comparable.
  const reported = new Set<number>();
  const candidates: number[] = [];
  const survivorRoute = sameProcess && (options.survivorRoute ?? true) && n >= 3;
  const intervalsGrown = new Uint32Array(series.names.length);
  for (let c = 0; c < series.names.length; c++) {
    const { growing, reason, intervalsGrown: grown } = judgeGrowth(series.counts[c]!, rule);
    intervalsGrown[c] = grown;
    if (growing) reported.add(c);
    else if (survivorRoute && (reason === 'too few growing intervals' || reason === 'shrank')) candidates.push(c);
  }
  const survivors = sameProcess
    ? countSurvivors(
        graph.snapshot.nodes.id,
        graph.classOf,
        globalClass,
        new Set([...reported, ...candidates]),
        births,
        graph.selfSize,
      )
    : undefined;
  for (const c of candidates) {
    const s = survivors?.get(c);
    if (s && judgeSurvivingGrowth(series.counts[c]!, s.perInterval, rule)) reported.add(c);
  }

  // Keep the growing classes that will be shown.
  const includeInternals = options.includeInternals ?? false;
  const shown: number[] = [];
  let hiddenInternalClasses = 0;
  for (const c of [...reported].sort((a, b) => a - b)) {
    if (!includeInternals && isInternalClass(series.names[c]!)) hiddenInternalClasses++;
    else shown.push(c);
  }
  // Paths cost a pass over the last graph per class: only the first
  // `pathClasses` classes (by the ranking without heldBy) get them.
  const pathsPerClass = options.pathsPerClass ?? 5;
  const pathClasses = options.pathClasses ?? 25;
  const preliminary = shown.map((c) => growingClass(series, c, intervalsGrown[c]!, survivors?.get(c)));
  const order = preliminary.map((_, k) => k).sort((a, b) => compareGrowing(preliminary[a]!, preliminary[b]!));
  const withPaths = order.slice(0, pathClasses);
  const allInstances = instancesOf(
    graph,
    globalClass,
    withPaths.map((k) => shown[k]!).filter((c) => !survivors?.get(c)?.ordinals.length),
  );
  const traced: GrowingClass[] = withPaths.map((k, done) => {
    const c = shown[k]!;
    const s = survivors?.get(c);
    const targets = s && s.ordinals.length > 0 ? s.ordinals : allInstances.get(c)!;
    progress({ kind: 'paths', className: series.names[c]!, done, total: withPaths.length });
    const groups = targets.length > 0 ? groupRetainingPaths(graph, targets, { limit: pathsPerClass }) : [];
    return { ...preliminary[k]!, paths: groups.slice(0, pathsPerClass).map(pathGroupJson) };
  });
  const heldBy = findHolders(traced);
  // Classes without paths cannot be judged held; they follow the traced ones of their category.
  const ranked = [
    ...traced.map((g, k) => ({ ...g, heldBy: heldBy[k]! })).sort(compareGrowing),
    ...order.slice(pathClasses).map((k) => preliminary[k]!),
  ].sort((a, b) => (a.category === b.category ? 0 : a.category === 'user' ? -1 : 1));

  const bytesGrownPerInterval = new Array<number>(n - 1).fill(0);
  let bytesGrown = 0;
  for (const g of ranked) {
    bytesGrown += g.growth.retainedSize;
    for (let k = 0; k < n - 1; k++) bytesGrownPerInterval[k]! += g.retainedSizes[k + 1]! - g.retainedSizes[k]!;
  }
  const growingUserClasses = ranked.filter((g) => g.category === 'user').length;
  const failedBudgets = checkBudgets(ranked, bytesGrown, options.budgets ?? {});

  const lastClasses = [...last.rows]
    .sort((a, b) => b.retainedSize - a.retainedSize || b.count - a.count || compareText(a.className, b.className))
    .slice(0, options.lastClasses ?? 20);

  return {
    schema: DIFF_SCHEMA,
    snapshots,
    sameProcess,
    idChecks,
    rule,
    growing: ranked,
    hiddenInternalClasses,
    verdict: {
      growingClasses: ranked.length,
      growingUserClasses,
      bytesGrown,
      bytesGrownPerInterval,
      failedBudgets,
    },
    last: { classes: lastClasses, dominatorTree: dominatorTree(graph, REPORT_TREE) },
  };
}

/** Class `c` of the series as reported, before paths; `intervalsGrown` from its growth judgement. */
function growingClass(series: ClassSeries, c: number, intervalsGrown: number, survivors: ClassSurvivors | undefined): GrowingClass {
  const className = series.names[c]!;
  const counts = Array.from(series.counts[c]!);
  const shallowSizes = Array.from(series.shallowSizes[c]!);
  const retainedSizes = Array.from(series.retainedSizes[c]!);
  const last = counts.length - 1;
  const perInterval = survivors ? Array.from(survivors.perInterval) : null;
  return {
    className,
    category: isInternalClass(className) ? 'internal' : 'user',
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
    newSurvivors: perInterval ? perInterval.reduce((a, b) => a + b, 0) : null,
    newSurvivorsPerInterval: perInterval,
    paths: [],
    heldBy: null,
  };
}

/** Ordinals of all counted instances (self size > 0, as in the class summary) of the given global classes, ascending. */
function instancesOf(graph: HeapGraph, globalClass: Uint32Array, classes: readonly number[]): Map<number, Uint32Array> {
  const out = new Map<number, Uint32Array>();
  if (classes.length === 0) return out;
  const slot = new Map<number, number>();
  classes.forEach((c, k) => slot.set(c, k));
  const local = new Int32Array(globalClass.length).fill(-1);
  for (let lc = 0; lc < globalClass.length; lc++) local[lc] = slot.get(globalClass[lc]!) ?? -1;
  const counts = new Uint32Array(classes.length);
  const { classOf, selfSize } = graph;
  for (let i = 0; i < graph.nodeCount; i++) {
    const k = local[classOf[i]!]!;
    if (k >= 0 && selfSize[i] !== 0) counts[k]!++;
  }
  const arrays = classes.map((_, k) => new Uint32Array(counts[k]!));
  counts.fill(0);
  for (let i = 0; i < graph.nodeCount; i++) {
    const k = local[classOf[i]!]!;
    if (k >= 0 && selfSize[i] !== 0) arrays[k]![counts[k]!++] = i;
  }
  classes.forEach((c, k) => out.set(c, arrays[k]!));
  return out;
}

/**
 * User classes first; then classes that grow on their own before those held by
 * another growing class (the leaked `ChatMessage` before the `(string)`s it
 * holds, even when the strings weigh more); then retained bytes grown, count
 * grown, name: a total order, so output is stable.
 */
export function compareGrowing(a: GrowingClass, b: GrowingClass): number {
  if (a.category !== b.category) return a.category === 'user' ? -1 : 1;
  if ((a.heldBy === null) !== (b.heldBy === null)) return a.heldBy === null ? -1 : 1;
  return (
    b.growth.retainedSize - a.growth.retainedSize ||
    b.growth.count - a.growth.count ||
    compareText(a.className, b.className)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
