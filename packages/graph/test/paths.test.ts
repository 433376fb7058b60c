import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { analyze } from '../src/analyze.js';
import { isModuleScope, pathText, retainingPath } from '../src/paths.js';

/** root → global → main() → module Context → ::agent → .history → [i] ChatMessage, as Node.js lays it out. */
function nodeLikeHeap() {
  const b = new SnapshotBuilder();
  const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic' });
  b.root.edge(gcRoots, 'element', 1);
  const global = b.node('global', 100);
  b.root.edge(global, 'shortcut', 'global');
  const nativeContext = b.node('system / NativeContext', 50, { type: 'hidden' });
  gcRoots.edge(nativeContext, 'element', 0);
  const main = b.node('main', 32, { type: 'closure' });
  global.edge(main, 'property', 'main');
  const scope = b.node('system / Context', 40);
  main.edge(scope, 'internal', 'context');
  scope.edge(nativeContext, 'internal', 'previous');
  const agent = b.node('Object', 24);
  scope.edge(agent, 'context', 'agent');
  const history = b.node('Array', 16);
  agent.edge(history, 'property', 'history');
  const messages = [0, 1, 2].map((i) => {
    const m = b.node('ChatMessage', 40);
    history.edge(m, 'element', i);
    return m;
  });
  return { b, global, main, scope, agent, history, messages, gcRoots, nativeContext };
}

describe('retainingPath()', () => {
  it('stops at the module scope that holds the object, root side first', () => {
    const h = nodeLikeHeap();
    const graph = analyze(h.b.build());
    const steps = retainingPath(graph, h.messages[1]!.ordinal);
    expect(steps.map((s) => s.edge)).toEqual(['(internal context)', '::agent', '.history', '[1]']);
    expect(steps.map((s) => s.className)).toEqual(['system / Context', 'Object', 'Array', 'ChatMessage']);
    expect(steps[3]!.nodeId).toBe(h.messages[1]!.id);
    expect(steps[3]!.ordinal).toBe(h.messages[1]!.ordinal);
  });

  it('walks up to the root child with allRoots', () => {
    const h = nodeLikeHeap();
    const graph = analyze(h.b.build());
    const steps = retainingPath(graph, h.messages[0]!.ordinal, { allRoots: true });
    expect(steps.map((s) => s.className)).toEqual(['global', 'main()', 'system / Context', 'Object', 'Array', 'ChatMessage']);
    expect(steps[0]!.edge).toBe('(shortcut)');
  });

  it('prefers a path through a user root (global) over a shorter one through V8 internals', () => {
    const b = new SnapshotBuilder();
    const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic' });
    b.root.edge(gcRoots, 'element', 1);
    const global = b.node('global', 10);
    b.root.edge(global, 'shortcut', 'global');
    const target = b.node('Session', 10);
    gcRoots.edge(target, 'element', 0); // two hops from the root, but system-only
    const store = b.node('Store', 10);
    global.edge(store, 'property', 'store');
    store.edge(target, 'property', 'session');
    const graph = analyze(b.build());
    expect(pathText(graph, retainingPath(graph, target.ordinal))).toBe('global.store.session → Session');
  });

  it('does not follow weak edges', () => {
    const b = new SnapshotBuilder();
    const global = b.node('global', 10);
    b.root.edge(global, 'shortcut', 'global');
    const cache = b.node('Cache', 10);
    const a = b.node('A', 10);
    const holder = b.node('Holder', 10);
    const target = b.node('Target', 10);
    global.edge(cache, 'property', 'cache').edge(a, 'property', 'a');
    cache.edge(target, 'weak', 'ref');
    a.edge(holder, 'property', 'h');
    holder.edge(target, 'property', 't');
    const graph = analyze(b.build());
    const steps = retainingPath(graph, target.ordinal);
    expect(steps.map((s) => s.edge)).toEqual(['(shortcut)', '.a', '.h', '.t']);
  });

  it('returns an empty path for an unreachable object', () => {
    const b = new SnapshotBuilder();
    const lost = b.node('Lost', 10);
    const graph = analyze(b.build());
    expect(retainingPath(graph, lost.ordinal)).toEqual([]);
    expect(pathText(graph, [])).toBe('(unreachable)');
  });
});

describe('isModuleScope()', () => {
  it('is true for a Context whose previous is the NativeContext, false for a closure context', () => {
    const h = nodeLikeHeap();
    const inner = h.b.node('system / Context', 40);
    inner.edge(h.scope, 'internal', 'previous');
    const graph = analyze(h.b.build());
    expect(isModuleScope(graph, h.scope.ordinal)).toBe(true);
    expect(isModuleScope(graph, inner.ordinal)).toBe(false);
    expect(isModuleScope(graph, h.agent.ordinal)).toBe(false);
  });
});

describe('pathText()', () => {
  it('reads module variables as "(module scope) name" and folds indices', () => {
    const h = nodeLikeHeap();
    const graph = analyze(h.b.build());
    expect(pathText(graph, retainingPath(graph, h.messages[2]!.ordinal))).toBe('(module scope) agent.history[] → ChatMessage');
  });

  it('names a closure before its captured variables: listeners[] → onData()::big', () => {
    const h = nodeLikeHeap();
    const listeners = h.b.node('Array', 16);
    h.scope.edge(listeners, 'context', 'listeners');
    const onData = h.b.node('onData', 32, { type: 'closure' });
    listeners.edge(onData, 'element', 0);
    const closureScope = h.b.node('system / Context', 24);
    onData.edge(closureScope, 'internal', 'context');
    closureScope.edge(h.scope, 'internal', 'previous');
    const big = h.b.node('Array', 800);
    closureScope.edge(big, 'context', 'big');
    const graph = analyze(h.b.build());
    expect(pathText(graph, retainingPath(graph, big.ordinal))).toBe('(module scope) listeners[] → onData()::big → Array');
  });

  it('reads a Map backing store hop as (entries) and names the node before other internal edges', () => {
    const h = nodeLikeHeap();
    const cache = h.b.node('Map', 16);
    h.scope.edge(cache, 'context', 'cache');
    const table = h.b.node('', 100, { type: 'array' });
    cache.edge(table, 'internal', 'table');
    const value = h.b.node('ChatMessage', 40);
    table.edge(value, 'internal', '7');
    const store = h.b.node('Store', 16);
    h.scope.edge(store, 'context', 'store');
    const elements = h.b.node('', 100, { type: 'array' });
    store.edge(elements, 'internal', 'elements');
    const item = h.b.node('Item', 8);
    elements.edge(item, 'element', 0);
    const graph = analyze(h.b.build());
    expect(pathText(graph, retainingPath(graph, value.ordinal))).toBe('(module scope) cache → Map (entries) → ChatMessage');
    expect(pathText(graph, retainingPath(graph, item.ordinal))).toBe('(module scope) store → Store (internal elements)[] → Item');
  });

  /** A Chromium heap whose root holds only the GC roots: the page's global hangs off its NativeContext. */
  const chromiumGlobal = (nativeContextType: 'hidden' | 'native', origin: string) => {
    const b = new SnapshotBuilder();
    const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic' });
    b.root.edge(gcRoots, 'element', 1);
    const handles = b.node('(Global handles)', 0, { type: 'synthetic' });
    gcRoots.edge(handles, 'element', 10);
    const nativeContext = b.node(`system / NativeContext / ${origin}`, 50, { type: nativeContextType });
    handles.edge(nativeContext, 'internal', '117 / V8PerContextData::context_');
    const win = b.node(`Window [JSGlobalObject] / ${origin}`, 10);
    nativeContext.edge(win, 'internal', 'global_object');
    return { b, handles, win };
  };

  it('stops at a global object reached through its NativeContext when the root has no shortcuts (Chromium)', () => {
    const { b, win } = chromiumGlobal('hidden', 'https://a.test');
    const panel = b.node('Object', 10);
    win.edge(panel, 'property', 'resultsPanel');
    const removed = b.node('Array', 10);
    panel.edge(removed, 'property', 'removedCards');
    const div = b.node('<div class="card">', 10, { type: 'native', detachedness: 2 });
    removed.edge(div, 'element', 13);
    const graph = analyze(b.build());
    expect(pathText(graph, retainingPath(graph, div.ordinal))).toBe('Window.resultsPanel.removedCards[] → Detached <div>');
    expect(pathText(graph, retainingPath(graph, div.ordinal, { allRoots: true }))).toBe(
      '(GC roots)[] → (Global handles) (internal V8PerContextData::context_) → (system) (internal global_object).resultsPanel.removedCards[] → Detached <div>',
    );
  });

  it('starts at the global object of a native NativeContext too (newer Chromium), not at the DevTools console handle', () => {
    const { b, handles, win } = chromiumGlobal('native', '://');
    // The console's handle to the global proxy, as Chromium 156 writes it.
    const proxy = b.node('Window / ://', 10, { type: 'native' });
    handles.edge(proxy, 'internal', 'DevTools console');
    proxy.edge(win, 'shortcut', 'global_object');
    const panel = b.node('Object', 10);
    win.edge(panel, 'property', 'resultsPanel');
    const div = b.node('<div class="card">', 10, { type: 'native', detachedness: 2 });
    panel.edge(div, 'property', 'removed');
    const graph = analyze(b.build());
    expect(pathText(graph, retainingPath(graph, div.ordinal))).toBe('Window.resultsPanel.removed → Detached <div>');
  });

  it('starts browser globals at "Window"', () => {
    const b = new SnapshotBuilder();
    const win = b.node('Window / https://example.com', 10);
    b.root.edge(win, 'shortcut', '1');
    const app = b.node('App', 10);
    win.edge(app, 'property', 'app');
    const graph = analyze(b.build());
    expect(pathText(graph, retainingPath(graph, app.ordinal))).toBe('Window.app → App');
  });
});
