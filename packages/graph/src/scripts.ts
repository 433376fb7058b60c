// Where things live: the script each closure was compiled from, the function that owns a
// Context, and source locations, read from the snapshot alone (no debugger).
//
// - closure --shared--> SharedFunctionInfo --script_or_debug_info (Node 20) | script (Node 22+)-->
//   Script; a DebugInfo in between is followed by its own `script` edge. The Script node is
//   named by the script's name (`/srv/app/x.js`, `file:///…/x.mjs`, `node:events`); newer V8
//   writes `system / Script / <name>`, whose prefix is cut.
// - A Context's owner is the closure (or generator, through its `function`) whose `context`
//   edge targets it; the lowest ordinal wins, so the answer is deterministic.
// - `locations` rows give (script id, 0-based line, 0-based column) per closure and per object
//   made by a constructor. Script ids are not on Script nodes in Node 20–24, so the id → name
//   map is built from the closures' rows. Positions are reported 1-based.
// - User scripts are the absolute paths and file URLs; they are shown relative to their
//   common directory, so names read the same on every machine that has the same layout.
//   A script under `node_modules/` is shown from its last `node_modules/` on, wherever the
//   libraries are installed, and does not count for the common directory.
//
// Built once per graph on first use (one pass over the nodes' edges of closures and
// generators, one over the locations), never by analyze().

import { graphMemo } from './graph-memo.js';
import { SparseIndex } from './sparse-index.js';
import type { HeapGraph } from './types.js';
import { NONE } from './types.js';

export interface SourceLocation {
  /** Readable script name (relative to the user scripts' common directory; `node:…` as is). */
  readonly script: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

const SCRIPT_PREFIX = 'system / Script / ';

/** True for the runtime's own scripts: `node:…` and the unnamed ones. */
export function isRuntimeScript(name: string): boolean {
  return name === '' || name.startsWith('node:') || name.startsWith('internal/');
}

function isUserScriptPath(name: string): boolean {
  return name.startsWith('/') || name.startsWith('file://') || /^[A-Za-z]:[\\/]/.test(name);
}

function plainPath(name: string): string {
  if (!name.startsWith('file://')) return name;
  try {
    return decodeURIComponent(name.slice('file://'.length));
  } catch {
    return name.slice('file://'.length);
  }
}

/** Where the last `node_modules/` of a path starts (-1 when none): libraries read from there. */
function libraryStart(path: string): number {
  const i = path.replace(/\\/g, '/').lastIndexOf('/node_modules/');
  return i < 0 ? -1 : i + 1;
}

/** The directory (with its trailing `/`) every path shares; '' when none. */
export function commonDirectory(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let prefix = paths[0]!;
  for (const p of paths) {
    let i = 0;
    while (i < prefix.length && i < p.length && prefix[i] === p[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const slash = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('\\'));
  return slash < 0 ? '' : prefix.slice(0, slash + 1);
}

export class ScriptIndex {
  // By node ordinal, for the nodes that have one (a few million closures and rows are
  // common, against up to 100 M nodes).
  /** Closure → its Script node. */
  private readonly scriptOfClosure = new SparseIndex();
  /** Context → the closure that owns it (the first in node order). */
  private readonly ownerOfContext = new SparseIndex();
  /** Node → row start in `locations`. */
  private readonly locationRow = new SparseIndex();
  private readonly scriptNameById = new Map<number, string>();
  private readonly names = new Map<number, string>();
  private readonly prefix: string;
  private readonly fields: { script: number; line: number; column: number; width: number };

  constructor(private readonly graph: HeapGraph) {
    const { snapshot } = graph;
    const { firstEdge, strings, nodes, edges, header } = snapshot;
    const n = graph.nodeCount;
    const nodeTypes = header.meta.nodeTypes;
    const closureType = nodeTypes.indexOf('closure');
    const objectType = nodeTypes.indexOf('object');
    const internal = header.meta.edgeTypes.indexOf('internal');
    const nameKind = new Int8Array(strings.length).fill(-2);
    const kindOf = (s: number): number => {
      let k = nameKind[s]!;
      if (k === -2) nameKind[s] = k = EDGE_KINDS.indexOf(strings.get(s));
      return k;
    };
    // Generators and async function objects are named `Generator` (async generators after
    // their function); only objects with such a name are looked into.
    const generatorName = new Uint8Array(strings.length);
    const maybeGenerator = (s: number): boolean => {
      if (generatorName[s] === 0) generatorName[s] = strings.get(s) === 'Generator' ? 2 : 1;
      return generatorName[s] === 2;
    };
    const edgeType = edges.type;
    const edgeName = edges.nameOrIndex;
    const toNode = edges.toNode;
    const target = (v: number, kind: number): number => {
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        if (edgeType[e] === internal && kindOf(edgeName[e]!) === kind) return toNode[e]!;
      }
      return -1;
    };
    // A DebugInfo stands between a function and its script while a debugger is attached.
    const resolved = new Map<number, number>();
    const scriptOf = (sfi: number): number => {
      if (sfi < 0) return -1;
      let script = target(sfi, SCRIPT_OR_DEBUG_INFO);
      if (script < 0) script = target(sfi, SCRIPT);
      if (script < 0) return -1;
      let r = resolved.get(script);
      if (r === undefined) {
        r = strings.get(nodes.name[script]!).endsWith('DebugInfo') ? target(script, SCRIPT) : script;
        resolved.set(script, r);
      }
      return r;
    };
    const nodeType = nodes.type;
    for (let v = 0; v < n; v++) {
      const t = nodeType[v]!;
      let closure = -1;
      if (t === closureType) closure = v;
      else if (t === objectType && maybeGenerator(nodes.name[v]!)) {
        // `function` names the body, `context` its scope.
        const fn = target(v, FUNCTION);
        if (fn < 0 || nodeType[fn] !== closureType) continue;
        closure = fn;
      } else continue;
      if (closure === v) {
        const script = scriptOf(target(v, SHARED));
        if (script >= 0) this.scriptOfClosure.add(v, script);
      }
      const context = target(v, CONTEXT);
      if (context >= 0) this.ownerOfContext.add(context, closure);
    }
    this.scriptOfClosure.seal();
    this.ownerOfContext.seal();

    const raw = snapshot.locations;
    const lf = header.meta.locationFields;
    this.fields = { script: lf.indexOf('script_id'), line: lf.indexOf('line'), column: lf.indexOf('column'), width: lf.length };
    const objectIndex = lf.indexOf('object_index');
    const nodeWidth = header.meta.nodeFields.length;
    if (raw && objectIndex >= 0 && this.fields.width > 0) {
      for (let r = 0; r + this.fields.width <= raw.length; r += this.fields.width) {
        const ordinal = raw[r + objectIndex]! / nodeWidth;
        if (!Number.isInteger(ordinal) || ordinal >= n) continue;
        this.locationRow.add(ordinal, r);
        const script = this.scriptOfClosure.get(ordinal);
        if (script < 0) continue;
        const id = raw[r + this.fields.script]!;
        if (!this.scriptNameById.has(id)) this.scriptNameById.set(id, this.scriptName(script));
      }
    }
    this.locationRow.seal();
    const users = new Set<string>();
    for (const script of resolved.values()) {
      if (script < 0) continue;
      const name = this.scriptName(script);
      if (isUserScriptPath(name) && libraryStart(plainPath(name)) < 0) users.add(plainPath(name));
    }
    const list = [...users].sort();
    this.prefix = commonDirectory(list);
  }

  /** The raw name of a Script node. */
  scriptName(script: number): string {
    let name = this.names.get(script);
    if (name === undefined) {
      const { nodes, strings } = this.graph.snapshot;
      name = strings.get(nodes.name[script]!);
      if (name.startsWith(SCRIPT_PREFIX)) name = name.slice(SCRIPT_PREFIX.length);
      this.names.set(script, name);
    }
    return name;
  }

  /** A raw script name as reports show it: relative to the user scripts' common directory. */
  displayName(raw: string): string {
    if (!isUserScriptPath(raw)) return raw === '' ? '(anonymous script)' : raw;
    const path = plainPath(raw);
    const library = libraryStart(path);
    if (library >= 0) return path.slice(library);
    return this.prefix !== '' && path.startsWith(this.prefix) ? path.slice(this.prefix.length) : path;
  }

  /** Raw name of the script a closure comes from, or undefined (builtins, bound functions). */
  closureScript(closure: number): string | undefined {
    const s = this.scriptOfClosure.get(closure);
    return s < 0 ? undefined : this.scriptName(s);
  }

  /** The closure whose `context` is `context` (or the function of a generator holding it). */
  contextOwner(context: number): number {
    const owner = this.ownerOfContext.get(context);
    return owner < 0 ? NONE : owner;
  }

  /** Raw script name of a Context's owner, or undefined. */
  contextScript(context: number): string | undefined {
    const owner = this.contextOwner(context);
    return owner === NONE ? undefined : this.closureScript(owner);
  }

  /** Source location of a closure (its parameter list) or a constructed object (its class). */
  location(node: number): SourceLocation | undefined {
    const r = this.locationRow.get(node);
    const raw = this.graph.snapshot.locations;
    if (r < 0 || !raw) return undefined;
    const { script, line, column } = this.fields;
    const id = raw[r + script]!;
    const closureScript = this.closureScript(node);
    const name = closureScript ?? this.scriptNameById.get(id);
    if (name === undefined) return undefined;
    return { script: this.displayName(name), line: raw[r + line]! + 1, column: raw[r + column]! + 1 };
  }
}

const EDGE_KINDS = ['shared', 'script_or_debug_info', 'script', 'context', 'function'];
const SHARED = 0;
const SCRIPT_OR_DEBUG_INFO = 1;
const SCRIPT = 2;
const CONTEXT = 3;
const FUNCTION = 4;

const indexes = graphMemo((graph) => new ScriptIndex(graph));

export function scriptIndex(graph: HeapGraph): ScriptIndex {
  return indexes(graph);
}
