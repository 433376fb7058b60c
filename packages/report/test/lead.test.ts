import { describe, expect, it } from 'vitest';
import type { DiffResult, GrowingClass, PathStepJson } from '@heaptrail/diff';
import { leadSentence, pointChain, pointPlace, sourceOf } from '../src/lead.js';
import { renderDiffText } from '../src/text-diff.js';
import { renderDiffMarkdown } from '../src/markdown.js';
import { renderDiffHtml } from '../src/html/diff-html.js';
import { leakyResult } from './fixtures.js';

/** The fixture's leak as the head of a chain: the point is an instance, its top path repeats a link. */
function chained(text: string): { result: DiffResult; top: GrowingClass } {
  const base = leakyResult({ leak: 'LeakyThing' });
  const top0 = base.growing[0]!;
  const top: GrowingClass = {
    ...top0,
    accumulationPoint: { path: '(module scope) theThing → LeakyThing', className: 'LeakyThing', nodeId: 7, kind: null, sizes: null, holds: 4_000, of: 4_000 },
    paths: [{ ...top0.paths[0]!, text }, ...top0.paths.slice(1)],
  };
  return { result: { ...base, growing: [top, ...base.growing.slice(1)] }, top };
}

describe('leadSentence()', () => {
  it('names the repeated link when the accumulation point heads a chain of its own instances', () => {
    const { result, top } = chained('(module scope) theThing → LeakyThing (.someMethod → someMethod()::originalThing)×0–3,999 → LeakyThing');
    expect(pointChain(top.accumulationPoint!, top)).toBe('(.someMethod → someMethod()::originalThing)×0–3,999');
    expect(leadSentence(result)).toBe(
      '(module scope) theThing (LeakyThing) holds 4,000 of 4,000 new LeakyThing in a chain (.someMethod → someMethod()::originalThing)×0–3,999',
    );
  });

  it('adds no chain when the top path does not repeat right after the point, or the point is a collection', () => {
    const { result, top } = chained('(module scope) theThing → LeakyThing.next → LeakyThing');
    expect(pointChain(top.accumulationPoint!, top)).toBeNull();
    expect(leadSentence(result)).toBe('(module scope) theThing (LeakyThing) holds 4,000 of 4,000 new LeakyThing');
    const plain = leakyResult();
    expect(pointChain(plain.growing[0]!.accumulationPoint!, plain.growing[0]!)).toBeNull();
  });
});

/** The fixture with its top class replaced: `className`, its point, and a top path of `steps`. */
function topWith(className: string, steps: PathStepJson[], point: GrowingClass['accumulationPoint'], newSurvivors: number | null = 4_000): DiffResult {
  const base = leakyResult();
  const top0 = base.growing[0]!;
  const text = steps.map((s) => s.edge + s.className).join(' → ');
  const top: GrowingClass = { ...top0, className, newSurvivors, accumulationPoint: point, paths: [{ ...top0.paths[0]!, text, steps }] };
  return { ...base, growing: [top, ...base.growing.slice(1)] };
}

const at = (script: string, line: number) => ({ script, line, column: 3 });

describe('leadSentence() on timers and functions', () => {
  const list = { path: '(module scope of node:internal/timers) timerListMap[60000] → TimersList', className: 'TimersList', nodeId: 5, kind: null, sizes: null, holds: 450, of: 450 };
  const timerSteps = (callback: PathStepJson): PathStepJson[] => [
    { edge: '', className: 'system / Context', nodeId: 1, scope: { kind: 'module', script: 'node:internal/timers' } },
    { edge: '::timerListMap', className: 'Object', nodeId: 2 },
    { edge: '[60000]', className: 'TimersList', nodeId: 5 },
    { edge: '._idleNext', className: 'Timeout', nodeId: 6, location: at('node:internal/timers', 170) },
    callback,
    { edge: '(internal bound_this)', className: 'Poller', nodeId: 8, location: at('monitor.mjs', 37) },
  ];

  it("names the timers' duration and their callback where it is defined, for a point in Node's timer list", () => {
    const bound = { edge: '._onTimeout', className: 'native_bind()', nodeId: 7, name: 'poll() (bound)', location: at('monitor.mjs', 46) };
    expect(leadSentence(topWith('Poller', timerSteps(bound), list))).toBe(
      "450 of 450 new Poller held by pending 60000 ms timers (Node's timerListMap[60000]) through their callback poll() (bound) at monitor.mjs:46",
    );
    // Without comparable ids, no "new"; a callback of Node's own code, or none known, has no place.
    const internal = { ...bound, location: at('node:internal/streams', 9) };
    expect(leadSentence(topWith('Poller', timerSteps(internal), list, null))).toBe(
      "450 of 450 Poller held by pending 60000 ms timers (Node's timerListMap[60000]) through their callback poll() (bound)",
    );
  });

  it('leaves the callback out when the class is the callback itself, and gives its source as the class', () => {
    const steps = timerSteps({ edge: '._onTimeout', className: 'tick()', nodeId: 7, location: at('clock.mjs', 12) }).slice(0, 5);
    expect(leadSentence(topWith('tick()', steps, list))).toBe("450 of 450 new tick() at clock.mjs:12 held by pending 60000 ms timers (Node's timerListMap[60000])");
  });

  it("says the same under the class in the text report: the timers, not Node's module scope", () => {
    const bound = { edge: '._onTimeout', className: 'native_bind()', nodeId: 7, name: 'poll() (bound)', location: at('monitor.mjs', 46) };
    const lines = renderDiffText(topWith('Poller', timerSteps(bound), list), { color: false }).split('\n');
    expect(lines[lines.findIndex((l) => l.startsWith('Poller')) + 1]).toBe("    in pending 60000 ms timers (Node's timerListMap[60000]): holds 450 of 450 new Poller");
    expect(pointPlace(list)).toBe("pending 60000 ms timers (Node's timerListMap[60000])");
    // And the Markdown table and the HTML report.
    const result = topWith('Poller', timerSteps(bound), list);
    expect(renderDiffMarkdown(result)).toMatch(/\| `Poller` \|.*\| pending 60000 ms timers \(Node's `timerListMap\[60000\]`\) \|/);
    expect(renderDiffHtml(result)).toContain("Piles up in pending 60000 ms timers (Node's <code>timerListMap[60000]</code>): ");
    const other = { ...list, path: '(module scope of app.mjs) cache.timerListMapping → TimersList' };
    expect(pointPlace(other)).toBe('(module scope of app.mjs) cache.timerListMapping (TimersList)');
  });

  it('reads a point that only looks like a timer list as any other point', () => {
    const other = { ...list, path: '(module scope of app.mjs) cache.timerListMapping → TimersList' };
    expect(leadSentence(topWith('Poller', timerSteps({ edge: '._onTimeout', className: 'native_bind()', nodeId: 7 }), other))).toBe(
      '(module scope of app.mjs) cache.timerListMapping (TimersList) holds 450 of 450 new Poller',
    );
  });

  it("adds a function class's source line, from its top path's last step", () => {
    const steps: PathStepJson[] = [
      { edge: '', className: 'system / Context', nodeId: 1 },
      { edge: '::bus', className: 'EventEmitter', nodeId: 2 },
      { edge: '._events', className: 'Object', nodeId: 3 },
      { edge: '.data', className: 'Array', nodeId: 4 },
      { edge: '[]', className: 'onData()', nodeId: 9, location: at('server.mjs', 50) },
    ];
    const point = { path: '(module scope of server.mjs) bus._events.data → Array', className: 'Array', nodeId: 4, kind: 'Array' as const, sizes: [150, 600], holds: 450, of: 450 };
    expect(leadSentence(topWith('onData()', steps, point))).toBe('(module scope of server.mjs) bus._events.data (Array, 150 → 600 elements) holds 450 of 450 new onData() at server.mjs:50');
    // No point: the count, the function's line, the path.
    expect(leadSentence(topWith('onData()', steps, null))).toMatch(/^4,000 new onData\(\) at server\.mjs:50 held by /);
    // An object class names no line: its location is its class's declaration, not the leak.
    expect(leadSentence(topWith('Session', steps.map((s, i) => (i === 4 ? { ...s, className: 'Session' } : s)), point))).toBe(
      '(module scope of server.mjs) bus._events.data (Array, 150 → 600 elements) holds 450 of 450 new Session',
    );
  });

  it("sourceOf() names the program's files only", () => {
    expect(sourceOf({ edge: '', className: 'f()', nodeId: 1, location: at('lib/a.mjs', 3) })).toBe(' at lib/a.mjs:3');
    expect(sourceOf({ edge: '', className: 'f()', nodeId: 1, location: at('node:events', 3) })).toBe('');
    expect(sourceOf({ edge: '', className: 'f()', nodeId: 1, location: at('', 3) })).toBe('');
    expect(sourceOf({ edge: '', className: 'f()', nodeId: 1 })).toBe('');
    expect(sourceOf(undefined)).toBe('');
  });
});
