// Clean snapshots to mutate: the committed samples (decompressed), a real snapshot of
// a small Node process, and builder-made graphs covering every V8 node-field layout.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { indexSnapshot } from './layout.mjs';

/** Builder graphs: current, traced and legacy layouts; escapes, non-ASCII, lone surrogates, locations. */
async function builderSeeds() {
  const { SnapshotBuilder, NODE_FIELDS_TRACED, NODE_FIELDS_LEGACY } = await import('@heaptrail/parser/builder');
  const seeds = [];

  const a = new SnapshotBuilder();
  const win = a.node('Window', 40);
  const list = a.node('Array', 16, { type: 'array' });
  a.root.edge(win, 'element', 1);
  win.edge(list, 'property', 'items');
  for (let i = 0; i < 20; i++) {
    const item = a.node('Item', 24 + i);
    list.edge(item, 'element', i);
    item.edge(a.node(`label ${i} "quoted" \\ tab\t`, 16, { type: 'string' }), 'property', 'label');
  }
  seeds.push({ name: 'builder-current', text: a.toJSON() });

  const b = new SnapshotBuilder({ nodeFields: NODE_FIELDS_TRACED, extraNativeBytes: 4096 });
  const ctx = b.node('system / Context', 64, { type: 'hidden', traceNodeId: 3 });
  b.root.edge(ctx, 'element', 1);
  const f = b.node('onRequestDone', 32, { type: 'closure' });
  ctx.edge(f, 'context', 'handler');
  b.location(f, 7, 12, 4);
  const names = ['héllo wörld', '日本語', '😀 emoji', '\ud800 lone', 'line\nbreak', '\u0001ctrl'];
  for (const n of names) f.edge(b.node(n, 8, { type: 'string' }), 'property', n);
  const div = b.node('Detached <div id="x">', 100, { type: 'native', detachedness: 2 });
  ctx.edge(div, 'internal', 'dom');
  div.edge(ctx, 'weak', 'back');
  seeds.push({ name: 'builder-traced', text: b.toJSON() });

  const c = new SnapshotBuilder({ nodeFields: NODE_FIELDS_LEGACY, rootType: 'hidden' });
  let prev = c.root;
  for (let i = 0; i < 50; i++) {
    const n = c.node(i % 2 ? 'Node' : 'Leaf', 10 + i);
    prev.edge(n, i % 3 ? 'property' : 'hidden', i % 3 ? `p${i}` : i);
    prev = n;
  }
  seeds.push({ name: 'builder-legacy', text: c.toJSON() });

  // A few thousand nodes with random edges: large enough for multi-chunk reads.
  const d = new SnapshotBuilder();
  const nodes = [];
  let x = 12345;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < 3000; i++) nodes.push(d.node(`Class${i % 37}`, Math.floor(rand() * 200)));
  for (let i = 0; i < 40; i++) d.root.edge(nodes[i], 'element', i);
  for (let i = 0; i < 9000; i++) nodes[Math.floor(rand() * 3000)].edge(nodes[Math.floor(rand() * 3000)], 'property', `f${i % 11}`);
  seeds.push({ name: 'builder-random', text: d.toJSON() });

  // Valid but hostile shapes: a chain 100k deep (recursion), a wide star, and a heap
  // that is only reachable through weak edges or not at all.
  const e = new SnapshotBuilder();
  let tail = e.root;
  for (let i = 0; i < 100_000; i++) {
    const next = e.node('Link', 32);
    tail.edge(next, 'property', 'next');
    tail = next;
  }
  seeds.push({ name: 'builder-chain', text: e.toJSON() });

  const f2 = new SnapshotBuilder();
  const hub = f2.node('Hub', 8);
  f2.root.edge(hub, 'element', 0);
  for (let i = 0; i < 20_000; i++) hub.edge(f2.node(`Leaf${i % 5}`, 16), 'element', i);
  const island = [f2.node('Island', 10), f2.node('Island', 10), f2.node('Island', 10)];
  island[0].edge(island[1], 'property', 'a').edge(island[2], 'property', 'b');
  island[2].edge(island[0], 'property', 'c');
  hub.edge(island[0], 'weak', 'w');
  seeds.push({ name: 'builder-star-island', text: f2.toJSON() });

  return seeds.map((s) => ({ name: s.name, bytes: Buffer.from(s.text, 'latin1') }));
}

/** A real snapshot of a small Node process, made once and cached in the scratch folder. */
function realSeed(scratch) {
  const file = join(scratch, 'corpus', 'node-process.heapsnapshot');
  if (!existsSync(file)) {
    mkdirSync(join(scratch, 'corpus'), { recursive: true });
    const script =
      "class Leak{constructor(i){this.i=i;this.s='é'+i}};globalThis.keep=[];" +
      'for(let i=0;i<500;i++)keep.push(new Leak(i));' +
      `require('v8').writeHeapSnapshot(${JSON.stringify(file)})`;
    execFileSync(process.execPath, ['-e', script], { stdio: 'ignore' });
  }
  return { name: 'node-process', bytes: readFileSync(file) };
}

/** Committed samples, decompressed: the smallest file of each scenario, at most `maxBytes` and `limit` scenarios. */
function sampleSeeds(root, maxBytes, limit) {
  const dir = join(root, 'samples');
  if (!existsSync(dir)) return [];
  const seeds = [];
  for (const scenario of readdirSync(dir).sort()) {
    const sub = join(dir, scenario);
    if (seeds.length >= limit || !statSync(sub).isDirectory()) continue;
    const files = readdirSync(sub)
      .filter((f) => /^s\d+\.heapsnapshot(\.gz)?$/.test(f))
      .map((f) => ({ path: join(sub, f), name: `${scenario}/${f}`, size: statSync(join(sub, f)).size }))
      .sort((p, q) => p.size - q.size || (p.name < q.name ? -1 : 1));
    for (const f of files) {
      let bytes = readFileSync(f.path);
      try {
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
        if (bytes.length > maxBytes) continue;
        JSON.parse(bytes.toString('latin1'));
      } catch {
        continue; // a sample still being written; not a clean seed
      }
      seeds.push({ name: f.name, bytes });
      break;
    }
  }
  return seeds;
}

/**
 * Loads the corpus and writes each clean seed to `<scratch>/corpus/` (the CLI's
 * `diff` compares a mutated file with a clean one).
 */
export async function loadCorpus({ root, scratch, maxSeedBytes = 8 << 20, sampleLimit = 12, real = true }) {
  const seeds = [...(await builderSeeds()), ...(real ? [realSeed(scratch)] : []), ...sampleSeeds(root, maxSeedBytes, sampleLimit)];
  mkdirSync(join(scratch, 'corpus'), { recursive: true });
  return seeds.map((s, i) => {
    const cleanPath = join(scratch, 'corpus', `clean-${i}.heapsnapshot`);
    writeFileSync(cleanPath, s.bytes);
    return { ...s, cleanPath, layout: indexSnapshot(s.bytes) };
  });
}
