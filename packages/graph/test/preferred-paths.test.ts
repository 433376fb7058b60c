import { describe, expect, it } from 'vitest';
import { SnapshotBuilder, type BuilderNode } from '@heaptrail/parser/builder';
import { analyze } from '../src/analyze.js';
import { checkAvoidPatterns } from '../src/avoid-patterns.js';
import { computePreferredPaths, preferredPaths } from '../src/preferred-paths.js';
import { groupRetainingPaths } from '../src/path-groups.js';
import { edgeSource, pathText, retainingPath } from '../src/paths.js';
import { NONE } from '../src/types.js';
import { naiveEdges, naivePreferred, naiveStepCost } from './reference/naive-preferred.js';
import { randomSnapshot } from './reference/random-graph.js';

/** A Node.js-like heap: root → global, (GC roots) → (Stack roots) and (Global handles), one NativeContext. */
function nodeHeap() {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic' });
  b.root.edge(gcRoots, 'element', 1);
  const global = b.node('global', 100);
  b.root.edge(global, 'shortcut', 'global');
  const stack = b.node('(Stack roots)', 0, { type: 'synthetic' });
  gcRoots.edge(stack, 'element', 0);
  const handles = b.node('(Global handles)', 0, { type: 'synthetic' });
  gcRoots.edge(handles, 'element', 1);
  const nativeContext = b.node('system / NativeContext', 50, { type: 'hidden' });
  gcRoots.edge(nativeContext, 'element', 2);
  let scriptId = 10;
  /** A module scope of `script` held by a top-level function `fn`, which `holder` keeps. */
  const moduleScope = (script: string, fn: string, holder: BuilderNode) => {
    const code = b.node(script, 0, { type: 'code' });
    const sfi = b.node(fn, 40, { type: 'code' });
    sfi.edge(code, 'internal', 'script_or_debug_info');
    const closure = b.node(fn, 32, { type: 'closure' });
    closure.edge(sfi, 'internal', 'shared');
    const scope = b.node('system / Context', 40);
    closure.edge(scope, 'internal', 'context');
    scope.edge(nativeContext, 'internal', 'previous');
    holder.edge(closure, 'internal', String(holder.edges.length));
    b.location(closure, scriptId++, 41, 16);
    return { scope, closure };
  };
  return { b, gcRoots, global, stack, handles, nativeContext, moduleScope };
}

describe('preferred paths', () => {
  it("take the user's module variable over a shorter path through (Stack roots), and keep the shortest as an option", () => {
    const h = nodeHeap();
    const { scope } = h.moduleScope('/srv/app/server.js', 'main', h.handles);
    const retained = h.b.node('Array', 16);
    scope.edge(retained, 'context', 'retained');
    const blob = h.b.node('LeakedBlob', 1000);
    retained.edge(blob, 'element', 0);
    h.stack.edge(blob, 'internal', '3 / deoptimization literal');
    const graph = analyze(h.b.build());
    const steps = retainingPath(graph, blob.ordinal);
    expect(pathText(graph, steps)).toBe('(module scope of server.js) retained[] → LeakedBlob');
    expect(steps[0]!.scope).toEqual({ kind: 'module', script: 'server.js' });
    expect(steps.some((s) => s.internal)).toBe(false);
    const shortest = retainingPath(graph, blob.ordinal, { shortest: true });
    expect(pathText(graph, shortest)).toBe('(GC roots)[] → (Stack roots) (internal deoptimization literal) → LeakedBlob');
    expect(shortest.filter((s) => s.internal).map((s) => s.className)).toEqual(['(synthetic)', '(synthetic)', 'LeakedBlob']);
  });

  it('take the user module over the runtime module queueing a warning, and show the next best with avoid', () => {
    const h = nodeHeap();
    const user = h.moduleScope('file:///srv/app/server.mjs', 'handle', h.handles);
    const internal = h.moduleScope('node:internal/process/task_queues', 'processTicksAndRejections', h.handles);
    const bus = h.b.node('EventEmitter', 40);
    const events = h.b.node('Object', 40);
    const listeners = h.b.node('Array', 40);
    bus.edge(events, 'property', '_events');
    events.edge(listeners, 'property', 'data');
    const onData = h.b.node('onData', 32, { type: 'closure' });
    listeners.edge(onData, 'element', 0);
    // queue.tail.args[0].emitter → bus: shorter from its scope than the user's own path.
    const queue = h.b.node('FixedQueue', 10);
    internal.scope.edge(queue, 'context', 'queue');
    const warning = h.b.node('Error', 10);
    queue.edge(warning, 'property', 'tail');
    warning.edge(listeners, 'property', 'listeners');
    const app = h.b.node('App', 10);
    user.scope.edge(app, 'context', 'app');
    const server = h.b.node('Server', 10);
    app.edge(server, 'property', 'server');
    server.edge(bus, 'property', 'bus');
    const graph = analyze(h.b.build());
    expect(pathText(graph, retainingPath(graph, onData.ordinal))).toBe('(module scope of server.mjs) app.server.bus._events.data[] → onData()');
    expect(pathText(graph, retainingPath(graph, onData.ordinal, { shortest: true }))).toBe('(module scope of node:internal/process/task_queues) queue.tail.listeners[] → onData()');
    const avoided = retainingPath(graph, onData.ordinal, { avoid: ['server'] });
    expect(pathText(graph, avoided)).toBe('(module scope of node:internal/process/task_queues) queue.tail.listeners[] → onData()');
    expect(avoided[0]!.internal).toBe(true);
    // A class works as a pattern too; with no way around it the path still stands, and says so.
    const forced = retainingPath(graph, onData.ordinal, { avoid: ['Array'] });
    expect(pathText(graph, forced)).toBe('(no path avoids Array) (module scope of server.mjs) app.server.bus._events.data[] → onData()');
    expect(forced.filter((s) => s.avoided !== undefined).map((s) => s.className)).toEqual(['Array']);
    expect(avoided.some((s) => s.avoided !== undefined)).toBe(false);
    // A /regex/ matches class names and edge names, bare or as shown.
    expect(pathText(graph, retainingPath(graph, onData.ordinal, { avoid: ['/^Serv/'] }))).toBe(pathText(graph, avoided));
    expect(pathText(graph, retainingPath(graph, onData.ordinal, { avoid: ['/^\\.Serv/i'] }))).toBe(pathText(graph, avoided));
    expect(pathText(graph, retainingPath(graph, onData.ordinal, { avoid: ['/^\\.Serv/'] }))).toBe(pathText(graph, retainingPath(graph, onData.ordinal)));
    // The plain shortest path ignores avoid patterns.
    expect(retainingPath(graph, onData.ordinal, { shortest: true, avoid: ['Array'] }).some((s) => s.avoided !== undefined)).toBe(false);
    expect(() => checkAvoidPatterns(['/(/'])).toThrow(/^bad avoid pattern \/\(\/: /);
    expect(() => checkAvoidPatterns(['/x/g'])).toThrow(/flags may be i, m, s, u/);
  });

  it('read a doubly linked list in one direction, folded, as one group', () => {
    const h = nodeHeap();
    const { scope } = h.moduleScope('node:internal/timers', 'insert', h.handles);
    const map = h.b.node('Object', 10);
    scope.edge(map, 'context', 'timerListMap');
    const list = h.b.node('TimersList', 40);
    map.edge(list, 'element', 60000);
    const timers = Array.from({ length: 7 }, () => h.b.node('Timeout', 80));
    const ring = [list, ...timers];
    ring.forEach((node, i) => {
      node.edge(ring[(i + 1) % ring.length]!, 'property', '_idleNext');
      node.edge(ring[(i + ring.length - 1) % ring.length]!, 'property', '_idlePrev');
    });
    const graph = analyze(h.b.build());
    const groups = groupRetainingPaths(graph, timers.map((t) => t.ordinal));
    expect(groups.map((g) => [g.count, g.text])).toEqual([
      [7, '(module scope of node:internal/timers) timerListMap[60000] → TimersList (._idleNext)×1–7 → Timeout'],
    ]);
    expect(groups[0]!.repeats).toEqual([{ min: 1, max: 7 }]);
    expect(groups[0]!.signature).toBe('(module scope of node:internal/timers) ::timerListMap→Object []→TimersList (._idleNext→Timeout)×');
  });

  it('never pass through weak edges, and reach a WeakMap value only once its key and its map are reached', () => {
    const h = nodeHeap();
    const key = h.b.node('Key', 10);
    h.global.edge(key, 'property', 'key');
    const map = h.b.node('WeakMap', 10);
    const table = h.b.node('', 64, { type: 'array' });
    map.edge(table, 'internal', 'table');
    h.handles.edge(map, 'internal', '7');
    const value = h.b.node('Value', 10);
    const name = ` / part of key (Key @${key.id}) -> value (Value @${value.id}) pair in WeakMap (table @${table.id})`;
    key.edge(value, 'internal', `1${name}`);
    table.edge(value, 'internal', `2${name}`);
    const target = h.b.node('Target', 10);
    h.global.edge(target, 'weak', 'ref');
    const graph = analyze(h.b.build());
    const steps = retainingPath(graph, value.ordinal);
    // The map is held by V8 only ((GC roots) → (Global handles) → map): that is what keeps the value.
    expect(steps.map((s) => s.className)).toEqual(['(GC roots)', '(Global handles)', 'WeakMap', '(array)', 'Value'].map((c) => (c.startsWith('(G') ? '(synthetic)' : c)));
    expect(steps.at(-1)!.ephemeron).toBe(true);
    expect(retainingPath(graph, target.ordinal)).toEqual([]);
  });
});

describe('computePreferredPaths() against a naive fix-point on random graphs', () => {
  it('finds the fewest internal steps, WeakMap values at max(key, table), and consistent parent edges', () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const snapshot = randomSnapshot(seed);
      const graph = analyze(snapshot);
      const classOf = (v: number) => graph.classNames[graph.classOf[v]!]!;
      const naive = naivePreferred(snapshot, classOf);
      const pref = computePreferredPaths(graph);
      const edges = naiveEdges(snapshot);
      for (let v = 0; v < graph.nodeCount; v++) {
        const where = `seed ${seed} node ${v}`;
        const expected = naive.internal[v]!;
        expect(pref.internalSteps(v) === NONE ? Infinity : pref.internalSteps(v), where).toBe(expected);
        if (expected === Infinity) continue;
        // Free repeats only shorten: never longer than the unit-step shortest of those paths.
        expect(pref.pathLength(v)!, where).toBeLessThanOrEqual(naive.length[v]!);
        const pe = pref.parentEdge[v]!;
        if (pe === NONE) {
          expect(pref.isStart(v), where).toBe(true);
          continue;
        }
        const e = edges[pe]!;
        expect(e.type, where).not.toBe('weak');
        const pair = / \/ part of key .* pair in WeakMap/.test(e.name) && e.type === 'internal';
        const from = pair
          ? Math.max(...edges.filter((x) => x.type === 'internal' && x.name.replace(/^\d+/, '') === e.name.replace(/^\d+/, '')).map((x) => naive.internal[x.from]!))
          : naive.internal[e.from]!;
        expect(from + naiveStepCost(snapshot, e, classOf), where).toBe(expected);
        const up = pref.parentEdge[e.from]!;
        const upEdge = up === NONE ? undefined : edges[up];
        const repeat =
          upEdge !== undefined && upEdge.type === e.type && (e.type === 'element' || e.type === 'hidden' || upEdge.name === e.name) && classOf(e.to) === classOf(e.from);
        expect(pref.pathLength(v), where).toBe(pref.pathLength(e.from)! + (repeat ? 0 : 1));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('a preferred-path search settled in batches', () => {
  it('gives every settled node, and every node on its path, the values of a search run to its end', () => {
    let compared = 0;
    let stoppedEarly = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const graph = analyze(randomSnapshot(seed));
      const full = computePreferredPaths(graph);
      const lazy = preferredPaths(graph, [], []);
      // A few batches of random nodes, in random order (a small LCG: reproducible).
      let x = seed * 2654435761;
      const next = () => (x = (x * 1103515245 + 12345) >>> 0) % graph.nodeCount;
      const settled: number[] = [];
      for (let batch = 0; batch < 3; batch++) {
        const nodes = Array.from({ length: 1 + (next() % 3) }, next);
        lazy.settle(nodes);
        settled.push(...nodes);
        for (const start of settled) {
          for (let v = start; ; v = edgeSource(graph, lazy.parentEdge[v]!)) {
            const where = `seed ${seed} batch ${batch} node ${v} (on the path of ${start})`;
            expect(lazy.internalSteps(v), where).toBe(full.internalSteps(v));
            if (full.internalSteps(v) === NONE) break;
            expect(lazy.pathLength(v), where).toBe(full.pathLength(v));
            expect(lazy.parentEdge[v], where).toBe(full.parentEdge[v]);
            expect(lazy.isStart(v), where).toBe(full.isStart(v));
            compared++;
            if (lazy.parentEdge[v] === NONE) break;
          }
        }
      }
      // What a search paused early has not reached yet reads as unreachable, until settled.
      const all = Array.from({ length: graph.nodeCount }, (_, v) => v);
      if (all.some((v) => lazy.internalSteps(v) !== full.internalSteps(v))) stoppedEarly++;
      lazy.settleAll();
      expect(all.map((v) => lazy.internalSteps(v)), `seed ${seed}`).toEqual(all.map((v) => full.internalSteps(v)));
      const reached = all.filter((v) => full.internalSteps(v) !== NONE);
      expect(reached.map((v) => lazy.parentEdge[v]), `seed ${seed}`).toEqual(reached.map((v) => full.parentEdge[v]));
    }
    expect(compared).toBeGreaterThan(2000);
    // The batches must really pause the search, or this compares two full runs.
    expect(stoppedEarly).toBeGreaterThan(30);
  });
});
