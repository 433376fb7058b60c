// What each sample series is meant to show. The generator runs the programs, takes the counts from what they
// actually kept alive, checks them against the snapshots and writes samples/<name>/expected.json from this list.
//
// grows:         classes whose live count rises in every interval, with the node type and name that find them
//                in a raw snapshot and a name the shortest retaining path from the GC roots must contain.
// plateaus:      classes that grew once (warm-up) and then stayed flat.
// mustNotReport: classes a leak detector must stay quiet about (churned, bounded or plateaued).
// runner:        'series' = one process, 4 snapshots; 'processes' = 4 processes, one snapshot each, with
//                growing iteration counts; 'chromium' = a page in Debian's Chromium driven over CDP;
//                'near-heap-limit' = one process with a small heap whose only snapshot V8 writes itself.
//
// The later series also say what a report must explain (checked against the snapshots in lib/verify-facts.mjs):
// topClass:          the class a report must list first.
// accumulationPoint: the variable or collection a person must fix: an edge `name` to an object of class `kind`.
//                    `outside` is how many topClass instances it does not hold in the last snapshot (the newest
//                    link of a chain, objects on the stack); the generator records the exact number it holds.
// topPathWords:      words the top path of topClass must contain, in the program's own names.
// observed:          classes the program cannot count (Node's own objects) whose snapshot counts are recorded.

/** @param {string} name @param {string} pathContains */
const objects = (name, pathContains) => ({ className: name, match: { type: 'object', name }, pathContains });
/** @param {string} name @param {string} pathContains */
const closures = (name, pathContains) => ({ className: `${name}()`, match: { type: 'closure', name }, pathContains });

export const scenarios = [
  {
    scenario: 'agent-history',
    description: 'A long-running support agent appends every user and assistant ChatMessage to session.history and never prunes it.',
    runner: 'series',
    grows: [objects('ChatMessage', 'history')],
    plateaus: ['WarmupEntry'],
    mustNotReport: ['ToolCall', 'TempBuffer', 'WarmupEntry'],
  },
  {
    scenario: 'embedding-cache',
    description: 'An embedding cache (a Map keyed by prompt hash) gains an EmbeddingEntry with a Float32Array for every new prompt and never evicts.',
    runner: 'series',
    grows: [objects('EmbeddingEntry', 'cache')],
    plateaus: ['ModelShard'],
    mustNotReport: ['ModelShard', 'SimilarityQuery'],
  },
  {
    scenario: 'knowledge-graph',
    description: 'A knowledge graph adds KnowledgeNode objects and Relation objects (edges arrays and neighbor Sets between nodes) for every ingested document and never prunes.',
    runner: 'series',
    grows: [objects('KnowledgeNode', 'nodes'), objects('Relation', 'edges')],
    plateaus: ['SchemaType'],
    mustNotReport: ['SchemaType', 'ParsedDocument'],
  },
  {
    scenario: 'listeners',
    description: "Each request adds an emitter.on('data') listener, onRequestData, that captures its RequestContext and is never removed.",
    runner: 'series',
    grows: [closures('onRequestData', 'emitter'), objects('RequestContext', 'emitter')],
    plateaus: ['RouteHandler'],
    mustNotReport: ['RouteHandler', 'ResponseBuffer', 'onRequestDone()'],
  },
  {
    scenario: 'closure-context',
    description: 'A visit tracker closure keeps its captured array `seen` alive, and every crawled page pushes a Visit onto it.',
    runner: 'series',
    grows: [objects('Visit', 'seen')],
    plateaus: ['RobotsRule'],
    mustNotReport: ['RobotsRule', 'ParsedPage', 'scheduleRetry()'],
  },
  {
    scenario: 'control',
    description: 'The same workload shapes with bounds: history windows, an evicting cache, listeners removed, closures released; counts stay flat or go up and down.',
    runner: 'series',
    grows: [],
    plateaus: ['WarmupEntry'],
    mustNotReport: ['ChatMessage', 'EmbeddingEntry', 'KnowledgeNode', 'RequestContext', 'onRequestData()', 'Visit', 'TempBuffer', 'WarmupEntry'],
  },
  {
    scenario: 'cross-process',
    description: 'The same leaking job runner (AuditEvent records appended to auditLog.events) run as four processes with growing iteration counts, one snapshot each, so object ids are unrelated.',
    runner: 'processes',
    grows: [objects('AuditEvent', 'events')],
    plateaus: ['JobDefinition'],
    mustNotReport: ['JobDefinition', 'JobAttempt'],
  },
  {
    scenario: 'chromium-detached-dom',
    description: 'A page in Chromium renders result cards, removes them from the document but keeps them in a JavaScript array, so detached <div> trees accumulate.',
    runner: 'chromium',
    grows: [
      { className: 'Detached <div>', match: { type: 'native', name: '<div class="card">' }, pathContains: 'removedCards' },
      objects('CardModel', 'removedCards'),
    ],
    plateaus: ['ThemeToken'],
    mustNotReport: ['ThemeToken', 'RenderTask'],
  },
];

scenarios.push(
  {
    scenario: 'timers',
    description: 'A health checker starts setInterval(this.poll.bind(this), 60000) for every endpoint and never clears it, so Node\'s timer list keeps every Timeout, its bound callback and the Poller.',
    runner: 'series',
    grows: [objects('Poller', 'timerListMap'), objects('Timeout', 'timerListMap')],
    plateaus: ['PollTarget'],
    mustNotReport: ['PollTarget', 'PollResult'],
    topClass: 'Poller',
    accumulationPoint: {
      name: '60000',
      kind: 'TimersList',
      description: "Node's list of 60000 ms timers (timerListMap[60000]); the fix is clearInterval(this.timer)",
    },
    // `poll` is the bound_function of the native_bind callback: a report should name the callback by it.
    topPathWords: ['_onTimeout', 'poll', 'Poller'],
  },
  {
    scenario: 'closure-chain',
    description: 'The Meteor theThing leak: each replaceThing() makes a LeakyThing whose someMethod closure shares its context with `unused`, which mentions originalThing, so every LeakyThing keeps the previous one: a chain that grows by 300 links per interval.',
    runner: 'series',
    grows: [objects('LeakyThing', 'theThing'), closures('someMethod', 'theThing')],
    plateaus: ['FeatureFlag'],
    mustNotReport: ['FeatureFlag', 'RenderPass'],
    topClass: 'LeakyThing',
    accumulationPoint: {
      name: 'originalThing',
      kind: 'LeakyThing',
      outside: 1,
      description: 'the variable originalThing in the context replaceThing() shares between someMethod and unused',
    },
    topPathWords: ['theThing', 'someMethod', 'originalThing'],
  },
  {
    scenario: 'listener-warning',
    description: "Each request adds bus.on('data', function onData …) capturing its RequestContext, past the default 10 listeners; Node's MaxListenersExceededWarning still waits in the nextTick queue, holding the bus, in every snapshot.",
    runner: 'series',
    grows: [closures('onData', 'emitter'), objects('RequestContext', 'emitter')],
    plateaus: ['Subscription'],
    mustNotReport: ['Subscription', 'ParsedFrame'],
    topClass: 'RequestContext',
    accumulationPoint: { name: 'bus', kind: 'EventEmitter', description: "the module variable bus; its _events.data array holds the listeners" },
    topPathWords: ['bus', 'onData'],
  },
  {
    scenario: 'near-heap-limit',
    description: 'A post-mortem: one process with a 16 MB old space pushes LeakedBlob objects onto the module array `retained` until V8, run with --heapsnapshot-near-heap-limit=1, writes the only snapshot itself.',
    runner: 'near-heap-limit',
    grows: [],
    plateaus: [],
    mustNotReport: ['ConfigEntry', 'RecentEvent'],
    topClass: 'LeakedBlob',
    accumulationPoint: {
      name: 'retained',
      kind: 'Array',
      outside: 2,
      description: 'the module variable retained; V8 reaches it from (Stack roots) through the module context',
    },
    topPathWords: ['retained'],
  },
  {
    scenario: 'suspended-promise',
    description: 'Requests run async handleRequest(state) and wait at `await lock.acquire()` for a lock warmCache() never releases; lock.waiters keeps the resolve functions, and through them every suspended request and its RequestState.',
    runner: 'series',
    grows: [objects('RequestState', 'waiters')],
    plateaus: ['RouteConfig'],
    mustNotReport: ['RouteConfig', 'AccessLogLine'],
    topClass: 'RequestState',
    accumulationPoint: { name: 'waiters', kind: 'Array', description: 'lock.waiters, the resolve functions of promises nobody resolves' },
    topPathWords: ['lock', 'waiters'],
  },
  {
    scenario: 'node-modules-lib',
    description: 'The app labels a histogram with the request id; the metrics library in node_modules/metrics-lite keeps one Histogram per label set in its registry.histograms Map, and the app holds the registry in its own variable too.',
    runner: 'series',
    grows: [objects('Histogram', 'histograms')],
    plateaus: ['RouteStats'],
    mustNotReport: ['RouteStats', 'ResponseTiming'],
    topClass: 'Histogram',
    accumulationPoint: {
      name: 'histograms',
      kind: 'Map',
      description: "metrics-lite's registry.histograms; the fix is in the app: no per-request label values",
    },
    topPathWords: ['registry', 'histograms'],
  },
  {
    scenario: 'string-service',
    description: 'A session service among Node noise (http, util.inspect with colors, fs.statSync, timers) stores a SessionRecord with concatenated and sliced strings in sessionsById, a Map keyed by "c-1042"-like ids, on every login and never deletes it.',
    runner: 'series',
    grows: [objects('SessionRecord', 'sessionsById')],
    plateaus: ['ServiceConfig', 'Object'],
    mustNotReport: ['ServiceConfig', 'DebugLine', 'Object'],
    topClass: 'SessionRecord',
    accumulationPoint: { name: 'sessionsById', kind: 'Map', description: 'the module variable sessionsById' },
    topPathWords: ['sessionsById'],
    observed: ['Object'],
  },
);

/** How to find a class's instances in a raw snapshot: `name()` is a closure, anything else an object. */
export function matchFor(className) {
  return className.endsWith('()')
    ? { type: 'closure', name: className.slice(0, -2) }
    : { type: 'object', name: className };
}
