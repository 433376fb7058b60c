// Child program: builds a service-like heap and writes V8 heap snapshots of it.
// Run with a large --max-old-space-size. Usage:
//   node heap-builder.mjs --units N --out file.heapsnapshot
//   node heap-builder.mjs --units N --grow G --series DIR [--count K]   (writes DIR/s1..sK.heapsnapshot, K = 3
//                                                            by default, from one process, so object ids stay
//                                                            stable across the series)
import v8 from 'node:v8';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    units: { type: 'string' },
    grow: { type: 'string', default: '0' },
    out: { type: 'string' },
    series: { type: 'string' },
    count: { type: 'string', default: '3' },
  },
});
const units = Number(values.units);
const grow = Number(values.grow);
const count = Number(values.count);
if (!Number.isInteger(units) || units <= 0) throw new Error('--units must be a positive integer');
if (!Number.isInteger(count) || count < 2) throw new Error('--count must be an integer ≥ 2');

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1'];
const ROLES = ['admin', 'editor', 'viewer', 'billing', 'support'];
const STREETS = ['Main St', 'High St', 'Station Rd', 'Church Ln', 'Park Ave', 'Mill Rd'];

class Address {
  constructor(i) {
    this.street = `${(i % 997) + 1} ${STREETS[i % STREETS.length]}`;
    this.city = `City${i % 5000}`;
    this.zip = String(10000 + (i % 89999));
    this.geo = { lat: (i % 180) - 90.5, lng: (i % 360) - 180.25 };
  }
}

class User {
  constructor(i) {
    this.id = i;
    this.name = `user-${i}`;
    this.email = `user${i}@example.${i % 3 === 0 ? 'org' : 'com'}`;
    this.roles = [ROLES[i % ROLES.length], ROLES[(i * 7) % ROLES.length]];
    this.profile = { bio: `bio of user ${i % 20000}`, address: new Address(i), tags: new Set([i % 13, i % 17]) };
    this.sessions = [];
  }
}

class Session {
  constructor(user, i) {
    this.id = `sess-${i.toString(36)}`;
    this.user = user; // cycle: user.sessions holds this session
    this.createdAt = new Date(1_700_000_000_000 + i * 1000);
    this.attrs = new Map([
      ['region', REGIONS[i % REGIONS.length]],
      ['hits', i % 100],
    ]);
    this.history = [];
    for (let h = 0; h < 3; h++) this.history.push({ path: `/api/v1/items/${(i + h) % 10000}`, status: 200, ms: h + 0.5 });
    this.metrics = new Float64Array(8);
    const started = Date.now();
    // closure with its own context, as request handlers keep
    this.onTimeout = () => Date.now() - started > 60_000 && this.attrs.delete('region');
    user.sessions.push(this);
  }
}

class CacheEntry {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.expires = 1_700_000_000 + (key.length % 600);
  }
}

// The class the series grows: request contexts parked in a queue and never drained.
class LeakyRequestContext {
  constructor(i) {
    this.requestId = `req-${i}`;
    this.headers = { 'content-type': 'application/json', 'x-request-id': `rid-${i}` };
    this.body = new Uint8Array(32);
    this.done = () => this.requestId;
  }
}

const app = {
  users: new Map(),
  sessions: new Map(),
  cache: new Map(),
  byRegion: Object.fromEntries(REGIONS.map((r) => [r, []])),
  pending: [],
  listeners: [],
};
globalThis.__benchApp = app;

let nextUser = 0;
function addUnits(n) {
  for (let k = 0; k < n; k++) {
    const i = nextUser++;
    const user = new User(i);
    app.users.set(user.name, user);
    const s = new Session(user, i);
    app.sessions.set(s.id, s);
    app.byRegion[REGIONS[i % REGIONS.length]].push(s);
    if (i % 2 === 0) app.cache.set(`k:${i}`, new CacheEntry(`k:${i}`, { rows: [i, i + 1, i + 2], user }));
    if (i % 10 === 0) app.listeners.push(function onEvent(ev) { return ev === i; });
  }
}

let nextLeak = 0;
function leak(n) {
  for (let k = 0; k < n; k++) app.pending.push(new LeakyRequestContext(nextLeak++));
}

function churn() {
  // transient garbage so the snapshots are not pristine allocation order
  let junk = [];
  for (let k = 0; k < 100_000; k++) junk.push({ k, s: `tmp${k}` });
  junk = null;
  return junk;
}

function write(file) {
  const t0 = Date.now();
  v8.writeHeapSnapshot(file);
  console.error(`wrote ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

addUnits(units);
churn();
if (values.series) {
  for (let s = 1; s <= count; s++) {
    leak(grow);
    churn();
    write(path.join(values.series, `s${s}.heapsnapshot`));
  }
} else {
  write(values.out);
}
