// A knowledge graph that ingests documents and never prunes.
// Leak: each document adds KnowledgeNode objects (in graph.nodes, a Map) and Relation objects
// (in each node's `edges` array, with a `neighbors` Set linking nodes both ways).
// Plateau: the schema (SchemaType) is completed during the first interval, then stays.
// Churn: ParsedDocument objects are made per document; a small ring of recent ones survives.
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const DOCUMENTS_PER_INTERVAL = 60;
const SCHEMA = ['Person', 'Company', 'Product', 'Place', 'Event', 'Topic', 'Document', 'Policy', 'Team', 'Project'];
const PREDICATES = ['mentions', 'worksFor', 'locatedIn', 'partOf', 'relatedTo'];

class KnowledgeNode {
  constructor(id, label, type) {
    this.id = id;
    this.label = label;
    this.type = type;
    this.edges = [];
    this.neighbors = new Set();
  }
}

class Relation {
  constructor(predicate, target, weight) {
    this.predicate = predicate;
    this.target = target;
    this.weight = weight;
  }
}

class SchemaType {
  constructor(name) {
    this.name = name;
    this.properties = ['label', 'source'];
  }
}

class ParsedDocument {
  constructor(id, text) {
    this.id = id;
    this.text = text;
    this.entities = [];
  }
}

const graph = {
  nodes: new Map(),
  schema: new Map(),
  recentDocuments: new RecentRing(10),
  documents: 0,
};

function defineType(i) {
  graph.schema.set(SCHEMA[i], new SchemaType(SCHEMA[i]));
}

function addNode(label, typeIndex) {
  const type = graph.schema.get(SCHEMA[typeIndex % graph.schema.size]);
  const node = new KnowledgeNode(`n${graph.nodes.size + 1}`, label, type);
  graph.nodes.set(node.id, node);
  return node;
}

function relate(from, to, predicate, weight) {
  from.edges.push(new Relation(predicate, to, weight));
  from.neighbors.add(to);
  to.neighbors.add(from);
}

/** Each document yields two new entities and links them to each other and to an older entity. */
function ingest() {
  const n = ++graph.documents;
  const doc = new ParsedDocument(n, `document ${n} about entity ${n * 2} and entity ${n * 2 + 1}`);
  const a = addNode(`entity ${n * 2}`, n);
  const b = addNode(`entity ${n * 2 + 1}`, n + 3);
  doc.entities.push(a.id, b.id);
  const older = graph.nodes.get(`n${1 + ((n * 7) % graph.nodes.size)}`);
  relate(a, b, PREDICATES[n % PREDICATES.length], 1);
  relate(b, a, PREDICATES[(n + 1) % PREDICATES.length], 1);
  relate(a, older, 'mentions', 0.5);
  relate(b, older, 'relatedTo', 0.25);
  relate(older, a, 'mentionedBy', 0.5);
  graph.recentDocuments.push(doc);
}

function runInterval() {
  for (let i = 0; i < DOCUMENTS_PER_INTERVAL; i++) ingest();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 6; i++) defineType(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 6; i < SCHEMA.length; i++) defineType(i);
    runInterval();
  },
  count: () => {
    let relations = 0;
    for (const node of graph.nodes.values()) relations += node.edges.length;
    return {
      KnowledgeNode: graph.nodes.size,
      Relation: relations,
      SchemaType: graph.schema.size,
      ParsedDocument: graph.recentDocuments.size,
    };
  },
});
