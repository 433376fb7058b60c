// Checks the committed sample series in samples/ against their expected.json with a naive reader
// (gunzip + JSON.parse), independent of @heaptrail/parser, so the samples can serve as an oracle for it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

interface Match {
  type: string;
  name: string;
}

interface Expected {
  scenario: string;
  description: string;
  files: string[];
  sameProcess: boolean;
  grows: { className: string; match: Match; counts: number[]; pathContains: string }[];
  plateaus: string[];
  mustNotReport: string[];
  /** The later series also say what a report must explain (scripts/samples/manifest.mjs). */
  topClass?: string;
  accumulationPoint?: { name: string; kind: string; description: string; holds: number[] };
  topPathWords?: string[];
  counts?: Record<string, number[]>;
  observed?: Record<string, number[]>;
  facts?: Record<string, unknown>;
}

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
    node_count: number;
    edge_count: number;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** The raw JSON plus column offsets and a first-edge index per node ordinal. */
interface Snapshot {
  raw: RawSnapshot;
  nodeCount: number;
  nodeFieldCount: number;
  edgeFieldCount: number;
  typeAt: number;
  nameAt: number;
  idAt: number;
  edgeTypeAt: number;
  edgeNameAt: number;
  edgeToAt: number;
  firstEdge: Uint32Array;
  /** Node ordinals by "type name", built on first use. */
  byTypeAndName?: Map<string, number[]>;
}

const samplesDir = fileURLToPath(new URL('../samples/', import.meta.url));
const scenarioNames = readdirSync(samplesDir).filter((d) => statSync(join(samplesDir, d)).isDirectory());

function readSnapshot(file: string): Snapshot {
  const raw = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as RawSnapshot;
  const meta = raw.snapshot.meta;
  const nodeFieldCount = meta.node_fields.length;
  const nodeCount = raw.nodes.length / nodeFieldCount;
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) firstEdge[i + 1] = firstEdge[i]! + raw.nodes[i * nodeFieldCount + edgeCountAt]!;
  return {
    raw,
    nodeCount,
    nodeFieldCount,
    edgeFieldCount: meta.edge_fields.length,
    typeAt: meta.node_fields.indexOf('type'),
    nameAt: meta.node_fields.indexOf('name'),
    idAt: meta.node_fields.indexOf('id'),
    edgeTypeAt: meta.edge_fields.indexOf('type'),
    edgeNameAt: meta.edge_fields.indexOf('name_or_index'),
    edgeToAt: meta.edge_fields.indexOf('to_node'),
    firstEdge,
  };
}

const nodeField = (s: Snapshot, ordinal: number, at: number) => s.raw.nodes[ordinal * s.nodeFieldCount + at]!;
const nodeTypeName = (s: Snapshot, ordinal: number) => s.raw.snapshot.meta.node_types[0][nodeField(s, ordinal, s.typeAt)];
const nodeId = (s: Snapshot, ordinal: number) => nodeField(s, ordinal, s.idAt);

function findNodes(s: Snapshot, match: Match): number[] {
  if (!s.byTypeAndName) {
    const index = new Map<string, number[]>();
    for (let i = 0; i < s.nodeCount; i++) {
      const key = `${nodeTypeName(s, i)} ${s.raw.strings[nodeField(s, i, s.nameAt)]}`;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    s.byTypeAndName = index;
  }
  return s.byTypeAndName.get(`${match.type} ${match.name}`) ?? [];
}

/** Class name → how to find it: `name()` is a closure, anything else an object (docs/DESIGN.md naming table). */
const matchFor = (className: string): Match =>
  className.endsWith('()') ? { type: 'closure', name: className.slice(0, -2) } : { type: 'object', name: className };

/** docs/DESIGN.md class naming for the node kinds the samples use; native ones here are all detached DOM nodes. */
function classNameOf(match: Match): string {
  if (match.type === 'closure') return `${match.name}()`;
  if (match.type === 'native') return `Detached ${match.name.replace(/^<(\w+)[^>]*>$/, '<$1>')}`;
  return match.name;
}

/** Heap objects get odd ids from a per-process counter; embedder nodes get even, address-derived ids. */
function maxHeapObjectId(s: Snapshot): number {
  let max = 0;
  for (let i = 0; i < s.nodeCount; i++) {
    const id = nodeId(s, i);
    if (id % 2 === 1 && id > max) max = id;
  }
  return max;
}

/**
 * Edge names along the shortest path from the root to each target, by a BFS that, like DevTools, starts from
 * the non-synthetic children of the root and only then from the root, and never follows weak edges.
 */
function shortestPathNames(s: Snapshot, targets: number[]): string[][] {
  const { raw, edgeFieldCount: ef, nodeFieldCount: nf } = s;
  const edgeTypes = raw.snapshot.meta.edge_types[0];
  const weak = edgeTypes.indexOf('weak');
  const parentEdge = new Int32Array(s.nodeCount).fill(-1);
  const parentNode = new Int32Array(s.nodeCount).fill(-1);
  const queue = new Uint32Array(s.nodeCount);
  const seen = new Uint8Array(s.nodeCount);
  let head = 0;
  let tail = 0;
  const reach = (from: number, e: number) => {
    const to = raw.edges[e * ef + s.edgeToAt]! / nf;
    if (seen[to]) return;
    seen[to] = 1;
    parentEdge[to] = e;
    parentNode[to] = from;
    queue[tail++] = to;
  };
  const expand = (from: number) => {
    for (let e = s.firstEdge[from]!; e < s.firstEdge[from + 1]!; e++) {
      if (raw.edges[e * ef + s.edgeTypeAt] !== weak) reach(from, e);
    }
  };
  seen[0] = 1;
  for (let e = s.firstEdge[0]!; e < s.firstEdge[1]!; e++) {
    if (nodeTypeName(s, raw.edges[e * ef + s.edgeToAt]! / nf) !== 'synthetic') reach(0, e);
  }
  while (head < tail) expand(queue[head++]!);
  expand(0);
  while (head < tail) expand(queue[head++]!);
  return targets.map((target) => {
    const names: string[] = [];
    for (let at = target; parentEdge[at]! >= 0; at = parentNode[at]!) {
      const e = parentEdge[at]!;
      const type = edgeTypes[raw.edges[e * ef + s.edgeTypeAt]!];
      const nameOrIndex = raw.edges[e * ef + s.edgeNameAt]!;
      names.push(type === 'element' || type === 'hidden' ? String(nameOrIndex) : raw.strings[nameOrIndex]!);
    }
    return names.reverse();
  });
}

function edgeLabel(s: Snapshot, e: number): string {
  const { raw, edgeFieldCount: ef } = s;
  const type = raw.snapshot.meta.edge_types[0][raw.edges[e * ef + s.edgeTypeAt]!];
  const nameOrIndex = raw.edges[e * ef + s.edgeNameAt]!;
  return type === 'element' || type === 'hidden' ? String(nameOrIndex) : raw.strings[nameOrIndex]!;
}

/** Ordinals that a non-weak edge labelled `label` leads to from `from`, or from any node when `from` is omitted. */
function targetsOf(s: Snapshot, label: string, from?: number): number[] {
  const weak = s.raw.snapshot.meta.edge_types[0].indexOf('weak');
  const out: number[] = [];
  const first = from ?? 0;
  const last = from === undefined ? s.nodeCount - 1 : from;
  for (let e = s.firstEdge[first]!; e < s.firstEdge[last + 1]!; e++) {
    if (s.raw.edges[e * s.edgeFieldCount + s.edgeTypeAt] !== weak && edgeLabel(s, e) === label) {
      out.push(s.raw.edges[e * s.edgeFieldCount + s.edgeToAt]! / s.nodeFieldCount);
    }
  }
  return out;
}

/** Which nodes the root still reaches over non-weak edges once `removed` is gone. */
function reachableWithout(s: Snapshot, removed: number): Uint8Array {
  const { raw, edgeFieldCount: ef, nodeFieldCount: nf } = s;
  const weak = raw.snapshot.meta.edge_types[0].indexOf('weak');
  const seen = new Uint8Array(s.nodeCount);
  const stack = new Uint32Array(s.nodeCount);
  let top = 0;
  seen[0] = 1;
  seen[removed] = 1;
  stack[top++] = 0;
  while (top > 0) {
    const from = stack[--top]!;
    for (let e = s.firstEdge[from]!; e < s.firstEdge[from + 1]!; e++) {
      const to = raw.edges[e * ef + s.edgeToAt]! / nf;
      if (raw.edges[e * ef + s.edgeTypeAt] === weak || seen[to]) continue;
      seen[to] = 1;
      stack[top++] = to;
    }
  }
  seen[removed] = 0;
  return seen;
}

const growsInEveryInterval = (counts: number[]) => counts.every((c, i) => i === 0 || c > counts[i - 1]!);

it('samples/ holds the Node scenario series', () => {
  const names = ['agent-history', 'embedding-cache', 'knowledge-graph', 'listeners', 'closure-context', 'control', 'cross-process'];
  names.push('timers', 'closure-chain', 'listener-warning', 'near-heap-limit', 'suspended-promise', 'node-modules-lib', 'string-service');
  for (const name of names) {
    expect(scenarioNames).toContain(name);
  }
});

describe.each(scenarioNames)('sample series %s', (name) => {
  const dir = join(samplesDir, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  let snapshots: Snapshot[] = [];

  beforeAll(() => {
    snapshots = expected.files.map((f) => readSnapshot(join(dir, f)));
  });

  // A post-mortem (one snapshot V8 wrote near the heap limit) has no intervals; every other series has four.
  const postMortem = expected.files.length === 1;

  it('names itself and lists its gzipped snapshot files (four, or one for a post-mortem), which exist', () => {
    expect(expected.scenario).toBe(name);
    expect(expected.description.length).toBeGreaterThan(20);
    const four = ['s1.heapsnapshot.gz', 's2.heapsnapshot.gz', 's3.heapsnapshot.gz', 's4.heapsnapshot.gz'];
    expect(expected.files).toEqual(postMortem ? four.slice(0, 1) : four);
    if (postMortem) expect(expected.grows).toEqual([]);
    for (const f of expected.files) expect(existsSync(join(dir, f))).toBe(true);
  });

  it('has snapshots that are well-formed V8 heap snapshots', () => {
    for (const s of snapshots) {
      const { snapshot: header, nodes, edges, strings } = s.raw;
      expect(header.meta.node_fields).toEqual(expect.arrayContaining(['type', 'name', 'id', 'self_size', 'edge_count']));
      expect(header.meta.edge_fields).toEqual(['type', 'name_or_index', 'to_node']);
      expect(nodes.length).toBe(header.node_count * s.nodeFieldCount);
      expect(edges.length).toBe(header.edge_count * s.edgeFieldCount);
      expect(s.firstEdge[s.nodeCount]).toBe(header.edge_count);
      expect(nodeTypeName(s, 0)).toBe('synthetic');
      let badNames = 0;
      for (let i = 0; i < s.nodeCount; i++) if (nodeField(s, i, s.nameAt) >= strings.length) badNames++;
      expect(badNames).toBe(0);
      let badTargets = 0;
      for (let e = 0; e < header.edge_count; e++) {
        const to = edges[e * s.edgeFieldCount + s.edgeToAt]!;
        if (to % s.nodeFieldCount !== 0 || to >= nodes.length) badTargets++;
      }
      expect(badTargets).toBe(0);
    }
  });

  const withGrowth = expected.grows.length > 0;

  it.runIf(withGrowth)('holds exactly the listed live instances of each growing class, more in every interval', () => {
    for (const grow of expected.grows) {
      expect(grow.className).toBe(classNameOf(grow.match));
      if (grow.match.type === 'native') {
        // DOM nodes: the class name promises they are detached, so the embedder must have said so.
        const detachedAt = snapshots[0]!.raw.snapshot.meta.node_fields.indexOf('detachedness');
        for (const s of snapshots) {
          for (const o of findNodes(s, grow.match)) expect(nodeField(s, o, detachedAt)).toBe(2);
        }
      }
      expect(snapshots.map((s) => findNodes(s, grow.match).length)).toEqual(grow.counts);
      expect(growsInEveryInterval(grow.counts)).toBe(true);
    }
  });

  it('contains its plateau and must-not-report classes, none of which grows in every interval', () => {
    expect(expected.mustNotReport.length).toBeGreaterThan(0);
    for (const className of new Set([...expected.plateaus, ...expected.mustNotReport])) {
      const counts = snapshots.map((s) => findNodes(s, matchFor(className)).length);
      expect(counts.every((c) => c > 0), `${className} ${counts.join(',')}`).toBe(true);
      if (!postMortem) expect(growsInEveryInterval(counts), `${className} ${counts.join(',')}`).toBe(false);
    }
    for (const className of expected.plateaus) {
      const counts = snapshots.map((s) => findNodes(s, matchFor(className)).length);
      expect(counts.at(-1), className).toBe(counts[1]);
    }
  });

  const explains = expected.topClass !== undefined;

  it.runIf(explains)('holds exactly the counts the program recorded, and the observed counts of Node\'s own classes', () => {
    const all = { ...expected.counts, ...expected.observed };
    expect(Object.keys(all)).toContain(expected.topClass);
    for (const [className, counts] of Object.entries(all)) {
      expect(snapshots.map((s) => findNodes(s, matchFor(className)).length), className).toEqual(counts);
    }
    for (const grow of expected.grows) expect(expected.counts![grow.className]).toEqual(grow.counts);
    if (!postMortem) expect(expected.grows.map((g) => g.className)).toContain(expected.topClass);
  });

  it.runIf(explains)('has the accumulation point: an edge of that name to that kind, holding the recorded top-class instances', () => {
    const point = expected.accumulationPoint!;
    expect(point.description.length).toBeGreaterThan(10);
    snapshots.forEach((s, i) => {
      const candidates = targetsOf(s, point.name).filter(
        (o) => nodeTypeName(s, o) === 'object' && s.raw.strings[nodeField(s, o, s.nameAt)] === point.kind,
      );
      expect(candidates.length, `s${i + 1}: ${point.name} → ${point.kind}`).toBeGreaterThan(0);
      // Several edges may carry the name (a chain has one per link): the point is the one closest to the roots.
      const depths = shortestPathNames(s, candidates).map((names) => (names.length === 0 ? Infinity : names.length));
      const closest = candidates[depths.indexOf(Math.min(...depths))]!;
      const still = reachableWithout(s, closest);
      const top = findNodes(s, matchFor(expected.topClass!));
      const holds = top.filter((o) => !still[o]).length;
      expect(holds, `s${i + 1}: ${point.name} → ${point.kind}`).toBe(point.holds[i]);
      expect(holds).toBeGreaterThan(top.length / 2);
    });
  });

  it.runIf(explains)('names every top-path word somewhere in each snapshot', () => {
    expect(expected.topPathWords!.length).toBeGreaterThan(0);
    for (const s of snapshots) {
      const words = new Set(s.raw.strings);
      for (const word of expected.topPathWords!) expect(words.has(word) || /^\d+$/.test(word), word).toBe(true);
    }
  });

  const facts = expected.facts ?? {};

  it.runIf('pendingWarning' in facts)('keeps the MaxListenersExceededWarning, holding the bus, pending in the nextTick queue', () => {
    const fact = facts.pendingWarning as { name: string; path: string[] };
    for (const s of snapshots) {
      const warnings = findNodes(s, matchFor('Error')).filter((o) =>
        targetsOf(s, 'name', o).some((n) => s.raw.strings[nodeField(s, n, s.nameAt)] === fact.name));
      expect(warnings).toHaveLength(1);
      expect(targetsOf(s, 'emitter', warnings[0]!)).toEqual(targetsOf(s, 'bus'));
      expect(shortestPathNames(s, warnings)[0]).toEqual(fact.path);
    }
  });

  it.runIf('leakedBlobsHeldByStackRoots' in facts)('holds a few LeakedBlob objects straight from (Stack roots), the rest through retained', () => {
    const s = snapshots[0]!;
    const stackRoots = findNodes(s, { type: 'synthetic', name: '(Stack roots)' });
    expect(stackRoots).toHaveLength(1);
    const blobs = new Set(findNodes(s, matchFor('LeakedBlob')));
    const { firstEdge, raw, edgeFieldCount: ef, nodeFieldCount: nf } = s;
    const onStack = new Set<number>();
    for (let e = firstEdge[stackRoots[0]!]!; e < firstEdge[stackRoots[0]! + 1]!; e++) {
      const to = raw.edges[e * ef + s.edgeToAt]! / nf;
      if (blobs.has(to)) onStack.add(to);
    }
    expect(onStack.size).toBe(facts.leakedBlobsHeldByStackRoots);
    const viaRetained = shortestPathNames(s, [...blobs]).filter((names) => names.includes('retained')).length;
    expect(viaRetained).toBe(facts.shortestPathNamesRetained);
    expect(viaRetained).toBe(blobs.size - onStack.size);
  });

  it.runIf('libraryScript' in facts)('names the library file under node_modules as the script of its Histogram constructor', () => {
    const s = snapshots.at(-1)!;
    const scripts = findNodes(s, { type: 'closure', name: 'Histogram' })
      .flatMap((ctor) => targetsOf(s, 'shared', ctor))
      .flatMap((shared) => targetsOf(s, 'script_or_debug_info', shared))
      .map((script) => s.raw.strings[nodeField(s, script, s.nameAt)]!);
    expect(scripts.some((name) => name.endsWith(`/${facts.libraryScript as string}`)), scripts.join(', ')).toBe(true);
  });

  it.runIf('longestShortestPathEdges' in facts)('reaches the oldest link of the chain only by a path thousands of edges long', () => {
    const s = snapshots.at(-1)!;
    const lengths = shortestPathNames(s, findNodes(s, matchFor(expected.topClass!))).map((names) => names.length);
    expect(Math.max(...lengths)).toBe(facts.longestShortestPathEdges);
    expect(Math.max(...lengths)).toBeGreaterThan(3 * expected.counts![expected.topClass!]!.at(-1)!);
  });

  it.runIf(withGrowth)('reaches every new instance of a growing class by a shortest path through the named variable or property', () => {
    snapshots.forEach((s, i) => {
      const previous = i > 0 ? snapshots[i - 1]! : undefined;
      for (const grow of expected.grows) {
        const before = new Set(previous ? findNodes(previous, grow.match).map((o) => nodeId(previous, o)) : []);
        const fresh = findNodes(s, grow.match).filter((o) => !before.has(nodeId(s, o)));
        expect(fresh.length).toBeGreaterThan(0);
        const missing = shortestPathNames(s, fresh).filter((names) => !names.includes(grow.pathContains));
        expect(missing.slice(0, 1), `s${i + 1} ${grow.className}`).toEqual([]);
      }
    });
  });

  // Same process: V8's object ids survive between snapshots and new objects get larger ids.
  // Separate processes: every process numbers its objects from scratch, so neither holds.
  it.runIf(withGrowth)(
    expected.sameProcess
      ? 'keeps the ids of surviving instances and gives new ones ids above the previous snapshot'
      : 'shows unrelated object ids, as separate processes do',
    () => {
      for (const grow of expected.grows) {
        for (let i = 1; i < snapshots.length; i++) {
          const previous = snapshots[i - 1]!;
          const current = snapshots[i]!;
          const before = new Set(findNodes(previous, grow.match).map((o) => nodeId(previous, o)));
          const now = new Set(findNodes(current, grow.match).map((o) => nodeId(current, o)));
          const survivors = [...before].filter((id) => now.has(id)).length;
          const previousMax = maxHeapObjectId(previous);
          const fresh = [...now].filter((id) => !before.has(id));
          const freshAbove = fresh.filter((id) => id > previousMax).length;
          const stable = survivors === before.size && freshAbove === fresh.length;
          expect(stable, `${grow.className} s${i}→s${i + 1}: ${survivors}/${before.size} kept, ${freshAbove}/${fresh.length} above`).toBe(
            expected.sameProcess,
          );
        }
      }
    },
  );
});
