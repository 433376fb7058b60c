// The control series: the same workload shapes as the leak scenarios, each with its bound in place.
// Nothing grows in every interval. Objects are replaced all the time (new ids in every snapshot), and
// counts stay flat or go up and down:
//   ChatMessage     history trimmed to a window      EmbeddingEntry  cache evicts its oldest entry (LRU cap)
//   KnowledgeNode   graph keeps the newest nodes      RequestContext, onRequestData()  listeners removed on completion
//   Visit           the tracker closure is replaced   TempBuffer      scratch ring
//   WarmupEntry     templates loaded during the first interval (a plateau)
import { EventEmitter } from 'node:events';
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const STEPS_PER_INTERVAL = 150;
const HISTORY_LIMIT = 160;
const HISTORY_KEEP = 100;
const CACHE_CAPACITY = 200;
const GRAPH_CAPACITY = 120;
const COMPLETE_EVERY = 16;
const TRACKER_WINDOW = 40;

class ChatMessage {
  constructor(role, content, turn) {
    this.role = role;
    this.content = content;
    this.turn = turn;
  }
}
class EmbeddingEntry {
  constructor(key, vector) {
    this.key = key;
    this.vector = vector;
  }
}
class KnowledgeNode {
  constructor(id, label) {
    this.id = id;
    this.label = label;
    this.edges = [];
  }
}
class RequestContext {
  constructor(id) {
    this.id = id;
    this.bytesReceived = 0;
  }
}
class Visit {
  constructor(url, step) {
    this.url = url;
    this.step = step;
  }
}
class TempBuffer {
  constructor(size) {
    this.bytes = new Uint8Array(size);
  }
}
class WarmupEntry {
  constructor(name) {
    this.name = name;
    this.template = `template body for ${name}`;
  }
}

function createVisitTracker() {
  const seen = [];
  return function recordVisit(url, step) {
    seen.push(new Visit(url, step));
    if (seen.length > TRACKER_WINDOW) seen.shift();
    return seen.length;
  };
}

const app = {
  session: { history: [] },
  cache: new Map(),
  graph: { nodes: new Map() },
  emitter: new EventEmitter(),
  inFlight: [],
  recordVisit: createVisitTracker(),
  scratch: new RecentRing(8),
  templates: new Map(),
  step: 0,
  nodeIds: 0,
  visits: 0,
};
app.emitter.setMaxListeners(0);

function chatTurn(n) {
  const history = app.session.history;
  history.push(new ChatMessage('user', `question ${n}`, n), new ChatMessage('assistant', `answer ${n}`, n));
  if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_KEEP);
}

function embed(n) {
  const key = `prompt-${n}`;
  // Map iteration order is insertion order, so the first key is the least recently inserted.
  if (app.cache.size >= CACHE_CAPACITY) app.cache.delete(app.cache.keys().next().value);
  app.cache.set(key, new EmbeddingEntry(key, new Float32Array(32).fill(n % 7)));
}

function addKnowledge(n) {
  const node = new KnowledgeNode(++app.nodeIds, `entity ${n}`);
  const previous = app.graph.nodes.get(node.id - 1);
  if (previous) node.edges.push(previous.id);
  app.graph.nodes.set(node.id, node);
  if (app.graph.nodes.size > GRAPH_CAPACITY) app.graph.nodes.delete(node.id - GRAPH_CAPACITY);
}

function startRequest(n) {
  const ctx = new RequestContext(n);
  const onRequestData = function onRequestData(chunk) {
    ctx.bytesReceived += chunk.length;
  };
  app.emitter.on('data', onRequestData);
  app.inFlight.push(onRequestData);
  app.emitter.emit('data', { length: 256 });
  if (n % COMPLETE_EVERY === 0) {
    for (const listener of app.inFlight) app.emitter.off('data', listener);
    app.inFlight = [];
  }
}

function step() {
  const n = ++app.step;
  chatTurn(n);
  embed(n);
  if (n % 2 === 0) addKnowledge(n);
  startRequest(n);
  app.visits = app.recordVisit(`https://example.com/page/${n}`, n);
  app.scratch.push(new TempBuffer(128));
}

function runInterval(interval) {
  // A new crawl round gets a fresh tracker; the old closure and its `seen` array are released.
  if (interval % 2 === 1) app.recordVisit = createVisitTracker();
  for (let i = 0; i < STEPS_PER_INTERVAL; i++) step();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 12; i++) app.templates.set(`t${i}`, new WarmupEntry(`t${i}`));
    runInterval(0);
  },
  work(interval) {
    if (interval === 1) for (let i = 12; i < 48; i++) app.templates.set(`t${i}`, new WarmupEntry(`t${i}`));
    runInterval(interval);
  },
  count: () => ({
    ChatMessage: app.session.history.length,
    EmbeddingEntry: app.cache.size,
    KnowledgeNode: app.graph.nodes.size,
    RequestContext: app.inFlight.length,
    'onRequestData()': app.emitter.listenerCount('data'),
    Visit: app.visits,
    TempBuffer: app.scratch.size,
    WarmupEntry: app.templates.size,
  }),
});
