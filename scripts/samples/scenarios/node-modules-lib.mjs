// A leak inside a dependency: the app labels a request-duration histogram with the request id, and the metrics
// library under node_modules/metrics-lite keeps one Histogram per distinct label set, forever.
// Leak: defaultRegistry.histograms (a Map in the library) gains a Histogram for every request; the app holds the
// registry through its own module variable `registry` as well.
// The library is copied to <tmp>/heaptrail-metrics-app/node_modules/metrics-lite/ and loaded with require() as if
// from <tmp>/heaptrail-metrics-app/server.mjs, so its functions name a script under node_modules/ in the snapshot.
// The directory name is fixed (not the generator's random work dir) so that every run writes the same paths.
// Plateau: RouteStats entries for the app's routes are made during the first interval, then stay.
// Churn: ResponseTiming objects live in a small ring.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const REQUESTS_PER_INTERVAL = 150;
const ROUTES = ['/api/items', '/api/cart', '/api/login', '/api/search', '/api/orders', '/api/users'];
const args = parseArgs();
const random = seededRandom(0x3e7);

const appDir = join(tmpdir(), 'heaptrail-metrics-app');
rmSync(appDir, { recursive: true, force: true });
const libDir = join(appDir, 'node_modules', 'metrics-lite');
mkdirSync(libDir, { recursive: true });
copyFileSync(fileURLToPath(new URL('./fixtures/metrics-lite/index.js', import.meta.url)), join(libDir, 'index.js'));
const metrics = createRequire(join(appDir, 'server.mjs'))('metrics-lite');

class RouteStats {
  constructor(route) {
    this.route = route;
    this.requests = 0;
  }
}

class ResponseTiming {
  constructor(requestId, ms) {
    this.requestId = requestId;
    this.ms = ms;
  }
}

const registry = metrics.defaultRegistry;
const routeStats = new Map();
const recentTimings = new RecentRing(12);
let served = 0;

function handleRequest() {
  const id = ++served;
  const route = ROUTES[id % ROUTES.length];
  const ms = Math.round(random() * 400);
  // The bug: requestId is an unbounded label value, so every request makes a new Histogram in the library.
  registry.histogram('http_request_duration_ms', { route, requestId: `r${id}` }).observe(ms);
  const stats = routeStats.get(route);
  if (stats) stats.requests++;
  recentTimings.push(new ResponseTiming(id, ms));
}

function addRoute(i) {
  routeStats.set(ROUTES[i], new RouteStats(ROUTES[i]));
}

function runInterval() {
  for (let i = 0; i < REQUESTS_PER_INTERVAL; i++) handleRequest();
}

runSeries(args, {
  setup() {
    for (let i = 0; i < 2; i++) addRoute(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 2; i < ROUTES.length; i++) addRoute(i);
    runInterval();
  },
  count: () => ({
    Histogram: registry.histograms.size,
    RouteStats: routeStats.size,
    ResponseTiming: recentTimings.size,
  }),
});
rmSync(appDir, { recursive: true, force: true });
