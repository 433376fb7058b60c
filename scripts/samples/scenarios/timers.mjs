// A health checker that starts one polling timer per monitored endpoint and never stops it.
// Leak: every endpoint gets a Poller whose constructor calls setInterval(this.poll.bind(this), 60_000); nothing
// calls clearInterval, so Node's timer list for 60000 ms keeps every Timeout, its bound callback and the Poller.
// The app keeps no reference of its own: the only path runs through Node's timer internals.
// Plateau: PollTarget configuration entries are loaded during the first interval, then stay.
// Churn: PollResult objects live in a small ring of recent results.
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const POLLERS_PER_INTERVAL = 150;
const POLL_EVERY_MS = 60_000;
const REGIONS = ['eu-west', 'us-east', 'ap-south', 'sa-east'];
const random = seededRandom(0x7133);

class PollTarget {
  constructor(region, index) {
    this.region = region;
    this.baseUrl = `https://${region}.status.example.com/v${index}`;
    this.timeoutMs = 2_000 + index * 100;
  }
}

class PollResult {
  constructor(url, status) {
    this.url = url;
    this.status = status;
    this.latencyMs = Math.round(random() * 250);
  }
}

const monitor = {
  targets: new Map(),
  recentResults: new RecentRing(16),
  started: 0,
};

class Poller {
  constructor(id, target) {
    this.id = id;
    this.url = `${target.baseUrl}/health/${id}`;
    this.failures = 0;
    this.lastStatus = 0;
    // The bug: the handle is stored on the poller itself and nobody calls clearInterval(this.timer).
    this.timer = setInterval(this.poll.bind(this), POLL_EVERY_MS);
  }

  poll() {
    const status = random() < 0.9 ? 200 : 503;
    this.lastStatus = status;
    if (status !== 200) this.failures++;
    monitor.recentResults.push(new PollResult(this.url, status));
  }
}

function loadTarget(i) {
  const region = REGIONS[i % REGIONS.length];
  monitor.targets.set(`${region}-${i}`, new PollTarget(region, i));
}

function watchEndpoints() {
  const keys = [...monitor.targets.keys()];
  for (let i = 0; i < POLLERS_PER_INTERVAL; i++) {
    const target = monitor.targets.get(keys[Math.floor(random() * keys.length)]);
    const poller = new Poller(++monitor.started, target);
    poller.poll(); // a first check right away, as health checkers do
  }
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 4; i++) loadTarget(i);
    watchEndpoints();
  },
  work(interval) {
    if (interval === 1) for (let i = 4; i < 12; i++) loadTarget(i);
    watchEndpoints();
  },
  count: () => ({
    Poller: monitor.started,
    Timeout: monitor.started,
    PollTarget: monitor.targets.size,
    PollResult: monitor.recentResults.size,
  }),
});
// The intervals would keep the process alive for good.
process.exit(0);
