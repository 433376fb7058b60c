import { describe, expect, it } from 'vitest';
import { analyze, type HeapGraph } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { dominatorsAnswer, MAX_TREE_NODES, pathsAnswer, summaryAnswer } from '../src/answers.js';
import { objectAnswer } from '../src/object-view.js';
import { MAX_NAME } from '../src/answer-size.js';

/**
 * root ─.app→ App ─.history→ Array ─[i]→ Message ×5 (each ─.text→ a long string)
 *                 ─.cache→ Cache ─.a→ Entry, ─.b→ Entry
 * and the last Message also held by Cache (.pinned), so it has two retainers; Cache also
 * holds a Message of its own (.solo), which has a path of another shape.
 */
function fixture() {
  const b = new SnapshotBuilder();
  const app = b.node('App', 40, { id: 101 });
  const history = b.node('Array', 16, { id: 103 });
  const cache = b.node('Cache', 24, { id: 105 });
  b.root.edge(app, 'shortcut', 'app');
  app.edge(history, 'property', 'history').edge(cache, 'property', 'cache');
  const messages = [];
  for (let i = 0; i < 5; i++) {
    const m = b.node('Message', 32 + i, { id: 201 + 2 * i });
    const text = b.node('x'.repeat(500), 100 * (i + 1), { type: 'string', id: 301 + 2 * i });
    history.edge(m, 'element', i);
    m.edge(text, 'property', 'text');
    messages.push(m);
  }
  cache.edge(b.node('Entry', 8, { id: 401 }), 'property', 'a').edge(b.node('Entry', 8, { id: 403 }), 'property', 'b');
  cache.edge(messages[4]!, 'property', 'pinned').edge(b.node('Message', 50, { id: 501 }), 'property', 'solo');
  return analyze(b.build());
}

const graph: HeapGraph = fixture();

describe('summaryAnswer', () => {
  it('states the totals, shows the top classes by retained size and says how many were left out', () => {
    const a = summaryAnswer('s.heapsnapshot', graph, { top: 2 });
    expect(a.schema).toBe('heaptrail.summary/1');
    expect(a.nodeCount).toBe(graph.nodeCount);
    expect(a.totalSize).toBe(graph.totalSize);
    expect(a.shownClasses).toBe(2);
    expect(a.classes.map((c) => c.className)).toEqual(['App', 'Message']);
    expect(a.classes[0]!.retainedShare).toBeCloseTo(graph.retainedSize[1]! / graph.totalSize);
    expect(a.moreClasses).toBe(`${a.classCount - 2} more classes by smaller retained size; raise top or give a filter`);
  });

  it('filters by name and refuses a filter that matches nothing', () => {
    const a = summaryAnswer('s', graph, { top: 10, filter: 'mess' });
    expect(a.classCount).toBe(1);
    expect(a.classes).toEqual([expect.objectContaining({ className: 'Message', count: 6 })]);
    expect('moreClasses' in a).toBe(false);
    expect(() => summaryAnswer('s', graph, { top: 10, filter: 'Nope' })).toThrow(/^no class name contains "Nope"$/);
  });
});

describe('dominatorsAnswer', () => {
  it('gives the pruned tree with cut names and the totals', () => {
    const a = dominatorsAnswer('s', graph, { depth: 3, top: 1 });
    expect(a.totalSize).toBe(graph.totalSize);
    const app = a.tree.children[0]!;
    expect(app).toMatchObject({ id: 101, className: 'App' });
    const history = app.children[0]!;
    expect(history.className).toBe('Array');
    expect(history.otherCount).toBe(3); // five messages, one pinned elsewhere, one shown
    const message = history.children[0]!;
    expect(message.className).toBe('Message');
    // Level 3 is the last shown: the message's string is summed, not listed.
    expect(message.children).toEqual([]);
    expect(message).toMatchObject({ otherCount: 1, otherSize: 400 });
  });

  it('refuses a depth and width that could give more nodes than a model should read', () => {
    expect(() => dominatorsAnswer('s', graph, { depth: 4, top: 10 })).toThrow(new RegExp(`depth 4 with top 10 may give 11110 nodes, over ${MAX_TREE_NODES}`));
  });
});

describe('pathsAnswer', () => {
  it('groups the paths of a class, with an example id and its steps', () => {
    const a = pathsAnswer('s', graph, { className: 'Message', limit: 1, allRoots: false }) as { objectCount: number; moreGroups: boolean; groups: { count: number; text: string; exampleId: number }[] };
    expect(a.objectCount).toBe(6);
    expect(a.groups).toHaveLength(1);
    expect(a.groups[0]!.count).toBe(5);
    expect(a.groups[0]!.text).toContain('history[]');
    expect(a.moreGroups).toBe(true);
  });

  it('takes a class name as an answer cut it, when it is the start of one class only', () => {
    const b = new SnapshotBuilder();
    const [gizmo, widgetX, widgetZ] = ['Gizmo' + 'Q'.repeat(200), 'Widget' + 'X'.repeat(200), 'Widget' + 'X'.repeat(150) + 'Z'.repeat(50)];
    b.root.edge(b.node(gizmo, 10), 'property', 'g').edge(b.node(widgetX, 10), 'property', 'x').edge(b.node(widgetZ, 10), 'property', 'z');
    const g = analyze(b.build());
    const cut = (filter: string) => summaryAnswer('s', g, { top: 1, filter }).classes[0]!.className;
    expect(cut('Gizmo').endsWith('…')).toBe(true);
    const found = pathsAnswer('s', g, { className: cut('Gizmo'), limit: 1, allRoots: false }) as { objectCount: number; className: string };
    expect(found.objectCount).toBe(1);
    // Both Widget names start with the cut one: ambiguous, so unknown.
    expect(() => pathsAnswer('s', g, { className: cut('Widget'), limit: 1, allRoots: false })).toThrow(/^unknown class/);
  });

  it('answers an unknown class with the closest names, and asks for one of className and id', () => {
    expect(() => pathsAnswer('s', graph, { className: 'Mesage', limit: 5, allRoots: false })).toThrow(/^unknown class "Mesage"; closest: Message$/);
    expect(() => pathsAnswer('s', graph, { limit: 5, allRoots: false })).toThrow(/give className or id/);
    expect(() => pathsAnswer('s', graph, { className: 'Message', id: 201, limit: 5, allRoots: false })).toThrow(/give className or id/);
    expect(() => pathsAnswer('s.heapsnapshot', graph, { id: 999, limit: 5, allRoots: false })).toThrow(/^no object with id @999 in s\.heapsnapshot$/);
  });
});

describe('objectAnswer', () => {
  it('describes the object and pages its edges out, largest retained target first', () => {
    const a = objectAnswer('s', graph, { id: 105, offset: 0, limit: 2 });
    expect(a).toMatchObject({ id: 105, className: 'Cache', type: 'object', selfSize: 24, distance: 2, onlyThroughInternals: false });
    expect(a.dominator).toMatchObject({ id: 101, className: 'App' });
    expect(a.edges.total).toBe(4);
    expect(a.edges.items.map((e) => [e.edge, e.id])).toEqual([['.pinned', 209], ['.solo', 501]]);
    expect(a.edges.items[0]).toMatchObject({ edgeType: 'property', className: 'Message', selfSize: 36, retainedSize: 536 });
    expect(a.edges.nextOffset).toBe(2);
    // Equal retained sizes keep edge order.
    const next = objectAnswer('s', graph, { id: 105, offset: 2, limit: 2 });
    expect(next.edges.items.map((e) => e.id)).toEqual([401, 403]);
    expect(next.edges.nextOffset).toBeNull();
  });

  it('lists every retainer, the shortest-path one first, and cuts a long name', () => {
    const a = objectAnswer('s', graph, { id: 209, offset: 0, limit: 10 });
    expect(a.retainers.total).toBe(2);
    expect(a.retainers.items.map((r) => [r.edge, r.id, r.className])).toEqual([['[4]', 103, 'Array'], ['.pinned', 105, 'Cache']]);
    // Held by two objects: only their common dominator frees it.
    expect(a.dominator).toMatchObject({ id: 101 });
    const text = a.edges.items[0]!;
    expect(text.className).toBe('(string)');
    expect(text.name).toHaveLength(MAX_NAME);
  });

  it('describes the root without a dominator', () => {
    const a = objectAnswer('s', graph, { id: 1, offset: 0, limit: 1 });
    expect(a.dominator).toBeNull();
    expect(a.retainers.total).toBe(0);
    expect(a.edges.total).toBe(1);
  });
});
