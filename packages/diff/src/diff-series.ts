// The series diff, as named phases over one snapshot at a time:
//   analyse snapshot i → digest it (class histogram, sorted ids, max odd id)
//   → check ids against snapshot i-1 → drop its graph → next.
// Only the last snapshot's graph stays, for survivors, paths and the `last`
// section, so a series of ten 1 GB dumps needs the memory of one (plus 8 bytes
// per node for the previous snapshot's id table).
//
// Each result is computed on the snapshots that use it (README, "What the diff
// computes on which snapshot"): class counts, shallow and retained sizes, ids and
// totals on every snapshot; collection sizes on all but the last (they date an
// accumulation point's growth); distances, paths, survivors and the `last`
// section on the last only, so the loader analyses the others without distances.
//
// `SeriesDiff` takes the snapshots as they come (a file series, or a recorder
// that takes them from a live process); `diffSeries` drives it from a loader.
//
// Order: within one process V8's ids only grow, so each snapshot's largest odd id
// says when it was taken. A series given out of that order (and from one process:
// every given neighbour pair keeps its ids whichever came first) is read a second
// time in the order of its ids (docs/DESIGN.md, "Series order"); a series in order
// costs nothing more, and a cross-process one keeps the order given.

import { classInstances, classSummary, countsAsInstance, dominatorTree, groupRetainingPaths, retainedUnion, type ClassedGraph, type ClassSummaryRow, type HeapGraph, type SizedGraph } from '@heaptrail/graph';
import type { HeapSnapshot } from '@heaptrail/parser';
import { pathGroupJson } from './path-json.js';
import { checkBudgets } from './budgets.js';
import { matchBaseline } from './baseline/match.js';
import { ClassSeries } from './class-series.js';
import { DEFAULT_GROWTH_RULE, judgeGrowth, judgeSurvivingGrowth } from './growth-rule.js';
import { buildIdTable, evenIds, globalizeClasses, idTableFromOrder, localClasses, type IdTable } from './id-table.js';
import { isInternalClass } from './internal-classes.js';
import type { DiffOptions } from './options.js';
import { REPORT_TREE } from './report-tree.js';
import { checkIdentity, looksSameProcess } from './same-process.js';
import { countSurvivors, type ClassSurvivors } from './survivors.js';
import { findHolders } from './holders.js';
import { classOrigins, type ClassOrigin } from './class-origin.js';
import { accumulationContext, collectionSizes, findAccumulationPoint } from './accumulation.js';
import { resolvePathChoice, retainingPathOptions } from './path-choice.js';
import {
  DIFF_SCHEMA,
  type DiffResult,
  type GrowingClass,
  type GrowthEvidence,
  type GrowthRule,
  type IdCheck,
  type SnapshotInfo,
} from './types.js';

/**
 * Reads and analyses snapshot `index` of the series: in full for the last one (`last`),
 * whose paths are traced; the others need only their sizes (analyzeSizes), though a
 * full graph serves as well. `beside`, for those others, is work for this thread while a
 * worker computes the dominators (analyzeSizes' `beside`); a loader may never call it.
 */
export interface LoadGraph {
  (index: number, last: true): Promise<HeapGraph>;
  (index: number, last: false, beside?: (graph: ClassedGraph) => void): Promise<SizedGraph>;
}

/**
 * Diffs the series `files` (names as the user gave them), loading each with `load`.
 * `onReorder` is told the order of the second reading (indices into `files`) before it
 * starts, when the files were given out of the order they were taken in.
 */
export async function diffSeries(files: readonly string[], load: LoadGraph, options: DiffOptions = {}, onReorder?: (order: readonly number[]) => void): Promise<DiffResult> {
  const n = files.length;
  if (n < 2) throw new RangeError(`a diff needs at least 2 snapshots, got ${n}`);
  let first: SeriesReading | undefined = await readSeries(files, load, options, options.keepOrder !== true);
  if (first.result) return first.result;
  const order = first.taken!;
  // The last file given is often the oldest (a reversed series): its graph starts the second
  // reading. Any other is dropped now, so one graph is held at a time as in the first.
  let reuse = order[0] === n - 1 ? first.lastGraph : undefined;
  first = undefined;
  onReorder?.(order);
  async function loadTaken(k: number, last: true): Promise<HeapGraph>;
  async function loadTaken(k: number, last: false, beside?: (graph: ClassedGraph) => void): Promise<SizedGraph>;
  async function loadTaken(k: number, last: boolean, beside?: (graph: ClassedGraph) => void): Promise<SizedGraph> {
    const graph = k === 0 ? reuse : undefined;
    reuse = undefined;
    return graph ?? (last ? load(order[k]!, true) : load(order[k]!, false, beside));
  }
  const second = await readSeries(order.map((i) => files[i]!), loadTaken, { ...options, order: { by: 'object-ids', given: [...files] } }, false);
  return second.result!;
}

interface SeriesReading {
  /** The diff, when the series was read in the order it was taken (or must keep its order). */
  readonly result?: DiffResult;
  /** Otherwise the order it was taken in, and the graph read last. */
  readonly taken?: readonly number[];
  readonly lastGraph?: HeapGraph;
}

async function readSeries(files: readonly string[], load: LoadGraph, options: DiffOptions, mayReorder: boolean): Promise<SeriesReading> {
  const n = files.length;
  const diff = new SeriesDiff(options);
  for (let i = 0; i < n; i++) await loadInto(diff, load, i, files[i]!, i === n - 1);
  const taken = mayReorder ? diff.takenOrder() : undefined;
  return taken ? { taken, lastGraph: diff.lastGraph() } : { result: diff.finish() };
}

/**
 * A function of its own on purpose: a suspended async function can keep stale
 * registers alive, and a graph referenced from diffSeries' frame would then
 * survive into the next load, doubling peak memory. Here the frame ends with the call.
 */
async function loadInto(diff: SeriesDiff, load: LoadGraph, i: number, file: string, last: boolean): Promise<void> {
  if (last) diff.add(await load(i, true), file);
  else diff.add(await load(i, false, (graph) => diff.digestBeside(graph)), file, false);
}

/** The series as it has been read so far: each snapshot reduced to what the growth rule needs. */
export class SeriesDiff {
  private readonly series = new ClassSeries();
  private readonly snapshots: SnapshotInfo[] = [];
  private readonly idChecks: IdCheck[] = [];
  private readonly maxOddIds: number[] = [];
  private readonly earlierEvenIds: Uint32Array[] = [];
  /**
   * Per snapshot but the last, the sizes of its larger collections by object id, to tell how
   * an accumulation point grew; a kept graph's are taken once a later snapshot comes.
   */
  private readonly collectionSizes: Map<number, number>[] = [];
  private previous: IdTable | undefined;
  /** Per pair of neighbours as added: whether they keep each other's ids, the earlier one taken as earlier. */
  private readonly neighboursOneProcess: boolean[] = [];
  /** Whether some snapshot has a lower largest id than the one added before it. */
  private outOfOrder = false;
  private last: { graph: HeapGraph; globalClass: Uint32Array; rows: readonly ClassSummaryRow[] } | undefined;
  /** What digestBeside computed of the snapshot to be added next. */
  private early: { snapshot: HeapSnapshot; table: IdTable; collectionSizes: Map<number, number> } | undefined;

  private readonly options: DiffOptions;

  /** Checks the options first (a bad avoid pattern is an InputError before anything is read). */
  constructor(options: DiffOptions = {}) {
    this.options = { ...options, pathChoice: resolvePathChoice(options.pathChoice) };
  }

  /** Snapshots added so far. */
  get size(): number {
    return this.snapshots.length;
  }

  /**
   * The parts of the next snapshot's digest that need only its classes (its id table, with
   * the snapshot's own class ids until add() makes them global, and its collection sizes),
   * computed while a worker computes its dominators; add() takes them for the same snapshot,
   * added with `keepGraph` false.
   */
  digestBeside(graph: ClassedGraph): void {
    const table = buildIdTable(graph.snapshot.nodes.id, graph.classOf, localClasses(graph.classNames.length));
    this.early = { snapshot: graph.snapshot, table, collectionSizes: collectionSizes(graph) };
  }

  /**
   * Digests the next snapshot of the series. Its graph is kept for the result when
   * `keepGraph` (replacing the one kept before); pass false for all but the last
   * when the length of the series is known, so only one graph is ever held. A graph
   * that is not kept may come without distances (analyzeSizes).
   */
  add(graph: HeapGraph, file: string, keepGraph?: boolean): void;
  add(graph: SizedGraph, file: string, keepGraph: false): void;
  add(graph: SizedGraph, file: string, keepGraph = true): void {
    const i = this.snapshots.length;
    const early = this.early?.snapshot === graph.snapshot ? this.early : undefined;
    this.early = undefined;
    // The graph kept until now is not the last one after all.
    if (this.last) this.collectionSizes.push(collectionSizes(this.last.graph));
    const rows = classSummary(graph);
    this.series.record(i, rows);
    const globalClass = this.series.globalIds(graph.classNames);
    // A last snapshot's analysis may have sorted its ids on its worker (load.ts asks it to).
    const sorted = (graph as Partial<HeapGraph>).idOrder;
    const table = early
      ? globalizeClasses(early.table, globalClass)
      : sorted
        ? idTableFromOrder(sorted, graph.classOf, globalClass)
        : buildIdTable(graph.snapshot.nodes.id, graph.classOf, globalClass);
    this.snapshots.push({ file, nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, totalSize: graph.totalSize, maxObjectId: table.maxOddId });
    if (this.previous) {
      const check = checkIdentity(this.previous, table);
      this.idChecks.push(check);
      const backwards = table.maxOddId < this.previous.maxOddId;
      if (backwards) this.outOfOrder = true;
      this.neighboursOneProcess.push(looksSameProcess(backwards ? checkIdentity(table, this.previous) : check));
      this.maxOddIds.push(this.previous.maxOddId);
      this.earlierEvenIds.push(evenIds(this.previous));
    }
    this.previous = table;
    if (keepGraph) {
      // The overloads let only a full graph be kept.
      this.last = { graph: graph as HeapGraph, globalClass, rows };
    } else {
      this.collectionSizes.push(early?.collectionSizes ?? collectionSizes(graph));
      this.last = undefined;
    }
  }

  /**
   * The order in which the snapshots added were taken (indices, by largest odd id), when
   * they were added out of it and come from one process; undefined when in order, or when
   * their ids are not comparable (then only the order given means anything).
   */
  takenOrder(): number[] | undefined {
    if (!this.outOfOrder || !(this.options.sameProcess ?? this.neighboursOneProcess.every(Boolean))) return undefined;
    const ids = this.snapshots.map((s) => s.maxObjectId);
    return ids.map((_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b);
  }

  /** The graph kept of the last snapshot added, if it was kept. */
  lastGraph(): HeapGraph | undefined {
    return this.last?.graph;
  }

  /** The diff of the snapshots added so far; the last one added must have been kept. */
  finish(): DiffResult {
    const n = this.snapshots.length;
    if (n < 2) throw new RangeError(`a diff needs at least 2 snapshots, got ${n}`);
    if (!this.last) throw new RangeError('the last snapshot of the series was added without its graph');
    const births = { maxOddIds: this.maxOddIds, evenIds: this.earlierEvenIds };
    return judgeSeries(this.series, n, this.snapshots, this.idChecks, births, this.collectionSizes, this.last, this.options);
  }
}

function judgeSeries(
  series: ClassSeries,
  n: number,
  snapshots: readonly SnapshotInfo[],
  idChecks: readonly IdCheck[],
  births: { maxOddIds: readonly number[]; evenIds: readonly Uint32Array[] },
  earlierCollections: readonly ReadonlyMap<number, number>[],
  last: { graph: HeapGraph; globalClass: Uint32Array; rows: readonly ClassSummaryRow[] },
  options: DiffOptions,
): DiffResult {
  const rule: GrowthRule = { ...DEFAULT_GROWTH_RULE, ...options.rule };
  const pathChoice = resolvePathChoice(options.pathChoice);
  const pathOptions = retainingPathOptions(pathChoice);
  const progress = options.onProgress ?? (() => undefined);
  const { graph, globalClass } = last;
  const sameProcess = options.sameProcess ?? idChecks.every((c) => looksSameProcess(c));
  // Object ids name the same collection across snapshots only within one process.
  const earlierSizes = sameProcess ? earlierCollections : earlierCollections.map(() => new Map<number, number>());
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

  // Keep the growing classes that will be shown; churn that happened to rise (see
  // leftOutAsWeak) is left out and counted, so it cannot crowd out the leak.
  const includeInternals = options.includeInternals ?? false;
  const shown: number[] = [];
  const evidence = new Map<number, GrowthEvidence>();
  let hiddenInternalClasses = 0;
  let hiddenWeakClasses = 0;
  for (const c of [...reported].sort((a, b) => a - b)) {
    const e = judgeEvidence(series.counts[c]!, survivors?.get(c));
    if (!includeInternals && isInternalClass(series.names[c]!)) hiddenInternalClasses++;
    else if (leftOutAsWeak(e, survivors?.get(c))) hiddenWeakClasses++;
    else {
      shown.push(c);
      evidence.set(c, e);
    }
  }
  // Paths cost a pass over the last graph per class: only the first
  // `pathClasses` classes (by the ranking without heldBy) get them.
  const pathsPerClass = options.pathsPerClass ?? 5;
  const pathClasses = options.pathClasses ?? 25;
  const origins = classOrigins(graph, globalClass, shown);
  const preliminary = shown.map((c) => growingClass(series, c, intervalsGrown[c]!, survivors?.get(c), evidence.get(c)!, origins.get(c)!));
  const order = preliminary.map((_, k) => k).sort((a, b) => compareGrowing(preliminary[a]!, preliminary[b]!));
  const withPaths = order.slice(0, pathClasses);
  const allInstances = instancesOf(
    graph,
    globalClass,
    withPaths.map((k) => shown[k]!).filter((c) => !survivors?.get(c)?.ordinals.length),
  );
  const accumulation = withPaths.length > 0 ? accumulationContext(graph, pathOptions) : undefined;
  const traced: GrowingClass[] = withPaths.map((k, done) => {
    const c = shown[k]!;
    const s = survivors?.get(c);
    const targets = s && s.ordinals.length > 0 ? s.ordinals : allInstances.get(c)!;
    progress({ kind: 'paths', className: series.names[c]!, done, total: withPaths.length });
    const groups = targets.length > 0 ? groupRetainingPaths(graph, targets, { ...pathOptions, limit: pathsPerClass }) : [];
    const point = findAccumulationPoint(accumulation!, targets, earlierSizes);
    return { ...preliminary[k]!, paths: groups.slice(0, pathsPerClass).map(pathGroupJson), accumulationPoint: point };
  });
  // A program's class is not "held by" the runtime's: the `Poller` does not grow because
  // Node's `Timeout`s do, it is what creates them.
  const originOf = new Map(traced.map((g) => [g.className, g.origin]));
  const heldBy = findHolders(traced).map((h, k) => (h !== null && traced[k]!.origin === 'program' && originOf.get(h) === 'runtime' ? null : h));
  // Classes without paths cannot be judged held; they follow the traced ones of their category.
  const ranked = holdersFirst(
    [
      ...traced.map((g, k) => ({ ...g, heldBy: heldBy[k]! })).sort(compareGrowing),
      ...order.slice(pathClasses).map((k) => preliminary[k]!),
    ].sort((a, b) => (a.category === b.category ? 0 : a.category === 'user' ? -1 : 1)),
  );

  // With a baseline, its known findings are listed apart; `growing` and the verdict cover the new ones.
  const match = options.baseline ? matchBaseline(ranked, options.baseline.entries) : null;
  const growing = match ? match.fresh : ranked;
  const growingNames = new Set(growing.map((g) => g.className));
  const bytesGrownPerInterval = new Array<number>(n - 1).fill(0);
  let bytesGrown = 0;
  for (const g of growing) {
    bytesGrown += g.growth.retainedSize;
    for (let k = 0; k < n - 1; k++) bytesGrownPerInterval[k]! += g.retainedSizes[k + 1]! - g.retainedSizes[k]!;
  }
  const heapBytesGrownPerInterval = snapshots.slice(1).map((s, k) => s.totalSize - snapshots[k]!.totalSize);
  const survivorClasses = shown.filter((c) => growingNames.has(series.names[c]!));
  const newSurvivorBytes = survivors ? retainedUnion(graph, concat(survivorClasses.map((c) => survivors.get(c)?.ordinals ?? new Uint32Array(0)))) : null;
  const growingUserClasses = growing.filter((g) => g.category === 'user').length;
  const failedBudgets = checkBudgets(growing, match?.known ?? [], options.budgets ?? {});
  const baseline =
    match && options.baseline
      ? { file: options.baseline.file, entries: options.baseline.entries.length, failOnKnown: options.budgets?.failOnKnown ?? false, known: match.known, fixed: match.fixed }
      : null;

  const lastClasses = [...last.rows]
    .sort((a, b) => b.retainedSize - a.retainedSize || b.count - a.count || compareText(a.className, b.className))
    .slice(0, options.lastClasses ?? 20);

  return {
    schema: DIFF_SCHEMA,
    snapshots,
    sameProcess,
    idChecks,
    rule,
    order: options.order ?? { by: 'given', given: null },
    pathChoice,
    growing,
    hiddenInternalClasses,
    hiddenWeakClasses,
    verdict: {
      growingClasses: growing.length,
      growingUserClasses,
      bytesGrown,
      bytesGrownPerInterval,
      heapBytesGrown: snapshots[n - 1]!.totalSize - snapshots[0]!.totalSize,
      heapBytesGrownPerInterval,
      newSurvivorBytes,
      failedBudgets,
    },
    baseline,
    last: { classes: lastClasses, dominatorTree: dominatorTree(graph, REPORT_TREE) },
  };
}

/** Class `c` of the series as reported, before paths; `intervalsGrown` from its growth judgement. */
function growingClass(
  series: ClassSeries,
  c: number,
  intervalsGrown: number,
  survivors: ClassSurvivors | undefined,
  evidence: GrowthEvidence,
  origin: ClassOrigin,
): GrowingClass {
  const className = series.names[c]!;
  const counts = Array.from(series.counts[c]!);
  const shallowSizes = Array.from(series.shallowSizes[c]!);
  const retainedSizes = Array.from(series.retainedSizes[c]!);
  const last = counts.length - 1;
  const perInterval = survivors ? Array.from(survivors.perInterval) : null;
  return {
    className,
    category: isInternalClass(className) ? 'internal' : 'user',
    origin,
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
    accumulationPoint: null,
    evidence,
  };
}

/** The evidence of a class's growth from its counts and, with comparable ids, its new survivors. */
export function judgeEvidence(counts: ArrayLike<number>, survivors: ClassSurvivors | undefined): GrowthEvidence {
  const last = counts.length - 1;
  const grewLastInterval = counts[last]! > counts[last - 1]!;
  if (!survivors) return { grewLastInterval, survivesEveryInterval: null, carriedBySurvivors: null, strength: grewLastInterval ? 'strong' : 'weak' };
  let total = 0;
  let everyInterval = true;
  for (let k = 0; k < survivors.perInterval.length; k++) {
    total += survivors.perInterval[k]!;
    if (!(survivors.perInterval[k]! > 0)) everyInterval = false;
  }
  const carried = total >= 0.5 * (counts[last]! - counts[0]!);
  return { grewLastInterval, survivesEveryInterval: everyInterval, carriedBySurvivors: carried, strength: grewLastInterval && everyInterval && carried ? 'strong' : 'weak' };
}

/**
 * Churn that passed the growth rule by chance, which a busy server's in-flight
 * requests (their sockets, bound listeners, buffers) produce: a count that stood
 * still at the end whose growth its new survivors do not carry, or that gained no
 * survivor in some interval; or, whatever the count did, new survivors that were
 * all born in the last interval, so that none of them outlived one snapshot.
 */
export function leftOutAsWeak(e: GrowthEvidence, survivors: ClassSurvivors | undefined): boolean {
  if (!e.grewLastInterval && (e.carriedBySurvivors === false || e.survivesEveryInterval === false)) return true;
  if (!survivors || survivors.perInterval.length < 2) return false;
  for (let k = 0; k < survivors.perInterval.length - 1; k++) if (survivors.perInterval[k]! > 0) return false;
  return true;
}

/** Moves every class that another reported class holds to just after its holder (the README's promise). */
function holdersFirst(ranked: GrowingClass[]): GrowingClass[] {
  const out: GrowingClass[] = [];
  const placed = new Set<string>();
  const waiting = new Map<string, GrowingClass[]>();
  const place = (g: GrowingClass) => {
    const queue = [g];
    while (queue.length > 0) {
      const next = queue.shift()!;
      out.push(next);
      placed.add(next.className);
      const held = waiting.get(next.className);
      if (held) {
        waiting.delete(next.className);
        queue.unshift(...held);
      }
    }
  };
  const byName = new Set(ranked.map((g) => g.className));
  for (const g of ranked) {
    const holder = g.heldBy;
    if (holder !== null && byName.has(holder) && !placed.has(holder)) {
      const list = waiting.get(holder) ?? [];
      list.push(g);
      waiting.set(holder, list);
    } else place(g);
  }
  // Holders that never came (a cycle of "held by"): their classes keep their rank order at the end.
  for (const list of waiting.values()) for (const g of list) if (!placed.has(g.className)) place(g);
  return out;
}

function concat(arrays: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(arrays.reduce((s, a) => s + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * Ordinals of the counted instances of the given global classes, ascending, by graph's
 * one instance rule; one pass for all of them, and the rule's fallback (every node of a
 * class made only of size-0 nodes) for a class that came out empty.
 */
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
    if (k >= 0 && countsAsInstance(selfSize, i)) counts[k]!++;
  }
  const arrays = classes.map((_, k) => new Uint32Array(counts[k]!));
  counts.fill(0);
  for (let i = 0; i < graph.nodeCount; i++) {
    const k = local[classOf[i]!]!;
    if (k >= 0 && countsAsInstance(selfSize, i)) arrays[k]![counts[k]!++] = i;
  }
  classes.forEach((c, k) => {
    const lc = arrays[k]!.length > 0 ? -1 : local.indexOf(k);
    out.set(c, lc >= 0 ? classInstances(graph, lc) : arrays[k]!);
  });
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
  if (a.evidence.strength !== b.evidence.strength) return a.evidence.strength === 'strong' ? -1 : 1;
  if (a.origin !== b.origin) return a.origin === 'program' ? -1 : 1;
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
