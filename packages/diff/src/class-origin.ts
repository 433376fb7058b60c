// Whose code made a class: the program (its own scripts and its libraries) or the
// runtime (JavaScript's builtins, V8's strings and numbers, Node's internal modules).
// A leak report leads with the program's classes: the `Poller` that never clears its
// timer before Node's `Timeout`, the `RequestState` of a suspended request before the
// `Promise` and `Generator` that hold it.
//
// Judged on one instance per class: a closure by the script it was compiled from (none:
// a builtin or a bound function); an object by the script of its constructor in the
// `locations` section; builtin class names and V8's own kinds (`(string)`) are the
// runtime's wherever they were made; an object without a location (a literal) is the
// program's.

import { classInstances, countsAsInstance, isRuntimeScript, scriptIndex, type HeapGraph, type ScriptIndex } from '@heaptrail/graph';

export type ClassOrigin = 'program' | 'runtime';

const BUILTINS = new Set([
  'Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Generator', 'AsyncGenerator',
  'AsyncFunction', 'Function', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'AggregateError', 'RegExp', 'Date',
  'Boolean', 'Number', 'String', 'Symbol', 'BigInt', 'Proxy', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
  'BigUint64Array', 'Arguments', 'Iterator', 'Array Iterator', 'Map Iterator', 'Set Iterator', 'String Iterator',
]);

/** The origin of each of `classes` (global class ids; `globalClass` maps the graph's own ids to them). */
export function classOrigins(graph: HeapGraph, globalClass: Uint32Array, classes: readonly number[]): Map<number, ClassOrigin> {
  const out = new Map<number, ClassOrigin>();
  if (classes.length === 0) return out;
  const asked = new Set(classes);
  const wanted = new Map<number, number>();
  for (let lc = 0; lc < globalClass.length; lc++) if (asked.has(globalClass[lc]!)) wanted.set(lc, globalClass[lc]!);
  // The last counted instance of each class: the newest, most likely one of the leak's own.
  const example = new Map<number, number>();
  const { classOf, selfSize } = graph;
  for (let v = 0; v < graph.nodeCount; v++) if (wanted.has(classOf[v]!) && countsAsInstance(selfSize, v)) example.set(classOf[v]!, v);
  const scripts = scriptIndex(graph);
  const closure = graph.snapshot.header.meta.nodeTypes.indexOf('closure');
  for (const [lc, c] of wanted) {
    const name = graph.classNames[lc]!;
    const v = example.get(lc) ?? classInstances(graph, lc)[0];
    out.set(c, originOf(name, v === undefined ? undefined : instanceScript(graph, scripts, v), v !== undefined && graph.snapshot.nodes.type[v] === closure));
  }
  for (const c of classes) if (!out.has(c)) out.set(c, 'program');
  return out;
}

/** The script instance `v` comes from: a closure's ('' for a builtin or bound one), a constructed object's; undefined when unknown. */
export function instanceScript(graph: HeapGraph, scripts: ScriptIndex, v: number): string | undefined {
  return graph.snapshot.nodes.type[v] === graph.snapshot.header.meta.nodeTypes.indexOf('closure') ? (scripts.closureScript(v) ?? '') : scripts.location(v)?.script;
}

/** `script`: instanceScript's. */
function originOf(className: string, script: string | undefined, isClosure: boolean): ClassOrigin {
  if (className.startsWith('(') && !isClosure) return 'runtime';
  if (BUILTINS.has(className) || className.startsWith('system / ')) return 'runtime';
  if (script === undefined) return isClosure ? 'runtime' : 'program';
  return isRuntimeScript(script) ? 'runtime' : 'program';
}
