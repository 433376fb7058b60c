// Retaining paths, root side first. By default the *preferred* path (preferred-paths.ts):
// the one with the fewest internal steps, then the fewest steps, starting at a global, a
// module scope or, failing those, a GC root (docs/DESIGN.md, "Choosing the path"). With
// `shortest` it is the plain BFS tree of analyze() instead (`graph.parentEdge`: user roots
// first, then fewest steps), which stops at the first *user root* met walking up:
// - a module scope: a `system / Context` whose `previous` is the `system / NativeContext`
//   (Node.js keeps a module's top-level variables there, CommonJS and ESM alike), except
//   the await contexts of suspended async functions (their `extension` is the generator)
//   and the contexts of promise resolving functions (no variables, a hidden Promise);
// - a global object: a node the root holds directly (its `shortcut` targets), or one
//   reached by a NativeContext's `global_object` edge (Chromium snapshots without shortcuts).
// Closure contexts of nested functions are not stops: the path continues to the closure
// that holds them, which is what names the leak (`listeners[] → onData()::big`).
// With `allRoots` the path goes up to the synthetic root's child, e.g. `(GC roots)`.

import type { HeapGraph, PathStep } from './types.js';
import { preferredPaths } from './preferred-paths.js';
import { foldSteps, renderPath } from './path-render.js';
import { StepMaker } from './step-maker.js';
import { NONE } from './types.js';
import { edgeSource } from './edge-source.js';
import { scopeDetector } from './module-scopes.js';

export { isModuleScope, scopeDetector, ScopeDetector } from './module-scopes.js';

export interface RetainingPathOptions {
  /** Walk up into V8 internals to the GC roots instead of stopping at the path's start. */
  readonly allRoots?: boolean;
  /** The plain shortest path (analyze()'s BFS tree) instead of the preferred one. */
  readonly shortest?: boolean;
  /**
   * Class names or edge labels (`_events`, `.emitter`, `::queue`, `/^Node/`: avoid-patterns.ts)
   * to keep off the path when another path exists, like DevTools' "ignore this retainer".
   * Preferred paths only (ignored with `shortest`); a step that cannot be avoided is marked
   * `avoided`.
   */
  readonly avoid?: readonly string[];
}

export { edgeSource } from './edge-source.js';

/**
 * The retaining path to `ordinal`, root side first: the preferred one unless `shortest`.
 * The first step's `edge` is the edge into the start node ('' for the synthetic root or a
 * start reached by no edge). Empty when the node is unreachable.
 */
export function retainingPath(graph: HeapGraph, ordinal: number, options: RetainingPathOptions = {}): PathStep[] {
  const steps = new StepMaker(graph, options.shortest ? [] : options.avoid);
  if (ordinal === 0) return [steps.make(0, NONE)];
  if (options.shortest) return shortestPath(graph, ordinal, options.allRoots === true, steps);
  const pref = preferredPaths(graph, options.avoid, [ordinal]);
  if (pref.internalSteps(ordinal) === NONE) return [];
  const out: PathStep[] = [];
  let node = ordinal;
  for (;;) {
    const edge = pref.parentEdge[node]!;
    if (edge === NONE) {
      // A start. With allRoots the plain BFS tree goes on from it to the GC roots.
      if (options.allRoots && node !== 0 && graph.parentEdge[node] !== NONE) {
        const rest = shortestPath(graph, node, true, steps);
        for (let i = rest.length - 1; i >= 0; i--) out.push(rest[i]!);
      } else {
        out.push(steps.make(node, graph.parentEdge[node]!, true));
      }
      break;
    }
    out.push(steps.make(node, edge));
    const source = edgeSource(graph, edge);
    if (source === 0) break;
    node = source;
  }
  return out.reverse();
}

function shortestPath(graph: HeapGraph, ordinal: number, allRoots: boolean, maker: StepMaker): PathStep[] {
  const { parentEdge } = graph;
  if (parentEdge[ordinal] === NONE) return [];
  const scopes = scopeDetector(graph);
  const steps: PathStep[] = [];
  let node = ordinal;
  for (;;) {
    const edge = parentEdge[node]!;
    steps.push(maker.make(node, edge));
    if (edge === NONE) break;
    const source = edgeSource(graph, edge);
    if (source === 0) break;
    if (!allRoots && scopes.isUserRoot(node)) break;
    node = source;
  }
  return steps.reverse();
}

/** One line from the holder to the object; see path-render.ts for how it reads. */
export function pathText(graph: HeapGraph, steps: readonly PathStep[]): string {
  return renderPath(graph, steps, foldSteps(graph, steps)).text;
}
