// A session service with the usual Node noise around it: an http server object (never listening), util.inspect
// with colors for debug lines, fs.statSync on its own files, short timers that are set and cleared.
// Leak: every login makes a SessionRecord and stores it in sessionsById, a Map keyed by strings like "c-1042";
// logout forgets to delete it. Its fields are strings built the usual ways: concatenation ('/users/' + id + …,
// V8 cons strings), slices of longer strings (sliced strings) and template literals.
// Plateau: ServiceConfig entries load during the first interval, then stay; Node's own objects for the modules
// loaded lazily (an http client request, URL, util.parseArgs, more of util.inspect) appear after the first snapshot
// and then stay.
// Churn: DebugLine objects (with util.inspect output) live in a small ring.
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, inspect, parseArgs as parseCommandLine } from 'node:util';
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const LOGINS_PER_INTERVAL = 1000;
const random = seededRandom(0x5e55);
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'curl/8.5.0',
];
const SECTIONS = ['profile', 'orders', 'settings', 'billing', 'notifications'];

class SessionRecord {
  constructor(n, userId) {
    this.id = `c-${1000 + n}`;
    this.userId = userId;
    // Concatenation: V8 keeps the parts as a cons string.
    this.route = '/users/' + userId + '/' + SECTIONS[n % SECTIONS.length];
    const referrer = `https://shop.example.com/landing/${userId}/campaign-${n % 97}/utm_source=newsletter`;
    // A slice of a longer flat string: V8 makes a sliced string that points into it.
    this.referrerPath = referrer.slice(referrer.indexOf('/landing'));
    this.userAgent = AGENTS[n % AGENTS.length];
    this.startedAtSec = 1_700_000_000 + n;
  }
}

class ServiceConfig {
  constructor(key, value) {
    this.key = key;
    this.value = value;
  }
}

class DebugLine {
  constructor(text) {
    this.text = text;
  }
}

const sessionsById = new Map();
const config = new Map();
const debugLines = new RecentRing(8);
const server = http.createServer((req, res) => res.end('ok'));
server.keepAliveTimeout = 5_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const ownFile = fileURLToPath(import.meta.url);
let logins = 0;

function login() {
  const n = ++logins;
  const userId = `u${Math.floor(random() * 1e6).toString(36)}`;
  const record = new SessionRecord(n, userId);
  sessionsById.set(record.id, record);
  // The bug: logout() would need sessionsById.delete(id); it only marks the socket closed.
  const watchdog = setTimeout(() => {}, 30_000);
  clearTimeout(watchdog);
  if (n % 100 === 0) {
    const size = statSync(ownFile).size;
    debugLines.push(new DebugLine(format('%s sessions, %d bytes, %s', sessionsById.size, size,
      inspect({ last: record.id, agent: agent.maxSockets, headersTimeout: server.headersTimeout }, { colors: true }))));
  }
}

function loadConfig(i) {
  config.set(`cfg-${i}`, new ServiceConfig(`cfg-${i}`, inspect({ i, enabled: i % 2 === 0 }, { colors: true, compact: true })));
}

/** Work done once, late (after the first snapshot), the way services touch more of Node as traffic arrives. */
function lateInit() {
  const files = readdirSync(dirname(ownFile)).filter((f) => f.endsWith('.mjs'));
  const flags = parseCommandLine({ args: ['--port', '8080', '--verbose'], options: { port: { type: 'string' }, verbose: { type: 'boolean' } } });
  const link = new URL(`https://shop.example.com/users?page=2&files=${files.length}`);
  const request = http.request({ agent, host: link.hostname, path: link.pathname + link.search, method: 'HEAD' });
  request.on('error', () => {});
  request.destroy();
  debugLines.push(new DebugLine(inspect({ flags: flags.values, searchParams: link.searchParams }, { colors: true, depth: 3 })));
}

function runInterval() {
  for (let i = 0; i < LOGINS_PER_INTERVAL; i++) login();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 4; i++) loadConfig(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) {
      for (let i = 4; i < 10; i++) loadConfig(i);
      lateInit();
    }
    runInterval();
  },
  count: () => ({
    SessionRecord: sessionsById.size,
    ServiceConfig: config.size,
    DebugLine: debugLines.size,
  }),
});
process.exit(0);
