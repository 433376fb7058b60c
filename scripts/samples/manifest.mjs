// What each sample series is meant to show. The generator runs the programs, takes the counts from what they
// actually kept alive, checks them against the snapshots and writes samples/<name>/expected.json from this list.
//
// grows:         classes whose live count rises in every interval, with the node type and name that find them
//                in a raw snapshot and a name the shortest retaining path from the GC roots must contain.
// plateaus:      classes that grew once (warm-up) and then stayed flat.
// mustNotReport: classes a leak detector must stay quiet about (churned, bounded or plateaued).
// runner:        'series' = one process, 4 snapshots; 'processes' = 4 processes, one snapshot each, with
//                growing iteration counts; 'chromium' = a page in Debian's Chromium driven over CDP.

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

/** How to find a class's instances in a raw snapshot: `name()` is a closure, anything else an object. */
export function matchFor(className) {
  return className.endsWith('()')
    ? { type: 'closure', name: className.slice(0, -2) }
    : { type: 'object', name: className };
}
