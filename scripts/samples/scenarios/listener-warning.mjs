// A message bus that gains one 'data' listener per request and never loses it, past the default limit of 10.
// Leak: handleRequest() calls bus.on('data', function onData …) and the listener captures the request's
// RequestContext. At the 11th listener Node emits a MaxListenersExceededWarning through process.emitWarning(),
// which only queues it with process.nextTick(); the whole series runs synchronously, so every snapshot is taken
// while that warning (an Error whose `emitter` property is the bus) still waits in the nextTick queue.
// Plateau: Subscription records for the bus topics are registered during the first interval, then stay.
// Churn: ParsedFrame objects live in a small ring.
import { EventEmitter } from 'node:events';
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const REQUESTS_PER_INTERVAL = 150;
const TOPICS = ['orders', 'payments', 'inventory', 'shipping', 'returns', 'alerts'];

class RequestContext {
  constructor(id, topic) {
    this.id = id;
    this.topic = topic;
    this.traceId = `trace-${(id * 2654435761) >>> 0}`;
    this.received = 0;
  }
}

class Subscription {
  constructor(topic, index) {
    this.topic = topic;
    this.queue = `${topic}.q${index}`;
  }
}

class ParsedFrame {
  constructor(requestId, size) {
    this.requestId = requestId;
    this.payload = new Uint8Array(size);
  }
}

const bus = new EventEmitter();
const subscriptions = new Map();
const recentFrames = new RecentRing(12);
let served = 0;

function subscribe(i) {
  const topic = TOPICS[i % TOPICS.length];
  subscriptions.set(`${topic}#${i}`, new Subscription(topic, i));
}

function handleRequest() {
  const ctx = new RequestContext(++served, TOPICS[served % TOPICS.length]);
  // The bug: the listener is added per request and nobody calls bus.off('data', onData).
  bus.on('data', function onData(frame) {
    if (frame.requestId === ctx.id) ctx.received += frame.payload.length;
  });
  const frame = new ParsedFrame(ctx.id, 48);
  bus.emit('data', frame);
  recentFrames.push(frame);
}

function runInterval() {
  for (let i = 0; i < REQUESTS_PER_INTERVAL; i++) handleRequest();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 3; i++) subscribe(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 3; i < 12; i++) subscribe(i);
    runInterval();
  },
  count: () => ({
    'onData()': bus.listenerCount('data'),
    RequestContext: served,
    Subscription: subscriptions.size,
    ParsedFrame: recentFrames.size,
  }),
});
