// A long-running agent whose dialogue history is never pruned.
// Leak: every step appends a user and an assistant ChatMessage to agent.session.history.
// Plateau: prompt templates (WarmupEntry) load lazily during the first interval, then stay.
// Churn: ToolCall and TempBuffer objects are made every step; only a small ring of recent ones survives.
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const STEPS_PER_INTERVAL = 100;
const TEMPLATE_COUNT = 48;
const TOPICS = ['refund', 'shipping', 'invoice', 'password', 'upgrade', 'cancellation', 'warranty', 'delivery'];

class ChatMessage {
  constructor(role, content, turn) {
    this.role = role;
    this.content = content;
    this.turn = turn;
    this.tokenCount = Math.ceil(content.length / 4);
  }
}

class ToolCall {
  constructor(name, args) {
    this.name = name;
    this.args = args;
    this.result = null;
  }
}

class TempBuffer {
  constructor(size) {
    this.bytes = new Uint8Array(size);
    this.used = 0;
  }
}

class WarmupEntry {
  constructor(name, template) {
    this.name = name;
    this.template = template;
  }
}

const agent = {
  name: 'support-agent',
  session: { id: 'session-1', history: [] },
  templates: new Map(),
  recentToolCalls: new RecentRing(16),
  scratch: new RecentRing(8),
  turn: 0,
};

const random = seededRandom(1);

function loadTemplate(i) {
  const name = `template-${i}`;
  agent.templates.set(name, new WarmupEntry(name, `You are a helpful assistant for ${TOPICS[i % TOPICS.length]} questions (v${i}).`));
}

function buildPrompt() {
  // The prompt is rebuilt from the whole history every turn, which is why nobody notices it growing.
  const buffer = new TempBuffer(256);
  const recent = agent.session.history.slice(-6);
  for (const message of recent) buffer.used += message.tokenCount;
  agent.scratch.push(buffer);
  return buffer.used;
}

function step() {
  const turn = ++agent.turn;
  const topic = TOPICS[Math.floor(random() * TOPICS.length)];
  agent.session.history.push(new ChatMessage('user', `turn ${turn}: I have a question about my ${topic}`, turn));
  const contextTokens = buildPrompt();
  const call = new ToolCall('lookupOrder', { orderId: 1000 + turn, topic });
  call.result = { status: 'ok', tokens: contextTokens };
  agent.recentToolCalls.push(call);
  agent.session.history.push(new ChatMessage('assistant', `turn ${turn}: here is what I found about your ${topic}`, turn));
}

function runSteps() {
  for (let i = 0; i < STEPS_PER_INTERVAL; i++) step();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 12; i++) loadTemplate(i);
    runSteps();
  },
  work(interval) {
    if (interval === 1) for (let i = 12; i < TEMPLATE_COUNT; i++) loadTemplate(i);
    runSteps();
  },
  count: () => ({
    ChatMessage: agent.session.history.length,
    WarmupEntry: agent.templates.size,
    ToolCall: agent.recentToolCalls.size,
    TempBuffer: agent.scratch.size,
  }),
});
