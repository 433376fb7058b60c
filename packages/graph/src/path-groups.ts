// Groups the retaining paths of a set of objects by folded shape, so 10,000 leaked
// `ChatMessage`s held by one array read as one line: `(module scope of agent.mjs) agent.history[] → ChatMessage`,
// and 500 timers in one list as one line with the range of the run: `… (._idleNext)×1–500 → Timeout…`.
//
// Shape = the folded sequence (path-folding.ts) of (folded label, display class) pairs from
// the path's start (paths.ts says where paths start) to the object; array indices fold to `[]`
// and repeat counts are not part of it. Paths of many objects share prefixes (they are
// branches of one tree of parent edges), so each node's folded path is built once and
// memoized: the work is linear in the union of the paths, not their sum.
//
// String parts: a target that is the half of a concatenated string or the parent of a sliced
// one, reached from that string, is counted in the group of the outermost string holding it
// (`stringParts`), not listed as a group of its own.
//
// Retained size of a group: the sum of the retained sizes of its targets that no *other
// target of the whole set* dominates. Nested targets (a list node inside another) are thus
// counted once, by the group of the outermost one, and the groups' sizes add up without
// double counting. Dominance is read off the dominator tree with a memoized walk up.

import { edgeSource } from './edge-source.js';
import { grow } from '@heaptrail/parser';
import { graphMemo } from './graph-memo.js';
import { scopeDetector, type ScopeDetector } from './module-scopes.js';
import { PathFolder, runsOf, type Token } from './path-folding.js';
import { renderPath } from './path-render.js';
import { retainingPath, type RetainingPathOptions } from './paths.js';
import { preferredPaths, type PreferredPaths } from './preferred-paths.js';
import { stepKeys, type StepKeys } from './step-keys.js';
import type { HeapGraph, PathGroup, RepeatRange } from './types.js';
import { NONE } from './types.js';

export interface PathGroupOptions extends RetainingPathOptions {
  /** Keep only the first `limit` groups (after sorting); text and steps are built only for those. */
  readonly limit?: number;
}

interface Group {
  count: number;
  stringParts: number;
  retainedSize: number;
  exampleOrdinal: number;
  exampleId: number;
  /** Example's folded path (-1: unreachable). */
  folded: number;
  ranges: RepeatRange[];
  text?: string;
}

const UNREACHABLE = -1;

/**
 * Path groups of `targets` (node ordinals; duplicates ignored), sorted by count desc,
 * then retained size desc, then text.
 */
export function groupRetainingPaths(graph: HeapGraph, targets: ArrayLike<number>, options: PathGroupOptions = {}): PathGroup[] {
  const n = graph.nodeCount;
  const ids = graph.snapshot.nodes.id;
  const isTarget = new Uint8Array(n);
  const unique: number[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (isTarget[t] === 0) {
      isTarget[t] = 1;
      unique.push(t);
    }
  }
  const outermost = outermostTargets(graph, isTarget, unique);
  const { shapes, parts } = shapeIndex(graph, options);
  shapes.settle(unique);
  const groups = new Map<number, Group>();
  for (const t of unique) {
    const holder = parts.holder(t);
    const folded = shapes.of(holder);
    const key = folded < 0 ? UNREACHABLE : shapes.folder.key(folded);
    let g = groups.get(key);
    if (!g) {
      g = { count: 0, stringParts: 0, retainedSize: 0, exampleOrdinal: holder, exampleId: ids[holder]!, folded, ranges: [] };
      groups.set(key, g);
    }
    if (holder !== t) g.stringParts++;
    else {
      g.count++;
      if (g.count === 1 || ids[t]! < g.exampleId) {
        g.exampleId = ids[t]!;
        g.exampleOrdinal = t;
        g.folded = folded;
      }
    }
    if (outermost[t] === 1) g.retainedSize += graph.retainedSize[t]!;
    if (folded >= 0 && shapes.folder.hasRuns(folded)) mergeRanges(g.ranges, shapes.folder.tokens(folded));
  }

  mergeFewerRepeats(groups, shapes.folder);

  const pathOptions: RetainingPathOptions = {
    allRoots: options.allRoots === true,
    ...(options.shortest ? { shortest: true } : {}),
    ...(options.avoid && options.avoid.length > 0 ? { avoid: options.avoid } : {}),
  };
  const render = (g: Group) => {
    const steps = retainingPath(graph, g.exampleOrdinal, pathOptions);
    return { steps, ...renderPath(graph, steps, g.folded < 0 ? [] : shapes.folder.tokens(g.folded), g.ranges) };
  };
  const textOf = (g: Group): string => (g.text ??= render(g).text);
  const list = [...groups.values()];
  // Sort by the numbers first; texts are built only where they break a tie inside the kept range.
  list.sort((a, b) => b.count - a.count || b.retainedSize - a.retainedSize);
  const limit = Math.min(options.limit ?? list.length, list.length);
  let end = limit;
  if (limit > 0) {
    const last = list[limit - 1]!;
    while (end < list.length && list[end]!.count === last.count && list[end]!.retainedSize === last.retainedSize) end++;
  }
  const head = list.slice(0, end);
  head.sort((a, b) => b.count - a.count || b.retainedSize - a.retainedSize || compareText(textOf(a), textOf(b)) || a.exampleId - b.exampleId);
  return head.slice(0, limit).map((g) => {
    const r = render(g);
    return {
      count: g.count,
      retainedSize: g.retainedSize,
      exampleId: g.exampleId,
      exampleOrdinal: g.exampleOrdinal,
      text: r.text,
      steps: r.steps,
      signature: r.signature,
      repeats: r.repeats,
      stringParts: g.stringParts,
      internalSteps: r.steps.reduce((s, step) => s + (step.internal ? 1 : 0), 0),
    };
  });
}

/** Most runs whose 0-or-1-repeat variants are looked up per group (3^runs variants). */
const MAX_VARIANT_RUNS = 3;

/**
 * Paths that differ only in repeat counts are one group, 0 and 1 included: a group whose
 * shape is another's with some runs written out once or left out (the head of a chain,
 * the first element of a list) joins that group, and the run's range starts at 1 or 0.
 * Groups with more objects claim first; a group joins at most one other.
 */
function mergeFewerRepeats(groups: Map<number, Group>, folder: PathFolder): void {
  const withRuns = [...groups.entries()].filter(([, g]) => g.folded >= 0 && g.ranges.length > 0);
  withRuns.sort((a, b) => b[1].count - a[1].count || a[0] - b[0]);
  for (const [key, g] of withRuns) {
    if (!groups.has(key)) continue;
    const tokens = folder.tokens(g.folded);
    // Top-level runs and their pre-order indices among all runs.
    const runs: { at: number; range: number }[] = [];
    let preorder = 0;
    tokens.forEach((t, at) => {
      if (t.block === null) return;
      if (runs.length < MAX_VARIANT_RUNS) runs.push({ at, range: preorder });
      preorder += runsOf([t]).length;
    });
    const variants = 3 ** runs.length;
    for (let v = 1; v < variants; v++) {
      // Digit per run: 0 keep, 1 once, 2 left out.
      const out: Token[] = [];
      const repeats: number[] = [];
      let code = v;
      let r = 0;
      tokens.forEach((t, at) => {
        const run = runs[r];
        if (run === undefined || run.at !== at) {
          out.push(t);
          return;
        }
        const digit = code % 3;
        code = Math.floor(code / 3);
        r++;
        if (digit === 0) out.push(t);
        else if (digit === 1) out.push(...t.block!);
        repeats.push(digit === 0 ? -1 : digit === 1 ? 1 : 0);
      });
      const otherKey = folder.sequenceKey(out);
      const other = groups.get(otherKey);
      if (other === undefined || other === g || otherKey === key) continue;
      g.count += other.count;
      g.stringParts += other.stringParts;
      g.retainedSize += other.retainedSize;
      if (g.count === other.count) {
        g.exampleId = other.exampleId;
        g.exampleOrdinal = other.exampleOrdinal;
      }
      repeats.forEach((n, i) => {
        if (n < 0) return;
        const range = g.ranges[runs[i]!.range]!;
        g.ranges[runs[i]!.range] = { min: Math.min(range.min, n), max: range.max };
      });
      groups.delete(otherKey);
    }
  }
}

/** Widens `ranges` (one per run, pre-order) by the counts of one path's runs. */
function mergeRanges(ranges: RepeatRange[], tokens: readonly Token[]): void {
  const runs = runsOf(tokens);
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    const have = ranges[i];
    ranges[i] = have ? { min: Math.min(have.min, r.min), max: Math.max(have.max, r.max) } : { min: r.min, max: r.max };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per node: 1 when it is a target not strictly dominated by another target. A memo per node
 * (0 unknown, 1 "this node or an ancestor is a target", 2 "none is") makes the walks up the
 * dominator tree linear overall.
 */
function outermostTargets(graph: HeapGraph, isTarget: Uint8Array, targets: readonly number[]): Uint8Array {
  const dominator = graph.dominator;
  const covered = new Uint8Array(graph.nodeCount);
  const result = new Uint8Array(graph.nodeCount);
  let stack = new Uint32Array(64);
  for (const t of targets) {
    if (t === 0) {
      result[t] = 1;
      continue;
    }
    // Walk up from t's immediate dominator until an answer is known.
    let x = dominator[t]!;
    let answer = 0;
    let top = 0;
    for (;;) {
      if (covered[x] !== 0) {
        answer = covered[x]!;
        break;
      }
      if (isTarget[x] === 1) {
        answer = 1;
        covered[x] = 1;
        break;
      }
      if (top === stack.length) stack = grow(stack);
      stack[top++] = x;
      const up = dominator[x]!;
      if (up === x || x === 0) {
        answer = 2;
        break;
      }
      x = up;
    }
    for (let i = 0; i < top; i++) covered[stack[i]!] = answer;
    if (answer === 2) result[t] = 1;
  }
  return result;
}

const PREFERRED = 0;
const PLAIN = 1;

/**
 * The graph's shape index for these options, kept between calls: the diff groups the paths
 * of many classes of one graph, and their paths share most of their prefixes.
 */
const shapeIndexes = graphMemo((graph, key) => {
  const [shortest, allRoots, avoid] = JSON.parse(key) as [boolean, boolean, string[]];
  const shapes = new ShapeIndex(graph, { shortest, allRoots, avoid });
  return { shapes, parts: new StringParts(graph, shapes) };
});

function shapeIndex(graph: HeapGraph, options: RetainingPathOptions): { shapes: ShapeIndex; parts: StringParts } {
  return shapeIndexes(graph, JSON.stringify([options.shortest === true, options.allRoots === true, [...(options.avoid ?? [])].sort()]));
}

/**
 * Folded paths per node, memoized, walking the same parent edges as retainingPath():
 * the preferred tree, or analyze()'s BFS tree with `shortest`; with `allRoots` a preferred
 * path goes on from its start along the BFS tree (hence one memo per tree).
 */
export class ShapeIndex {
  /** Per tree, per node: its folded path + 1 (0 = not yet known); allocated when first used. */
  private readonly memo: (Int32Array | undefined)[] = [undefined, undefined];
  readonly folder = new PathFolder();
  private readonly keys: StepKeys;
  private readonly scopes: ScopeDetector;
  private readonly pref: PreferredPaths | undefined;
  private readonly allRoots: boolean;
  private nodes = new Uint32Array(64);
  private modes = new Uint8Array(64);

  constructor(
    private readonly graph: HeapGraph,
    options: RetainingPathOptions,
  ) {
    this.keys = stepKeys(graph);
    this.scopes = scopeDetector(graph);
    // Settled per call: the search stops once the objects asked about have their paths.
    this.pref = options.shortest ? undefined : preferredPaths(graph, options.avoid, []);
    this.allRoots = options.allRoots === true;
  }

  /** The tree edge into `node` (NONE at a start reached by none). */
  edgeInto(node: number, mode: number): number {
    return mode === PREFERRED ? this.pref!.parentEdge[node]! : this.graph.parentEdge[node]!;
  }

  /** Parent on the path, or -1 when `node` starts it. */
  private up(node: number, mode: number): number {
    const edge = this.edgeInto(node, mode);
    if (edge === NONE) return -1;
    const source = edgeSource(this.graph, edge);
    if (source === 0) return -1;
    if (mode === PLAIN && !this.allRoots && this.scopes.isUserRoot(node)) return -1;
    return source;
  }

  private modeAt(node: number, mode: number): number {
    const pref = this.pref;
    if (mode === PREFERRED && this.allRoots && pref!.parentEdge[node] === NONE && node !== 0 && this.graph.parentEdge[node] !== NONE) return PLAIN;
    return mode;
  }

  private memoOf(mode: number): Int32Array {
    return (this.memo[mode] ??= new Int32Array(this.graph.nodeCount));
  }

  /** Runs the preferred-path search until `targets` have their paths (nothing with `shortest`). */
  settle(targets: ArrayLike<number>): void {
    this.pref?.settle(targets);
  }

  /** The folded path of `target`, or -1 when it is unreachable; `target` must be settled. */
  of(target: number): number {
    const { graph } = this;
    if (this.pref ? this.pref.internalSteps(target) === NONE : target !== 0 && graph.parentEdge[target] === NONE) return -1;
    let top = 0;
    let carry = -1;
    let node = target;
    let mode = this.pref ? PREFERRED : PLAIN;
    for (;;) {
      mode = this.modeAt(node, mode);
      const known = this.memoOf(mode)[node]!;
      if (known > 0) {
        carry = known - 1;
        break;
      }
      if (top === this.nodes.length) {
        this.nodes = grow(this.nodes);
        const m = new Uint8Array(this.nodes.length);
        m.set(this.modes);
        this.modes = m;
      }
      this.nodes[top] = node;
      this.modes[top++] = mode;
      const source = this.up(node, mode);
      if (source < 0) break;
      node = source;
    }
    while (top > 0) {
      const m = this.nodes[--top]!;
      const mMode = this.modes[top]!;
      const edge = this.edgeInto(m, mMode);
      const pair = carry < 0 ? this.keys.start(m, edge === NONE ? graph.parentEdge[m]! : edge) : this.keys.step(edge, m);
      carry = this.folder.append(carry, pair);
      this.memoOf(mMode)[m] = carry + 1;
    }
    return carry;
  }

  /** The tree edge into `node` as the path to it uses it. */
  parentEdgeOf(node: number): number {
    return this.edgeInto(node, this.modeAt(node, this.pref ? PREFERRED : PLAIN));
  }
}

/** Finds the outermost string a string part hangs off (first/second/parent/actual chains). */
class StringParts {
  private readonly partType = new Uint8Array(16);
  /** Per name string index: 0 unknown, 1 no part edge name, 2 a part edge name. */
  private readonly partName: Uint8Array;
  private readonly internal: number;

  constructor(
    private readonly graph: HeapGraph,
    private readonly shapes: ShapeIndex,
  ) {
    const types = graph.snapshot.header.meta.nodeTypes;
    for (const t of ['string', 'concatenated string', 'sliced string']) if (types.indexOf(t) >= 0) this.partType[types.indexOf(t)] = 1;
    this.partName = new Uint8Array(graph.snapshot.strings.length);
    this.internal = graph.snapshot.header.meta.edgeTypes.indexOf('internal');
  }

  private isPartEdge(edge: number): boolean {
    const { snapshot } = this.graph;
    if (snapshot.edges.type[edge] !== this.internal) return false;
    const s = snapshot.edges.nameOrIndex[edge]!;
    if (this.partName[s] === 0) {
      const name = snapshot.strings.get(s);
      this.partName[s] = name === 'first' || name === 'second' || name === 'parent' || name === 'actual' ? 2 : 1;
    }
    return this.partName[s] === 2;
  }

  holder(target: number): number {
    const { snapshot } = this.graph;
    const type = snapshot.nodes.type;
    let node = target;
    while (this.partType[type[node]!] === 1) {
      const edge = this.shapes.parentEdgeOf(node);
      if (edge === NONE || !this.isPartEdge(edge)) break;
      const source = edgeSource(this.graph, edge);
      if (this.partType[type[source]!] !== 1) break;
      node = source;
    }
    return node;
  }
}
