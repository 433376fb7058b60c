// A gateway that adds an event listener per request and never removes it.
// Leak: every request calls gateway.emitter.on('data', function onRequestData() {...}); the listener captures
// the request's RequestContext, so both stay alive for as long as the emitter does.
// Plateau: route handlers (RouteHandler) are registered during the first interval, then stay.
// Churn: ResponseBuffer objects live in a small ring; onRequestDone() listeners are `once` listeners that the
// 'drain' event removes every DRAIN_EVERY requests, so their count goes up and down.
import { EventEmitter } from 'node:events';
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const REQUESTS_PER_INTERVAL = 150;
const DRAIN_EVERY = 16;
const ROUTES = ['/chat', '/embed', '/search', '/health', '/upload', '/users', '/orders', '/metrics'];

class RequestContext {
  constructor(id, path) {
    this.id = id;
    this.path = path;
    this.headers = { 'content-type': 'application/json', 'x-request-id': `req-${id}` };
    this.bytesReceived = 0;
    this.done = false;
  }
}

class RouteHandler {
  constructor(method, path) {
    this.method = method;
    this.path = path;
    this.calls = 0;
  }
}

class ResponseBuffer {
  constructor(requestId, size) {
    this.requestId = requestId;
    this.chunks = [new Uint8Array(size)];
  }
}

const gateway = {
  emitter: new EventEmitter(),
  routes: new Map(),
  recentResponses: new RecentRing(12),
  pendingDone: 0,
  served: 0,
};
gateway.emitter.setMaxListeners(0);

function registerRoute(i) {
  const method = i < ROUTES.length ? 'GET' : i < 2 * ROUTES.length ? 'POST' : 'DELETE';
  const path = ROUTES[i % ROUTES.length];
  gateway.routes.set(`${method} ${path}`, new RouteHandler(method, path));
}

function handleRequest() {
  const id = ++gateway.served;
  const ctx = new RequestContext(id, ROUTES[id % ROUTES.length]);
  // The bug: nobody calls emitter.off('data', onRequestData) when the request ends.
  gateway.emitter.on('data', function onRequestData(chunk) {
    if (chunk.requestId === ctx.id) ctx.bytesReceived += chunk.length;
  });
  gateway.emitter.once('drain', function onRequestDone() {
    ctx.done = true;
  });
  gateway.pendingDone++;
  gateway.emitter.emit('data', { requestId: id, length: 512 });
  const handler = gateway.routes.get(`GET ${ctx.path}`);
  if (handler) handler.calls++;
  gateway.recentResponses.push(new ResponseBuffer(id, 64));
  if (id % DRAIN_EVERY === 0) {
    gateway.emitter.emit('drain');
    gateway.pendingDone = 0;
  }
}

function runInterval() {
  for (let i = 0; i < REQUESTS_PER_INTERVAL; i++) handleRequest();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < ROUTES.length; i++) registerRoute(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = ROUTES.length; i < 3 * ROUTES.length; i++) registerRoute(i);
    runInterval();
  },
  count: () => ({
    'onRequestData()': gateway.emitter.listenerCount('data'),
    RequestContext: gateway.served,
    RouteHandler: gateway.routes.size,
    ResponseBuffer: gateway.recentResponses.size,
    'onRequestDone()': gateway.pendingDone,
  }),
});
