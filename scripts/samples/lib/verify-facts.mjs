// Checks what the later series promise a report can explain: which collection holds the top class, that the words
// a person would look for exist, and a few facts per series about how V8 shows the leak. Returns the numbers it
// measured so the generator can write them into expected.json.
import { edgeLabel, findNodes, nodeName, nodeType, readSnapshot, shortestPaths } from './read-snapshot.mjs';
import { matchFor } from '../manifest.mjs';

function edgeAt(s, e) {
  return {
    type: s.edgeTypes[s.raw.edges[e * s.ef + s.edgeTypeAt]],
    label: edgeLabel(s, e),
    to: s.raw.edges[e * s.ef + s.edgeToAt] / s.nf,
  };
}

/** Targets of the non-weak edges labelled `label` from `from`. */
function follow(s, from, label) {
  const out = [];
  for (let e = s.firstEdge[from]; e < s.firstEdge[from + 1]; e++) {
    const edge = edgeAt(s, e);
    if (edge.type !== 'weak' && edge.label === label) out.push(edge.to);
  }
  return out;
}

/** Nodes reachable from the root over non-weak edges when `removed` is taken out of the graph. */
function reachableWithout(s, removed) {
  const seen = new Uint8Array(s.nodeCount);
  const stack = new Uint32Array(s.nodeCount);
  let top = 0;
  seen[0] = 1;
  seen[removed] = 1;
  stack[top++] = 0;
  while (top > 0) {
    const from = stack[--top];
    for (let e = s.firstEdge[from]; e < s.firstEdge[from + 1]; e++) {
      if (s.edgeTypes[s.raw.edges[e * s.ef + s.edgeTypeAt]] === 'weak') continue;
      const to = s.raw.edges[e * s.ef + s.edgeToAt] / s.nf;
      if (!seen[to]) {
        seen[to] = 1;
        stack[top++] = to;
      }
    }
  }
  seen[removed] = 0;
  return seen;
}

/**
 * The accumulation point in one snapshot: of the objects of class `kind` that an edge `name` points to, the one
 * closest to the roots, and how many top-class instances become unreachable without it (the ones it holds).
 */
function measureAccumulationPoint(s, paths, point, topOrdinals) {
  let best = -1;
  let bestDepth = Infinity;
  for (let from = 0; from < s.nodeCount; from++) {
    for (const to of follow(s, from, point.name)) {
      if (nodeType(s, to) !== 'object' || nodeName(s, to) !== point.kind || !paths.reachable(to)) continue;
      const depth = paths.pathTo(to).length;
      if (depth < bestDepth) {
        best = to;
        bestDepth = depth;
      }
    }
  }
  if (best < 0) return { found: false, holds: 0 };
  const still = reachableWithout(s, best);
  return { found: true, holds: topOrdinals.filter((o) => !still[o]).length, path: paths.pathTo(best) };
}

function hasEdgeTo(s, label, target) {
  for (let from = 0; from < s.nodeCount; from++) if (follow(s, from, label).includes(target)) return true;
  return false;
}

/** Every label and class name in the snapshot, to check that the words a report should use exist at all. */
function hasWord(s, word) {
  if (s.raw.strings.includes(word)) return true;
  return /^\d+$/.test(word);
}

/** Facts that only one series shows; each returns a small JSON value for expected.json or throws. */
const seriesFacts = {
  timers(s, fail) {
    // The bound callback: V8 11 names every bound function "native_bind"; bound_this is the receiver and
    // bound_function the method, so `poll` is one step off the path to the Poller.
    const pollers = new Set(findNodes(s, matchFor('Poller')));
    let bound = 0;
    let toPoll = 0;
    for (const t of findNodes(s, matchFor('Timeout'))) {
      for (const cb of follow(s, t, '_onTimeout')) {
        if (nodeType(s, cb) !== 'closure' || !follow(s, cb, 'bound_this').some((p) => pollers.has(p))) continue;
        bound++;
        if (follow(s, cb, 'bound_function').some((f) => nodeType(s, f) === 'closure' && nodeName(s, f) === 'poll')) toPoll++;
        if (nodeName(s, cb) !== 'native_bind') fail(`a bound callback is named ${nodeName(s, cb)}`);
      }
    }
    if (bound !== pollers.size || toPoll !== bound) fail(`${bound} of ${pollers.size} Pollers are a Timeout's _onTimeout bound_this, ${toPoll} bound to poll`);
    return { onTimeoutClosureName: 'native_bind', receiverEdge: 'bound_this', methodEdge: 'bound_function', method: 'poll', viaOnTimeout: bound };
  },
  'closure-chain'(s, fail, paths) {
    // The shared context: every someMethod closure's context carries originalThing, which only `unused` reads.
    const methods = findNodes(s, matchFor('someMethod()'));
    const sharing = methods.filter((m) => follow(s, m, 'context').some((c) => follow(s, c, 'originalThing').length > 0)).length;
    if (sharing !== methods.length) fail(`${sharing} of ${methods.length} someMethod contexts hold originalThing`);
    let deepest = 0;
    for (const o of findNodes(s, matchFor('LeakyThing'))) deepest = Math.max(deepest, paths.pathTo(o).length);
    return { contextVariable: 'originalThing', someMethodContextsWithOriginalThing: sharing, longestShortestPathEdges: deepest };
  },
  'listener-warning'(s, fail, paths) {
    const warnings = findNodes(s, matchFor('Error')).filter((o) =>
      follow(s, o, 'name').some((n) => nodeName(s, n) === 'MaxListenersExceededWarning'));
    if (warnings.length !== 1) fail(`${warnings.length} MaxListenersExceededWarning objects, expected 1`);
    const emitter = follow(s, warnings[0], 'emitter')[0];
    if (emitter === undefined || nodeName(s, emitter) !== 'EventEmitter') fail('the pending warning has no emitter');
    const bus = findNodes(s, { type: 'object', name: 'EventEmitter' }).filter((o) => follow(s, o, '_events').length > 0);
    const viaBus = bus.filter((o) => paths.pathTo(o).length > 0 && hasEdgeTo(s, 'bus', o));
    if (viaBus.length !== 1 || viaBus[0] !== emitter) fail('the pending warning does not hold the emitter the variable bus points to');
    const path = paths.pathTo(warnings[0]);
    if (!path.includes('queue')) fail(`the warning is not in the nextTick queue: ${path.join(' > ')}`);
    return { pendingWarning: { className: 'Error', name: 'MaxListenersExceededWarning', emitterIsBus: true, path } };
  },
  'near-heap-limit'(s, fail, paths) {
    const stackRoots = findNodes(s, { type: 'synthetic', name: '(Stack roots)' })[0];
    const blobs = findNodes(s, matchFor('LeakedBlob'));
    const blobSet = new Set(blobs);
    // Distinct blobs: one frame slot and a handle can both point at the blob being built.
    const held = new Set();
    for (let e = s.firstEdge[stackRoots]; e < s.firstEdge[stackRoots + 1]; e++) if (blobSet.has(edgeAt(s, e).to)) held.add(edgeAt(s, e).to);
    const onStack = held.size;
    // The rest V8 reaches as (GC roots) > (Stack roots) > module context > retained > index.
    const viaRetained = blobs.filter((o) => paths.pathTo(o).includes('retained')).length;
    if (viaRetained !== blobs.length - onStack) fail(`${viaRetained} of ${blobs.length} LeakedBlob paths name retained, ${onStack} on the stack`);
    const example = blobs.find((o) => paths.pathTo(o).includes('retained'));
    return { leakedBlobsHeldByStackRoots: onStack, shortestPathNamesRetained: viaRetained, examplePath: paths.pathTo(example) };
  },
  'suspended-promise'(s, fail) {
    const states = new Set(findNodes(s, matchFor('RequestState')));
    let suspended = 0;
    for (const g of findNodes(s, { type: 'object', name: 'Generator' })) {
      for (const regs of follow(s, g, 'parameters_and_registers')) if (follow(s, regs, '0').some((o) => states.has(o))) suspended++;
    }
    if (suspended !== states.size) fail(`${suspended} suspended generators hold one of ${states.size} RequestStates`);
    return { suspendedAsyncFunctions: { className: 'Generator', registersEdge: 'parameters_and_registers', count: suspended } };
  },
  'node-modules-lib'(s, fail) {
    const scripts = new Set();
    for (const ctor of findNodes(s, { type: 'closure', name: 'Histogram' })) {
      for (const shared of follow(s, ctor, 'shared')) {
        for (const script of follow(s, shared, 'script_or_debug_info')) scripts.add(nodeName(s, script));
      }
    }
    const lib = [...scripts].find((n) => n.endsWith('/node_modules/metrics-lite/index.js'));
    if (!lib) fail(`no Histogram constructor from node_modules/metrics-lite/index.js (${[...scripts].join(', ')})`);
    return { libraryScript: 'node_modules/metrics-lite/index.js', scriptEdge: 'shared > script_or_debug_info' };
  },
  'string-service'(s, fail) {
    const kinds = {};
    for (const r of findNodes(s, matchFor('SessionRecord'))) {
      for (const field of ['id', 'route', 'referrerPath']) {
        for (const v of follow(s, r, field)) (kinds[field] ??= new Set()).add(nodeType(s, v));
      }
    }
    const one = (field) => (kinds[field]?.size === 1 ? [...kinds[field]][0] : fail(`${field} strings are ${[...(kinds[field] ?? [])]}`));
    return { stringFieldTypes: { id: one('id'), route: one('route'), referrerPath: one('referrerPath') } };
  },
};

/**
 * For counts the program could only bracket (a post-mortem snapshot taken mid-allocation), takes the snapshot's
 * count if it is the program's count or one less.
 */
export function settleCounts(files, counts, mayBeOneLess = []) {
  if (mayBeOneLess.length === 0) return counts;
  const snapshots = files.map((f) => readSnapshot(f));
  const settled = { ...counts };
  for (const className of mayBeOneLess) {
    settled[className] = counts[className].map((n, i) => {
      const found = findNodes(snapshots[i], matchFor(className)).length;
      if (found !== n && found !== n - 1) throw new Error(`${className}: the snapshot has ${found}, the program made ${n}`);
      return found;
    });
  }
  return settled;
}

/**
 * @param {string[]} files raw snapshot paths
 * @param {object} entry the manifest entry
 * @param {Record<string, number[]>} counts the program's counts per class
 * @returns {{ holds: number[], observed: Record<string, number[]>, facts: object }}
 */
export function verifyFacts(files, entry, counts) {
  const fail = (message) => {
    throw new Error(`${entry.scenario}: ${message}`);
  };
  const point = entry.accumulationPoint;
  const holds = [];
  const observed = Object.fromEntries((entry.observed ?? []).map((c) => [c, []]));
  let facts = {};
  files.forEach((file, i) => {
    const s = readSnapshot(file);
    const paths = shortestPaths(s);
    const top = findNodes(s, matchFor(entry.topClass));
    if (top.length !== counts[entry.topClass][i]) fail(`s${i + 1} has ${top.length} ${entry.topClass}, the program kept ${counts[entry.topClass][i]}`);
    const measured = measureAccumulationPoint(s, paths, point, top);
    if (!measured.found) fail(`s${i + 1} has no edge ${point.name} to a ${point.kind}`);
    if (top.length - measured.holds !== (point.outside ?? 0)) {
      fail(`s${i + 1}: ${point.name} holds ${measured.holds} of ${top.length} ${entry.topClass}, expected all but ${point.outside ?? 0}`);
    }
    holds.push(measured.holds);
    for (const word of entry.topPathWords) if (!hasWord(s, word)) fail(`s${i + 1} never names "${word}"`);
    for (const className of Object.keys(observed)) observed[className].push(findNodes(s, matchFor(className)).length);
    if (i === files.length - 1 && seriesFacts[entry.scenario]) facts = seriesFacts[entry.scenario](s, fail, paths);
  });
  for (const [className, values] of Object.entries(observed)) {
    const flatAfterFirst = values.every((v, i) => i === 0 || v === values[1]);
    if (!flatAfterFirst) fail(`${className} was observed as a plateau but counts ${values.join(',')}`);
  }
  return { holds, observed, facts };
}
