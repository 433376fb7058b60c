// Where things live, on real V8 snapshots: module scopes named by their script, closures
// and classes by their source location, the values that identify a step, and the path
// choice on the leak kinds of samples/ (the series that exist in this checkout).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '@heaptrail/parser';
import { analyze } from '../src/analyze.js';
import { groupRetainingPaths } from '../src/path-groups.js';
import { retainingPath } from '../src/paths.js';
import { scriptIndex } from '../src/scripts.js';
import type { HeapGraph } from '../src/types.js';

const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const graphs = new Map<string, Promise<HeapGraph>>();
const load = (file: string): Promise<HeapGraph> => {
  let g = graphs.get(file);
  if (!g) graphs.set(file, (g = readSnapshot(samples + file).then((s) => analyze(s))));
  return g;
};

function instances(graph: HeapGraph, className: string): number[] {
  const c = graph.classNames.indexOf(className);
  const out: number[] = [];
  for (let i = 0; i < graph.nodeCount; i++) if (graph.classOf[i] === c && graph.selfSize[i]! > 0) out.push(i);
  return out;
}

/** Every script a closure of the graph comes from, as paths show it. */
function scriptNames(graph: HeapGraph): Set<string> {
  const scripts = scriptIndex(graph);
  const names = new Set<string>();
  for (let v = 0; v < graph.nodeCount; v++) {
    const raw = scripts.closureScript(v);
    if (raw !== undefined) names.add(scripts.displayName(raw));
  }
  return names;
}

async function topGroup(file: string, className: string) {
  const graph = await load(file);
  return groupRetainingPaths(graph, instances(graph, className), { limit: 3 })[0]!;
}

describe('names and locations on real samples', () => {
  it('names the module scope by its script and the listener by its source line (listeners)', async () => {
    const g = await topGroup('listeners/s4.heapsnapshot.gz', 'RequestContext');
    expect(g.count).toBe(600);
    expect(g.text).toBe('(module scope of scenarios/listeners.mjs) gateway.emitter._events.data[] → onRequestData()::ctx → RequestContext');
    expect(g.steps[0]!.scope).toEqual({ kind: 'module', script: 'scenarios/listeners.mjs' });
    const listener = g.steps.find((s) => s.className === 'onRequestData()')!;
    // `gateway.emitter.on('data', function onRequestData(chunk) {` on line 58: the `(` is column 52.
    expect(listener.location).toEqual({ script: 'scenarios/listeners.mjs', line: 58, column: 52 });
    const own = g.steps[g.steps.indexOf(listener) + 1]!;
    expect(own.scope).toEqual({ kind: 'function', function: 'onRequestData()', script: 'scenarios/listeners.mjs' });
    expect(g.signature).toBe(
      '(module scope of scenarios/listeners.mjs) ::gateway→Object .emitter→EventEmitter ._events→Object .data→Array []→onRequestData() (internal context)→system / Context ::ctx→RequestContext',
    );
    expect(g.internalSteps).toBe(0);
  });

  it('names the closure that holds the captured array (closure-context)', async () => {
    const g = await topGroup('closure-context/s4.heapsnapshot.gz', 'Visit');
    expect(g.text).toBe('(module scope of scenarios/closure-context.mjs) crawler.recordVisit → recordVisit()::seen[] → Visit');
    const closure = g.steps.find((s) => s.className === 'recordVisit()')!;
    expect(closure.location).toMatchObject({ script: 'scenarios/closure-context.mjs', line: 39 });
  });

  it('places a bound function where the function it calls is (timers)', async () => {
    const g = await topGroup('timers/s4.heapsnapshot.gz', 'Poller');
    const bound = g.steps.find((s) => s.edge === '._onTimeout')!;
    expect(bound.name).toBe('poll() (bound)');
    // `poll() {` on line 46 of the scenario, the method that `this.poll.bind(this)` calls.
    expect(bound.location).toMatchObject({ script: 'scenarios/timers.mjs', line: 46 });
  });

  it('resolves every closure row of `locations` to a script, with user scripts relative to their common directory', async () => {
    const seen = scriptNames(await load('listeners/s4.heapsnapshot.gz'));
    expect(seen.has('scenarios/listeners.mjs')).toBe(true);
    expect(seen.has('node:events')).toBe(true);
    expect([...seen].some((s) => s.startsWith('/') || s.startsWith('file:'))).toBe(false);
  });

  it('shows the key of a Map entry (embedding-cache)', async () => {
    const g = await topGroup('embedding-cache/s4.heapsnapshot.gz', 'EmbeddingEntry');
    expect(g.text).toMatch(/^\(module scope of scenarios\/embedding-cache\.mjs\) embedder\.cache\["[0-9a-f]+:\d+"\] → EmbeddingEntry$/);
    expect(g.signature).not.toMatch(/\d{3}/);
  });

  it('gives the same signature for the same shape in every snapshot of a series', async () => {
    const sigs = new Set<string>();
    for (const s of ['s2', 's3', 's4']) sigs.add((await topGroup(`agent-history/${s}.heapsnapshot.gz`, 'ChatMessage')).signature);
    expect(sigs.size).toBe(1);
  });
});

// The leak kinds of the path issue; their series are added to samples/ separately.
const series = (name: string) => existsSync(`${samples}${name}`);

describe.runIf(series('timers'))('timers never cleared', () => {
  it('is one line through the timer list, folded, with the range of the run', async () => {
    const g = await topGroup('timers/s4.heapsnapshot.gz', 'Poller');
    expect(g.count).toBe(600);
    expect(g.text).toBe('(module scope of node:internal/timers) timerListMap[60000] → TimersList (._idleNext)×1–600 → Timeout._onTimeout → poll() (bound)::this → Poller');
    expect(g.repeats).toEqual([{ min: 1, max: 600 }]);
  });
});

describe.runIf(series('closure-chain'))('closure chain', () => {
  it('is one group of all instances along the shared context, repeat count shown', async () => {
    const g = await topGroup('closure-chain/s4.heapsnapshot.gz', 'LeakyThing');
    expect(g.count).toBe(1200);
    expect(g.text).toBe('(module scope of scenarios/closure-chain.mjs) theThing → LeakyThing (.someMethod → someMethod()::originalThing)×0–1199 → LeakyThing');
  });
});

describe.runIf(series('listener-warning'))('listener past the warning', () => {
  it("goes through the user's variable, not the pending warning in the nextTick queue", async () => {
    const g = await topGroup('listener-warning/s4.heapsnapshot.gz', 'onData()');
    expect(g.text).toBe('(module scope of scenarios/listener-warning.mjs) bus._events.data[] → onData()');
  });
});

describe.runIf(series('near-heap-limit'))('post-mortem near the heap limit', () => {
  it('goes through the module array, not the stack roots', async () => {
    const g = await topGroup('near-heap-limit/s1.heapsnapshot.gz', 'LeakedBlob');
    expect(g.text).toBe('(module scope of scenarios/near-heap-limit.mjs) retained[] → LeakedBlob');
    const graph = await load('near-heap-limit/s1.heapsnapshot.gz');
    const stackOnly = groupRetainingPaths(graph, instances(graph, 'LeakedBlob')).find((x) => x.text.startsWith('(GC roots)'));
    if (stackOnly) expect(stackOnly.text).toBe('(GC roots)[] → (Stack roots) (internal []) → LeakedBlob');
  });
});

describe.runIf(series('suspended-promise'))('requests awaiting a lock', () => {
  it('starts at the lock and names the suspended function, its await machinery folded', async () => {
    const g = await topGroup('suspended-promise/s4.heapsnapshot.gz', 'RequestState');
    expect(g.text).toBe('(module scope of scenarios/suspended-promise.mjs) lock.waiters[] → resolve() → … → handleRequest() (suspended at await)::(local) → RequestState');
  });
});

describe.runIf(series('node-modules-lib'))('a leak inside a library', () => {
  it('names scripts under node_modules from node_modules on', async () => {
    const names = scriptNames(await load('node-modules-lib/s4.heapsnapshot.gz'));
    expect(names.has('node_modules/metrics-lite/index.js')).toBe(true);
    const g = await topGroup('node-modules-lib/s4.heapsnapshot.gz', 'Histogram');
    expect(g.text).toMatch(/^\(module scope of (scenarios\/node-modules-lib\.mjs|node_modules\/metrics-lite\/index\.js)\) registry\.histograms\["/);
  });
});

describe.runIf(series('string-service'))('a service holding strings', () => {
  it('shows the strings the leak holds with their first characters, parts folded into their string', async () => {
    const graph = await load('string-service/s4.heapsnapshot.gz');
    const groups = groupRetainingPaths(graph, instances(graph, '(string)'), { limit: 20 });
    const route = groups.find((g) => g.text.includes('.route → '))!;
    expect(route.count).toBe(4000);
    expect(route.stringParts).toBeGreaterThan(0);
    expect(route.text).toMatch(/^\(module scope of scenarios\/string-service\.mjs\) sessionsById\["c-\d+"\]\.route → "\/users\//);
    expect(groups.some((g) => / \(internal (first|second|parent)\)/.test(g.text) && g.retainedSize === 0 && g.count >= 100)).toBe(false);
    const first = retainingPath(graph, route.exampleOrdinal);
    expect(first.at(-1)!.value).toMatch(/^"\/users\//);
  });
});
