import { analyze, classSummary, dominatorTree, groupRetainingPaths, pathText, retainingPath } from '@heaptrail/graph';
import { SnapshotBuilder } from '@heaptrail/parser/builder';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PATH_CHOICE } from '@heaptrail/diff';
import { describeBudget } from '../src/budgets.js';
import { dominatorsJson, renderDominatorsText } from '../src/dominators.js';
import { describeSnapshot, renderInfoText } from '../src/info.js';
import { classPathsJson, objectPathJson, renderClassPathsText, renderObjectPathText } from '../src/paths.js';
import { pointShape } from '../src/lead.js';
import { renderDiff } from '../src/render-diff.js';
import { renderSummaryText, summaryJson, suspectSentence } from '../src/summary.js';
import { leakyResult } from './fixtures.js';

/** A global holding 3 Sessions, each with a 100-byte Payload; a Config on the side. */
function graph() {
  const b = new SnapshotBuilder();
  const global = b.node('Window / global', 10, { type: 'object' });
  b.root.edge(global, 'element', 1);
  const sessions = b.node('Array', 16, { type: 'object' });
  global.edge(sessions, 'property', 'sessions');
  for (let i = 0; i < 3; i++) {
    const s = b.node('Session', 40, { type: 'object' });
    sessions.edge(s, 'element', i);
    s.edge(b.node('Payload', 100, { type: 'object' }), 'property', 'payload');
  }
  global.edge(b.node('Config', 8, { type: 'object' }), 'property', 'config');
  return analyze(b.build());
}

describe('summary', () => {
  const g = graph();
  const table = { file: 'app.heapsnapshot', nodeCount: g.nodeCount, totalSize: g.totalSize, classes: classSummary(g), top: 2, filtered: false };

  it('JSON gives the shown rows with their share of the heap, and counts every class', () => {
    const json = summaryJson(table);
    expect(Object.keys(json)).toEqual(['schema', 'file', 'nodeCount', 'totalSize', 'classCount', 'classes']);
    // Looked for and none found: null, last.
    expect(Object.keys(summaryJson({ ...table, suspect: null })).at(-1)).toBe('suspect');
    expect(summaryJson({ ...table, suspect: null }).suspect).toBeNull();
    expect(json.classCount).toBe(table.classes.length);
    expect(json.classes).toHaveLength(2);
    expect(json.classes[0]).toMatchObject({ className: 'Window / global', retainedShare: json.classes[0]!.retainedSize / g.totalSize });
  });

  it('leads with the suspect when there is one, in the text and the JSON', () => {
    const point = { path: '(module scope of app.mjs) retained → Array', className: 'Array', nodeId: 9, kind: 'Array' as const, sizes: [4_166], holds: 4_165, of: 4_167 };
    const suspect = { className: 'LeakedBlob', count: 4_167, retainedSize: 17_600_000, retainedShare: 0.844, accumulationPoint: point };
    const withSuspect = { ...table, totalSize: 20_850_000, suspect };
    expect(suspectSentence(suspect, 20_850_000)).toBe('4,167 LeakedBlob retain 17.6 MB (84.4% of the heap), 4,165 of them in (module scope of app.mjs) retained (Array, 4,166 elements)');
    const lines = renderSummaryText(withSuspect).split('\n');
    expect(lines[0]).toBe(`heaptrail: suspect: ${suspectSentence(suspect, 20_850_000)}`);
    expect(lines[1]).toMatch(/^app\.heapsnapshot: /);
    expect(summaryJson(withSuspect).suspect).toEqual(suspect);
    // On a terminal of 60 columns the sentence wraps at spaces, no word lost; the table is as before.
    const narrow = renderSummaryText(withSuspect, 60).split('\n');
    const head = narrow.slice(0, narrow.findIndex((l) => l.startsWith('app.heapsnapshot: ')));
    expect(head.length).toBeGreaterThan(1);
    for (const line of head) expect(line.length).toBeLessThanOrEqual(60);
    expect(head.map((l, i) => (i === 0 ? l : l.slice(2))).join(' ')).toBe(lines[0]);
    expect(narrow.slice(head.length)).toEqual(lines.slice(1));
    // Piling up in Node's timer list: the timers' words, not the runtime's module scope.
    const list = { path: '(module scope of node:internal/timers) timerListMap[60000] → TimersList', className: 'TimersList', nodeId: 5, kind: null, sizes: null, holds: 4_000, of: 4_167 };
    expect(suspectSentence({ ...suspect, accumulationPoint: list }, 20_850_000)).toBe(
      "4,167 LeakedBlob retain 17.6 MB (84.4% of the heap), 4,000 of them in pending 60000 ms timers (Node's timerListMap[60000])",
    );
    // Without a point, the class and its share alone.
    expect(suspectSentence({ ...suspect, accumulationPoint: null }, 20_850_000)).toBe('4,167 LeakedBlob retain 17.6 MB (84.4% of the heap)');
  });

  it('text heads the table with the file and says how many rows are left out', () => {
    const text = renderSummaryText(table);
    expect(text.split('\n')[0]).toBe(`app.heapsnapshot: ${g.nodeCount} nodes, ${g.totalSize} B total, ${table.classes.length} classes`);
    expect(text).toMatch(/^Class\s+Count\s+Shallow\s+Retained\s+%$/m);
    expect(text).toContain(`… ${table.classes.length - 2} more classes (--top 0 shows all)`);
    expect(renderSummaryText({ ...table, top: 0 })).not.toContain('more classes');
  });
});

describe('dominators', () => {
  const g = graph();
  const view = { file: 'app.heapsnapshot', nodeCount: g.nodeCount, totalSize: g.totalSize, tree: dominatorTree(g, { depth: 2, top: 1 }) };

  it('JSON keeps the tree with a fixed key order and no ordinals', () => {
    const json = dominatorsJson(view);
    expect(Object.keys(json.tree)).toEqual(['id', 'className', 'name', 'selfSize', 'retainedSize', 'otherCount', 'otherSize', 'children']);
    expect(json.tree.retainedSize).toBe(g.totalSize);
    expect(json.tree.children[0]!.className).toBe('Window / global');
  });

  it('text indents by level, names the root and sums what --top leaves out', () => {
    const lines = renderDominatorsText(view).split('\n');
    expect(lines[2]).toBe('Retained  % of heap  Object');
    expect(lines[3]).toMatch(/100\.0%\s+\(root\)$/);
    expect(lines[4]).toMatch(/ {2}Window \/ global @\d+$/);
    expect(lines.some((l) => / {4}… \d+ more$/.test(l))).toBe(true);
  });
});

describe('paths', () => {
  const g = graph();
  const session = g.classNames.indexOf('Session');
  const targets = [...g.classOf.keys()].filter((i) => g.classOf[i] === session);

  it('groups a class by shape, in JSON as in diff results, and in a table', () => {
    const groups = groupRetainingPaths(g, targets, { limit: 10 });
    const view = { file: 'app', className: 'Session', objectCount: targets.length, allRoots: false, pathChoice: DEFAULT_PATH_CHOICE, groups, moreGroups: false };
    const json = classPathsJson(view);
    expect(json.groups[0]).toMatchObject({ count: 3, text: expect.stringContaining('sessions') });
    expect(Object.keys(json.groups[0]!)).toEqual(['count', 'retainedSize', 'exampleId', 'text', 'signature', 'repeats', 'stringParts', 'internalSteps', 'steps']);
    const text = renderClassPathsText(view);
    expect(text.split('\n')[0]).toBe('Session: 3 objects');
    expect(text).toMatch(/^\s+3\s+\d+ B\s+.*sessions.*@\d+$/m);
    expect(renderClassPathsText({ ...view, moreGroups: true })).toContain('raise --limit');
    expect(renderClassPathsText({ ...view, pathChoice: { order: 'preferred', avoid: ['Array', '/^x/'] } }).split('\n')[0]).toBe('Session: 3 objects; paths avoid Array, /^x/');
    expect(classPathsJson({ ...view, pathChoice: { order: 'shortest', avoid: [] } }).pathChoice).toEqual({ order: 'shortest', avoid: [] });
  });

  it('shows one object step by step', () => {
    const steps = retainingPath(g, targets[0]!, {});
    const view = { file: 'app', id: g.snapshot.nodes.id[targets[0]!]!, className: 'Session', retainedSize: g.retainedSize[targets[0]!]!, allRoots: false, pathChoice: DEFAULT_PATH_CHOICE, text: pathText(g, steps), steps };
    expect(objectPathJson(view)).toMatchObject({ schema: 'heaptrail.paths/1', className: 'Session', retainedSize: 140 });
    const text = renderObjectPathText(view);
    expect(text.split('\n')[0]).toBe(`@${view.id} Session, retains 140 B`);
    expect(text).toMatch(/^Edge\s+Object$/m);
  });
});

describe('info', () => {
  it('histograms node types by self size and names the layout', () => {
    const g = graph();
    const info = describeSnapshot('app.heapsnapshot', g.snapshot, 1234, 12.5);
    expect(info.nodeTypes[0]).toEqual({ type: 'object', count: 9, selfSize: 10 + 16 + 3 * 140 + 8 });
    expect(info.totalSelfSize).toBe(g.totalSize);
    const text = renderInfoText(info);
    expect(text).toMatch(/^file: +app\.heapsnapshot \(1\.23 kB\)$/m);
    expect(text).toMatch(/^nodes: +\d+$/m);
    expect(text).toMatch(/^Node type\s+Count\s+Self size\s+%$/m);
  });
});

describe('budgets and formats', () => {
  it('words each failed budget by the option that sets it', () => {
    const classes = ['A', 'B', 'C', 'D'];
    expect(describeBudget({ budget: 'failOnGrowth', limit: null, actual: 4, classes })).toBe('--fail-on-growth: 4 growing classes (A, B, C, …)');
    expect(describeBudget({ budget: 'maxGrowthBytes', limit: 10, actual: 99, classes })).toBe('--max-growth-bytes 10: retained size of growing classes grew by 99 bytes');
    expect(describeBudget({ budget: 'maxGrowingClasses', limit: 1, actual: 4, classes })).toBe('--max-growing-classes 1: 4 classes grew');
  });

  it('shows an accumulation point\'s first and last size, leaving out a first size that is unknown', () => {
    const point = { path: 'p → Map', className: 'Map', nodeId: 1, kind: 'Map' as const, sizes: [12, 300, 4_012], holds: 1, of: 1 };
    expect(pointShape(point)).toBe('Map, 12 → 4,012 entries');
    expect(pointShape({ ...point, sizes: [null, 450, 600] })).toBe('Map, 600 entries');
    expect(pointShape({ ...point, kind: null, sizes: null })).toBe('Map');
  });

  it('renders the diff in each format by name', () => {
    const r = leakyResult();
    expect(JSON.parse(renderDiff(r, 'json'))).toMatchObject({ schema: 'heaptrail.diff/2' });
    expect(renderDiff(r, 'markdown')).toMatch(/^### /);
    expect(renderDiff(r, 'text')).toMatch(/^heaptrail: /);
    expect(renderDiff(r, 'text', { color: false, quiet: true })).not.toContain('--include-internals');
    expect(renderDiff(r, 'text')).toContain('--include-internals');
  });
});
