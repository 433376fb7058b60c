// The Meteor shared-closure leak: every replaceThing() makes a LeakyThing whose someMethod closure shares its
// function context with `unused`, and `unused` mentions originalThing. V8 gives all closures of one scope a single
// context, so someMethod keeps originalThing alive although it never uses it: the LeakyThings form a chain
// theThing → someMethod → context → originalThing → someMethod → … that grows by one link per call.
// Plateau: FeatureFlag entries are read during the first interval, then stay.
// Churn: RenderPass objects live in a small ring.
import { parseArgs, runSeries, RecentRing, seededRandom } from '../lib/series.mjs';

const REPLACEMENTS_PER_INTERVAL = 300;
const random = seededRandom(0xc1a5);

class LeakyThing {
  constructor(generation, longStr, someMethod) {
    this.generation = generation;
    this.longStr = longStr;
    this.someMethod = someMethod;
  }
}

class FeatureFlag {
  constructor(name, enabled) {
    this.name = name;
    this.enabled = enabled;
  }
}

class RenderPass {
  constructor(thing) {
    this.generation = thing.generation;
    this.width = Math.round(random() * 1200);
  }
}

let theThing = null;
let replaced = 0;
const flags = new Map();
const recentPasses = new RecentRing(10);

function replaceThing() {
  const originalThing = theThing;
  // Never called, but it shares the closure context with someMethod, and it mentions originalThing.
  const unused = function () {
    if (originalThing) return 'hi';
    return '';
  };
  const message = `generation ${replaced}`;
  theThing = new LeakyThing(
    ++replaced,
    `${'*'.repeat(24)}${replaced.toString(36)}`,
    function someMethod() {
      return message;
    },
  );
  recentPasses.push(new RenderPass(theThing));
}

function readFlag(i) {
  flags.set(`flag-${i}`, new FeatureFlag(`flag-${i}`, random() < 0.5));
}

function runInterval() {
  for (let i = 0; i < REPLACEMENTS_PER_INTERVAL; i++) replaceThing();
}

runSeries(parseArgs(), {
  setup() {
    for (let i = 0; i < 3; i++) readFlag(i);
    runInterval();
  },
  work(interval) {
    if (interval === 1) for (let i = 3; i < 9; i++) readFlag(i);
    runInterval();
  },
  count: () => ({
    LeakyThing: replaced,
    'someMethod()': replaced,
    FeatureFlag: flags.size,
    RenderPass: recentPasses.size,
  }),
});
