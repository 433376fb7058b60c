// The suspect of a single snapshot (a post-mortem, a dump near the heap limit): with no
// series there is no growth to go by, so it is the program's class that retains the
// most, when that is a large share of the heap (Eclipse MAT's leak suspect, by class),
// with the accumulation point its instances pile up in: "4,167 LeakedBlob retain 17.6 MB
// (84%), 4,165 of them in (module scope of app.mjs) retained (Array, 4,167 elements)".
// V8's own kinds, JavaScript's builtins (`(array)`, `Array`, `system / Context`), the
// global object (`global`, `Window / …`) and a browser's C++ classes
// (`blink::CSSDefaultStyleSheets`) hold much and name nothing to fix: they are passed over.

import { classInstances, isRuntimeScript, scriptIndex, type ClassSummaryRow, type HeapGraph, type RetainingPathOptions } from '@heaptrail/graph';
import { findAccumulationPointOnce } from './accumulation.js';
import { classOrigins, instanceScript } from './class-origin.js';
import { isInternalClass } from './internal-classes.js';
import type { AccumulationPoint } from './types.js';

/** Share of the heap a class must retain to be called the suspect. */
export const SUSPECT_MIN_SHARE = 0.1;
// Classes looked at, largest first: a suspect below the first few is no suspect.
const CANDIDATES = 20;

export interface Suspect {
  readonly className: string;
  readonly count: number;
  readonly retainedSize: number;
  /** Of the heap's total self size. */
  readonly retainedShare: number;
  readonly accumulationPoint: AccumulationPoint | null;
}

/** The suspect among `rows` (classSummary's, largest retained first), or null when none retains SUSPECT_MIN_SHARE. */
export function findSuspect(graph: HeapGraph, rows: readonly ClassSummaryRow[], pathOptions: RetainingPathOptions = {}): Suspect | null {
  const total = graph.totalSize;
  if (total <= 0) return null;
  const byName = new Map<string, number>();
  graph.classNames.forEach((name, c) => byName.set(name, c));
  const candidates = rows
    .slice(0, CANDIDATES)
    .filter((r) => r.retainedSize >= SUSPECT_MIN_SHARE * total && !passedOver(r.className) && byName.has(r.className));
  if (candidates.length === 0) return null;
  const ids = candidates.map((r) => byName.get(r.className)!);
  const identity = Uint32Array.from(graph.classNames, (_, c) => c);
  const origins = classOrigins(graph, identity, ids);
  for (let k = 0; k < ids.length; k++) {
    if (origins.get(ids[k]!) !== 'program') continue;
    const row = candidates[k]!;
    const instances = classInstances(graph, ids[k]!);
    const point = findAccumulationPointOnce(graph, instances, pathOptions);
    if (!madeByProgram(graph, instances) && heldByRuntime(point)) continue;
    return { className: row.className, count: row.count, retainedSize: row.retainedSize, retainedShare: row.retainedSize / total, accumulationPoint: point };
  }
  return null;
}

// Node's global object, and a browser's (`Window / https://…`, `Object [JSGlobalObject]`).
const GLOBAL_OBJECT = /^(?:global$|Window\b)|\[JSGlobalObject\]/;

function passedOver(className: string): boolean {
  return isInternalClass(className) || className.includes('::') || GLOBAL_OBJECT.test(className);
}

/** Whether the class's instances come from a script of the program: a closure's, a constructor's. */
function madeByProgram(graph: HeapGraph, instances: Uint32Array): boolean {
  const v = instances[instances.length - 1];
  if (v === undefined) return false;
  const script = instanceScript(graph, scriptIndex(graph), v);
  return script !== undefined && !isRuntimeScript(script);
}

/**
 * A class with no source of its own (an object literal's `{javascript}`, a native
 * `ModuleWrap`) does not say whose it is; where it piles up does: in the state of one of
 * Node's own modules (the ES module loader's cache) or the engine's roots, it is theirs.
 */
function heldByRuntime(point: AccumulationPoint | null): boolean {
  return point === null || point.path.startsWith('(module scope of node:') || point.path.startsWith('(GC roots)');
}
