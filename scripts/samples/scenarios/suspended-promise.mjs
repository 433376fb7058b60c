// Requests that wait forever on a lock nobody releases.
// Leak: handleRequest(state) does `await lock.acquire()`; warmCache() took the lock first and returns early
// without calling release(), so every request stays suspended at that await. acquire() pushes the resolve function of a new
// Promise onto lock.waiters; the promise's reaction resumes the suspended async function, whose frame holds its
// RequestState: lock.waiters[] → resolve → promise → reaction → async function → state.
// Plateau: RouteConfig entries are registered during the first interval, then stay.
// Churn: AccessLogLine objects live in a small ring.
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const REQUESTS_PER_INTERVAL = 150;
const ROUTES = ['/cart', '/checkout', '/profile', '/search', '/wishlist', '/orders', '/reviews', '/coupons'];

class RequestState {
  constructor(id, route) {
    this.id = id;
    this.route = route;
    this.sessionKey = `sess-${(id * 40503) % 65536}`;
    this.body = null;
  }
}

class RouteConfig {
  constructor(route, index) {
    this.route = route;
    this.rateLimit = 50 + index * 5;
  }
}

class AccessLogLine {
  constructor(state) {
    this.line = `${state.route} ${state.id}`;
  }
}

class AsyncLock {
  constructor() {
    this.locked = false;
    this.waiters = [];
  }

  acquire() {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release() {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}

const lock = new AsyncLock();
const routes = new Map();
const accessLog = new RecentRing(10);
const stats = { started: 0, finished: 0 };

async function handleRequest(state) {
  accessLog.push(new AccessLogLine(state));
  await lock.acquire();
  // Never reached: warmCache() below forgets lock.release().
  state.body = `ok ${state.route}`;
  stats.finished++;
}

async function warmCache() {
  await lock.acquire();
  const warmed = routes.size;
  if (warmed > 0) return; // the bug: this early return skips lock.release()
  lock.release();
}

function registerRoute(i) {
  const route = ROUTES[i % ROUTES.length];
  routes.set(`${route}:${i}`, new RouteConfig(route, i));
}

function runInterval() {
  for (let i = 0; i < REQUESTS_PER_INTERVAL; i++) {
    stats.started++;
    handleRequest(new RequestState(stats.started, ROUTES[stats.started % ROUTES.length]));
  }
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 4; i++) registerRoute(i);
    warmCache();
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 4; i < 16; i++) registerRoute(i);
    runInterval();
  },
  count: () => ({
    RequestState: stats.started - stats.finished,
    RouteConfig: routes.size,
    AccessLogLine: accessLog.size,
  }),
});
