// A post-mortem: one process with a small heap that keeps every LeakedBlob in the module array `retained` until
// V8 is about to run out of memory. Run with --max-old-space-size, --heapsnapshot-near-heap-limit=1 and
// --diagnostic-dir=<out>: V8 calls Node's near-heap-limit callback, which writes Heap.<date>.<pid>….heapsnapshot
// synchronously in the middle of whatever allocation hit the limit, then raises the limit a little.
// The program notices the file after that allocation, stops, and records how many blobs it had made: the snapshot
// holds either that many or one fewer (when the limit was hit while the last blob itself was being allocated).
// Steady state, not growing: ConfigEntry objects (a small fixed table) and a ring of RecentEvent objects.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, RecentRing, seededRandom } from '../lib/series.mjs';

const { out } = parseArgs();
const random = seededRandom(0xb10b);

class LeakedBlob {
  constructor(id) {
    this.id = id;
    this.key = `blob-${id}`;
    // 4 KB of small integers in one backing store: the heap fills with few nodes, so the snapshot stays small.
    this.payload = new Array(512).fill(id & 0xffff);
  }
}

class ConfigEntry {
  constructor(name, value) {
    this.name = name;
    this.value = value;
  }
}

class RecentEvent {
  constructor(n) {
    this.n = n;
    this.weight = random();
  }
}

const retained = [];
const config = new Map();
const recentEvents = new RecentRing(16);
for (let i = 0; i < 20; i++) config.set(`option-${i}`, new ConfigEntry(`option-${i}`, i * 3));

// A helper closes over `retained`, so V8 keeps the array in the module's context under that name.
function remember(blob) {
  retained.push(blob);
}

const snapshotWritten = () => readdirSync(out).find((f) => f.endsWith('.heapsnapshot'));

let made = 0;
let file;
while (!file) {
  remember(new LeakedBlob(++made));
  recentEvents.push(new RecentEvent(made));
  file = snapshotWritten();
}
renameSync(join(out, file), join(out, 's1.heapsnapshot'));
writeFileSync(
  join(out, 'counts-1.json'),
  JSON.stringify({
    snapshots: ['s1.heapsnapshot'],
    // The blob allocated last may or may not be in the snapshot; the generator checks which.
    counts: { LeakedBlob: [made], ConfigEntry: [config.size], RecentEvent: [recentEvents.size] },
    countsMayBeOneLess: ['LeakedBlob'],
  }, null, 2),
);
process.exit(0);
