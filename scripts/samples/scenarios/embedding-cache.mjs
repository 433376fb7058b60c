// An embedding cache keyed by prompt hash that never evicts.
// Leak: every new prompt adds an EmbeddingEntry (holding a Float32Array) to embedder.cache.
// Plateau: model weight shards (ModelShard) are loaded lazily during the first interval, then stay.
// Churn: SimilarityQuery objects are made per lookup; a small ring of recent ones survives.
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const DIMENSIONS = 64;
const NEW_PROMPTS_PER_INTERVAL = 150;
const REPEATED_PROMPTS_PER_INTERVAL = 150;
const SHARD_COUNT = 12;

class EmbeddingEntry {
  constructor(key, vector, model) {
    this.key = key;
    this.vector = vector;
    this.model = model;
    this.hits = 0;
  }
}

class ModelShard {
  constructor(index) {
    this.index = index;
    this.weights = new Float32Array(128).fill(index / SHARD_COUNT);
  }
}

class SimilarityQuery {
  constructor(vector, topK) {
    this.vector = vector;
    this.topK = topK;
    this.scores = [];
  }
}

const embedder = {
  model: 'text-embed-small',
  cache: new Map(),
  shards: [],
  recentQueries: new RecentRing(20),
  prompts: 0,
};

const random = seededRandom(2);

/** FNV-1a over the prompt, as hex: the cache key. */
function hashPrompt(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

function computeEmbedding(text) {
  const vector = new Float32Array(DIMENSIONS);
  for (let i = 0; i < text.length; i++) vector[i % DIMENSIONS] += text.charCodeAt(i) / 1000;
  for (const shard of embedder.shards) vector[shard.index] *= shard.weights[0] + 1;
  return vector;
}

function embed(text) {
  const key = hashPrompt(text);
  let entry = embedder.cache.get(key);
  if (entry === undefined) {
    entry = new EmbeddingEntry(key, computeEmbedding(text), embedder.model);
    embedder.cache.set(key, entry);
  }
  entry.hits++;
  const query = new SimilarityQuery(entry.vector, 5);
  query.scores.push(entry.vector[0], entry.vector[1]);
  embedder.recentQueries.push(query);
  return entry.vector;
}

function runInterval() {
  for (let i = 0; i < NEW_PROMPTS_PER_INTERVAL; i++) {
    embed(`document chunk ${++embedder.prompts}: quarterly report section ${embedder.prompts % 17}`);
  }
  for (let i = 0; i < REPEATED_PROMPTS_PER_INTERVAL; i++) {
    const earlier = 1 + Math.floor(random() * embedder.prompts);
    embed(`document chunk ${earlier}: quarterly report section ${earlier % 17}`);
  }
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 4; i++) embedder.shards.push(new ModelShard(i));
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 4; i < SHARD_COUNT; i++) embedder.shards.push(new ModelShard(i));
    runInterval();
  },
  count: () => ({
    EmbeddingEntry: embedder.cache.size,
    ModelShard: embedder.shards.length,
    SimilarityQuery: embedder.recentQueries.size,
  }),
});
