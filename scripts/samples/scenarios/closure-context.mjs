// A crawler whose visit tracker is a closure over a growing array.
// Leak: createVisitTracker() returns recordVisit, whose closure keeps `seen` alive; every page pushes a Visit.
// Plateau: robots.txt rules (RobotsRule) are fetched during the first interval, then cached for good.
// Churn: ParsedPage objects live in a small ring; failed pages schedule a retry closure, scheduleRetry(),
// that runs and is released every RETRY_BATCH pages, so their count goes up and down.
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const PAGES_PER_INTERVAL = 150;
const FAIL_EVERY = 5;
const RETRY_BATCH = 32;
const HOSTS = ['docs.example.com', 'blog.example.com', 'shop.example.com', 'api.example.com', 'status.example.com'];

class Visit {
  constructor(url, step, status) {
    this.url = url;
    this.step = step;
    this.status = status;
  }
}

class RobotsRule {
  constructor(host, pattern, allow) {
    this.host = host;
    this.pattern = pattern;
    this.allow = allow;
  }
}

class ParsedPage {
  constructor(url, title, links) {
    this.url = url;
    this.title = title;
    this.links = links;
  }
}

function createVisitTracker() {
  const seen = [];
  return function recordVisit(url, step, status) {
    seen.push(new Visit(url, step, status));
    return seen.length;
  };
}

const crawler = {
  recordVisit: createVisitTracker(),
  robots: new Map(),
  recentPages: new RecentRing(8),
  retries: [],
  crawled: 0,
  visits: 0,
};

function fetchRobots(hostIndex) {
  const host = HOSTS[hostIndex];
  const rules = [];
  for (let i = 0; i < 6; i++) rules.push(new RobotsRule(host, `/private/${i}/`, i % 2 === 0));
  crawler.robots.set(host, rules);
}

function crawl() {
  const n = ++crawler.crawled;
  const url = `https://${HOSTS[n % HOSTS.length]}/page/${n}`;
  const failed = n % FAIL_EVERY === 0;
  crawler.visits = crawler.recordVisit(url, n, failed ? 503 : 200);
  if (failed) {
    const attempt = { url, tries: 1 };
    crawler.retries.push(function scheduleRetry() {
      attempt.tries++;
      return attempt.url;
    });
  } else {
    crawler.recentPages.push(new ParsedPage(url, `Page ${n}`, [`${url}/next`, `${url}/prev`]));
  }
  if (n % RETRY_BATCH === 0) {
    for (const retry of crawler.retries) retry();
    crawler.retries = [];
  }
}

function runInterval() {
  for (let i = 0; i < PAGES_PER_INTERVAL; i++) crawl();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 2; i++) fetchRobots(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 2; i < HOSTS.length; i++) fetchRobots(i);
    runInterval();
  },
  count: () => {
    let rules = 0;
    for (const list of crawler.robots.values()) rules += list.length;
    return {
      Visit: crawler.visits,
      RobotsRule: rules,
      ParsedPage: crawler.recentPages.size,
      'scheduleRetry()': crawler.retries.length,
    };
  },
});
