import { describe, expect, it } from 'vitest';
import { SnapshotBuilder, type BuilderNode } from '@heaptrail/parser/builder';
import { analyze } from '../src/analyze.js';
import { groupRetainingPaths } from '../src/path-groups.js';
import { retainingPath } from '../src/paths.js';
import { edgeLabel } from '../src/edge-labels.js';
import { prng, randomSnapshot } from './reference/random-graph.js';
import { naiveFold, naiveGroups, type NaiveToken } from './reference/naive-folding.js';
import { startText } from '../src/step-keys.js';
import { NONE } from '../src/types.js';

/** root → global with a module scope Context, as Node.js lays it out. */
function moduleHeap() {
  const b = new SnapshotBuilder();
  const global = b.node('global', 100);
  b.root.edge(global, 'shortcut', 'global');
  const nativeContext = b.node('system / NativeContext', 50, { type: 'hidden' });
  global.edge(nativeContext, 'internal', 'native_context');
  const main = b.node('main', 32, { type: 'closure' });
  global.edge(main, 'property', 'main');
  const scope = b.node('system / Context', 40);
  main.edge(scope, 'internal', 'context');
  scope.edge(nativeContext, 'internal', 'previous');
  return { b, global, scope };
}

function ordinals(nodes: readonly BuilderNode[]): number[] {
  return nodes.map((n) => n.ordinal);
}

describe('groupRetainingPaths()', () => {
  it('folds array indices so the elements of one array form one group', () => {
    const { b, scope } = moduleHeap();
    const agent = b.node('Agent', 24);
    scope.edge(agent, 'context', 'agent');
    const history = b.node('Array', 16);
    agent.edge(history, 'property', 'history');
    const messages = Array.from({ length: 5 }, (_, i) => {
      const m = b.node('ChatMessage', 40);
      history.edge(m, 'element', i);
      return m;
    });
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, ordinals(messages));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.count).toBe(5);
    expect(groups[0]!.retainedSize).toBe(200);
    expect(groups[0]!.text).toBe('(module scope) agent.history[] → ChatMessage');
    expect(groups[0]!.exampleId).toBe(Math.min(...messages.map((m) => m.id)));
    expect(groups[0]!.exampleOrdinal).toBe(messages[0]!.ordinal);
    expect(groups[0]!.steps.map((s) => s.edge)).toEqual(['(internal context)', '::agent', '.history', '[0]']);
  });

  it('keeps different holders apart and sorts by count, then retained size, then text', () => {
    const { b, global, scope } = moduleHeap();
    const queue = b.node('Array', 16);
    scope.edge(queue, 'context', 'queue');
    const cache = b.node('Cache', 16);
    global.edge(cache, 'property', 'cache');
    const inQueue = [0, 1].map((i) => {
      const j = b.node('Job', 10);
      queue.edge(j, 'element', i);
      return j;
    });
    const inCacheA = b.node('Job', 50);
    cache.edge(inCacheA, 'property', 'a');
    const inCacheB = b.node('Job', 10);
    cache.edge(inCacheB, 'property', 'b');
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, ordinals([...inQueue, inCacheA, inCacheB]));
    expect(groups.map((g) => [g.count, g.retainedSize, g.text])).toEqual([
      [2, 20, '(module scope) queue[] → Job'],
      [1, 50, 'global.cache.a → Job'],
      [1, 10, 'global.cache.b → Job'],
    ]);
  });

  it('counts the retained size of nested targets once (only targets no other target dominates)', () => {
    const { b, scope } = moduleHeap();
    // head.a → .b → .c: a chain of distinct steps (nothing folds); every node is a target.
    const head = b.node('Node', 10);
    scope.edge(head, 'context', 'list');
    let prev = head;
    const list = [head];
    for (const name of ['a', 'b', 'c']) {
      const n = b.node('Node', 10);
      prev.edge(n, 'property', name);
      list.push(n);
      prev = n;
    }
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, ordinals(list));
    expect(groups).toHaveLength(4);
    const total = groups.reduce((s, g) => s + g.retainedSize, 0);
    expect(total).toBe(40); // head's retained size, not 40 + 30 + 20 + 10
    expect(groups.find((g) => g.text === '(module scope) list → Node')!.retainedSize).toBe(40);
    expect(groups.find((g) => g.text === '(module scope) list.a → Node')!.retainedSize).toBe(0);
  });

  it('counts a target held by two others only if neither dominates it', () => {
    const { b, global } = moduleHeap();
    const a = b.node('Item', 10);
    const c = b.node('Item', 10);
    const shared = b.node('Item', 10);
    global.edge(a, 'property', 'a').edge(c, 'property', 'c');
    a.edge(shared, 'property', 'x');
    c.edge(shared, 'property', 'x');
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, ordinals([a, c, shared]));
    expect(groups.reduce((s, g) => s + g.retainedSize, 0)).toBe(30);
  });

  it('ignores duplicate targets and keeps only `limit` groups', () => {
    const { b, global } = moduleHeap();
    const items = ['x', 'y', 'z'].map((name) => {
      const n = b.node('Item', 10);
      global.edge(n, 'property', name);
      return n;
    });
    const graph = analyze(b.build());
    const all = groupRetainingPaths(graph, [...ordinals(items), items[0]!.ordinal]);
    expect(all.map((g) => g.count)).toEqual([1, 1, 1]);
    expect(all.map((g) => g.text)).toEqual(['global.x → Item', 'global.y → Item', 'global.z → Item']);
    const two = groupRetainingPaths(graph, ordinals(items), { limit: 2 });
    expect(two.map((g) => g.text)).toEqual(['global.x → Item', 'global.y → Item']);
  });

  it('shares one shape between paths of different lengths only when they are equal', () => {
    const { b, global } = moduleHeap();
    const arr = b.node('Array', 10);
    global.edge(arr, 'property', 'rows');
    const row = b.node('Array', 10);
    arr.edge(row, 'element', 0);
    const direct = b.node('Cell', 5);
    arr.edge(direct, 'element', 1);
    const nested = b.node('Cell', 5);
    row.edge(nested, 'element', 0);
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, ordinals([direct, nested]));
    expect(groups.map((g) => g.text).sort()).toEqual(['global.rows[] → Cell', 'global.rows[][] → Cell']);
  });

  it('walks into V8 internals with allRoots', () => {
    const { b, scope } = moduleHeap();
    const item = b.node('Item', 10);
    scope.edge(item, 'context', 'item');
    const graph = analyze(b.build());
    expect(groupRetainingPaths(graph, [item.ordinal])[0]!.text).toBe('(module scope) item → Item');
    expect(groupRetainingPaths(graph, [item.ordinal], { allRoots: true })[0]!.text).toBe(
      'global.main → main()::item → Item',
    );
  });

  it('puts all unreachable targets, whatever their class, in one "(unreachable)" group', () => {
    const { b } = moduleHeap();
    const lost = b.node('Lost', 10);
    const gone = b.node('Gone', 10, { type: 'synthetic' });
    const graph = analyze(b.build());
    const groups = groupRetainingPaths(graph, [lost.ordinal, gone.ordinal, 0]);
    expect(groups.map((g) => [g.count, g.text, g.steps.length])).toEqual([
      [2, '(unreachable)', 0],
      [1, '(root)', 1],
    ]);
  });
});

describe('groupRetainingPaths() against a naive reference on random graphs', () => {
  it('groups like folding each path separately, and counts retained sizes of outermost targets only', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const snapshot = randomSnapshot(seed);
      const graph = analyze(snapshot);
      const rand = prng(seed);
      const targets: number[] = [];
      for (let i = 0; i < graph.nodeCount; i++) if (rand() < 0.3) targets.push(i);
      for (const options of [{}, { allRoots: true }, { shortest: true }, { shortest: true, allRoots: true }]) {
        const where = `seed ${seed} ${JSON.stringify(options)}`;
        const inSet = new Set(targets);
        const shapes = new Map<number, NaiveToken[]>();
        const unreachable: number[] = [];
        for (const t of targets) {
          const steps = retainingPath(graph, t, options);
          if (steps.length === 0) unreachable.push(t);
          else shapes.set(t, naiveFold(steps.map((s, i) => (i === 0 ? `start ${startText(graph, s.ordinal, s.edgeOrdinal ?? NONE)}` : `${edgeLabel(snapshot, s.edgeOrdinal!, true)}|${s.name ?? s.className}`))));
        }
        const expected = naiveGroups(shapes);
        if (unreachable.length > 0) expected.set('unreachable', unreachable);
        const groupOf = new Map<number, number[]>();
        for (const members of expected.values()) for (const m of members) groupOf.set(m, members);
        const groups = groupRetainingPaths(graph, targets, options);
        expect(groups.length, where).toBe(expected.size);
        for (const g of groups) {
          const members = groupOf.get(g.exampleOrdinal)!;
          expect(g.count, where).toBe(members.length);
          let size = 0;
          for (const t of members) {
            let dominated = false;
            for (let x = t; x !== 0 && !dominated; ) {
              x = graph.dominator[x]!;
              dominated = inSet.has(x);
            }
            if (!dominated) size += graph.retainedSize[t]!;
          }
          expect(g.retainedSize, where).toBe(size);
          expect(g.exampleId, where).toBe(snapshot.nodes.id[g.exampleOrdinal]);
        }
        for (let i = 1; i < groups.length; i++) {
          const [a, b] = [groups[i - 1]!, groups[i]!];
          expect(a.count > b.count || (a.count === b.count && (a.retainedSize > b.retainedSize || (a.retainedSize === b.retainedSize && a.text <= b.text))), where).toBe(true);
        }
      }
    }
  });
});
