// The values that identify a step, read from the nodes around it:
// - a Map entry's key: the table slot before the value slot (V8 writes a Map's table as a
//   header, buckets, then [key, value, chain] triples, each heap-object slot an `internal`
//   edge named by its index); string, number and object keys are shown, a Smi or oddball
//   key has no edge and reads `<small int or oddball>`;
// - a leaf string's first characters;
// - the name of a synthetic root (`(Stack roots)`), the function of a suspended generator
//   (`handleRequest() (suspended)`), and the function that owns a Context.

import type { HeapGraph } from './types.js';
import { NONE } from './types.js';
import { scopeDetector } from './module-scopes.js';
import { scriptIndex } from './scripts.js';

const PREVIEW = 24;

/** `"text…"`, the string's first characters JSON-quoted; `more`: the text goes on. */
export function stringPreview(text: string, more = false): string {
  const cut = text.length > PREVIEW || more ? text.slice(0, PREVIEW) + '…' : text;
  return JSON.stringify(cut);
}

function edgeName(graph: HeapGraph, edge: number): string {
  const { snapshot } = graph;
  const type = snapshot.header.meta.edgeTypes[snapshot.edges.type[edge]!];
  const v = snapshot.edges.nameOrIndex[edge]!;
  return type === 'element' || type === 'hidden' ? String(v) : snapshot.strings.get(v);
}

function typeName(graph: HeapGraph, node: number): string {
  return graph.snapshot.header.meta.nodeTypes[graph.snapshot.nodes.type[node]!] ?? '';
}

function rawName(graph: HeapGraph, node: number): string {
  return graph.snapshot.strings.get(graph.snapshot.nodes.name[node]!);
}

/** The internal edge named `name` out of `node`, or NONE. */
export function namedEdge(graph: HeapGraph, node: number, name: string): number {
  const { firstEdge, edges, header } = graph.snapshot;
  const internal = header.meta.edgeTypes.indexOf('internal');
  for (let e = firstEdge[node]!, end = firstEdge[node + 1]!; e < end; e++) {
    if (edges.type[e] === internal && graph.snapshot.strings.get(edges.nameOrIndex[e]!) === name) return e;
  }
  return NONE;
}

/**
 * The first characters of a string node: flat strings are their name; a concatenated string
 * is rebuilt from its `first`/`second` parts (an explicit stack, stopped once enough text is
 * known: the parts may form a DAG); a sliced string cannot be rebuilt (its offset is a Smi)
 * and reads `slice of "…"`. Undefined for a node that is no string.
 */
export function stringText(graph: HeapGraph, node: number): string | undefined {
  const type = typeName(graph, node);
  if (type === 'string') return stringPreview(rawName(graph, node));
  if (type === 'sliced string') {
    const parent = namedEdge(graph, node, 'parent');
    const text = parent === NONE ? undefined : stringText(graph, graph.snapshot.edges.toNode[parent]!);
    return text === undefined ? undefined : `slice of ${text}`;
  }
  if (type !== 'concatenated string') return undefined;
  const toNode = graph.snapshot.edges.toNode;
  let out = '';
  const stack = [node];
  let visits = 0;
  while (stack.length > 0 && out.length <= PREVIEW && visits++ < 4 * PREVIEW) {
    const v = stack.pop()!;
    const t = typeName(graph, v);
    if (t === 'concatenated string') {
      const first = namedEdge(graph, v, 'first');
      const second = namedEdge(graph, v, 'second');
      if (second !== NONE) stack.push(toNode[second]!);
      if (first !== NONE) stack.push(toNode[first]!);
    } else if (t === 'string') out += rawName(graph, v);
    else if (t === 'sliced string') out += '…';
  }
  return stringPreview(out, stack.length > 0);
}

/** How a key reads: a string quoted, a number as is, an object as `<Class @id>`. */
function keyText(graph: HeapGraph, key: number): string {
  const text = stringText(graph, key);
  if (text !== undefined) return text;
  const type = typeName(graph, key);
  if (type === 'number') return rawName(graph, key);
  return `<${graph.classNames[graph.classOf[key]!]} @${graph.snapshot.nodes.id[key]}>`;
}

/**
 * Which slot of a Map's table `edge` is, from the table's size (16-byte header, 8 bytes a
 * slot; capacity c gives 3 + c/2 + 3c slots: header, buckets, [key, value, chain] triples);
 * undefined when the size does not fit a Map table.
 */
export function mapSlotKind(graph: HeapGraph, table: number, edge: number): 'key' | 'value' | undefined {
  const slot = Number(edgeName(graph, edge));
  if (!Number.isInteger(slot)) return undefined;
  const length = (graph.snapshot.nodes.selfSize[table]! - 16) / 8;
  const capacity = (length - 3) / 3.5;
  if (!Number.isInteger(capacity) || capacity <= 0) return undefined;
  const first = 3 + capacity / 2;
  if (slot < first) return undefined;
  const k = (slot - first) % 3;
  return k === 0 ? 'key' : k === 1 ? 'value' : undefined;
}

/**
 * The key of the Map entry whose value slot is `edge` out of the table `table`, or undefined
 * when `edge` is not a value slot. A table whose size is not a Map's (a Set's, or a size
 * the snapshot moved) is read by its neighbour slot alone.
 */
export function mapEntryKey(graph: HeapGraph, table: number, edge: number): string | undefined {
  const slot = Number(edgeName(graph, edge));
  if (!Number.isInteger(slot)) return undefined;
  const kind = mapSlotKind(graph, table, edge);
  if (kind === 'key') return undefined;
  const { firstEdge, edges } = graph.snapshot;
  const wanted = String(slot - 1);
  for (let e = firstEdge[table]!, end = firstEdge[table + 1]!; e < end; e++) {
    if (edgeName(graph, e) === wanted) return keyText(graph, edges.toNode[e]!);
  }
  // A Smi or oddball key has no edge.
  return kind === 'value' ? '<small int or oddball>' : undefined;
}

function holdsPromise(graph: HeapGraph, node: number): boolean {
  const { firstEdge, edges } = graph.snapshot;
  for (let e = firstEdge[node]!, end = firstEdge[node + 1]!; e < end; e++) {
    const to = edges.toNode[e]!;
    if (typeName(graph, to) === 'object' && rawName(graph, to) === 'Promise') return true;
  }
  return false;
}

/** What a path calls a node when its class is not enough; undefined otherwise. */
export function displayName(graph: HeapGraph, node: number): string | undefined {
  const type = typeName(graph, node);
  if (type === 'synthetic') return rawName(graph, node) || undefined;
  if (type === 'object') {
    const fn = namedEdge(graph, node, 'function');
    if (fn === NONE) return undefined;
    const closure = graph.snapshot.edges.toNode[fn]!;
    if (typeName(graph, closure) !== 'closure') return undefined;
    const name = rawName(graph, closure) || '(anonymous)';
    // An async function's object keeps the promise it returned; a generator's does not.
    return `${name}() ${holdsPromise(graph, node) ? '(suspended at await)' : '(suspended)'}`;
  }
  if (type === 'closure') {
    // `fn.bind(x)`: named after the function it calls.
    const bound = namedEdge(graph, node, 'bound_function');
    if (bound !== NONE) {
      const target = graph.snapshot.edges.toNode[bound]!;
      return `${rawName(graph, target) || '(anonymous)'}() (bound)`;
    }
  }
  if (type === 'closure' && rawName(graph, node) === '') {
    // Builtin closures made by `new Promise` and `await`: name them after their code.
    const code = namedEdge(graph, node, 'code');
    const codeName = code === NONE ? '' : rawName(graph, graph.snapshot.edges.toNode[code]!);
    if (codeName.includes('PromiseCapabilityDefaultResolve')) return 'resolve()';
    if (codeName.includes('PromiseCapabilityDefaultReject')) return 'reject()';
    if (codeName.includes('AsyncFunctionAwait')) return '(await)';
  }
  return undefined;
}

export type ScopeKind = 'module' | 'function';

export interface StepScope {
  readonly kind: ScopeKind;
  /** Readable script name, when known. */
  readonly script?: string;
  /** The function whose scope it is (kind `function`). */
  readonly function?: string;
}

/** For a Context: whose scope it is. */
export function contextScope(graph: HeapGraph, node: number): StepScope | undefined {
  const c = graph.classNames[graph.classOf[node]!];
  if (c !== 'system / Context' && c !== '(system)') return undefined;
  if (rawName(graph, node) !== 'system / Context' && !rawName(graph, node).startsWith('system / Context /')) return undefined;
  const scripts = scriptIndex(graph);
  const raw = scripts.contextScript(node);
  const script = raw === undefined ? undefined : scripts.displayName(raw);
  if (scopeDetector(graph).isModuleScope(node)) return script === undefined ? { kind: 'module' } : { kind: 'module', script };
  const owner = scripts.contextOwner(node);
  if (owner === NONE) return undefined;
  const fn = `${rawName(graph, owner) || '(anonymous)'}()`;
  return script === undefined ? { kind: 'function', function: fn } : { kind: 'function', function: fn, script };
}
