// The first line of a diff report: the thing to fix, in the program's own words. For the
// top class with an accumulation point: where its new instances pile up and how that
// grew ("agent.session.history (Array, 200 → 800 elements) holds 600 of 600 new
// ChatMessage", and the repeated link when the point heads a chain of instances); without
// one, the top class and its top path. A function names its source line, the one to fix
// ("new onRequestData() at server.mjs:58"); a point in Node's timer list names the timers
// and their callback, since the program holds none of it itself.

import type { AccumulationPoint, DiffResult, GrowingClass, PathStepJson } from '@heaptrail/diff';
import { isRuntimeScript } from '@heaptrail/graph';
import { formatCount } from './format.js';

const MEMBERS: Readonly<Record<NonNullable<AccumulationPoint['kind']>, string>> = {
  Array: 'elements',
  Map: 'entries',
  Set: 'entries',
  Object: 'properties',
};

/** The point's path without the class it ends at: "(module scope) agent.session.history". */
export function pointName(p: AccumulationPoint): string {
  const suffix = ` → ${p.className}`;
  return p.path.endsWith(suffix) ? p.path.slice(0, -suffix.length) : p.path;
}

/** "Array, 200 → 800 elements" or "TimersList" (its class, and its members when counted). */
export function pointShape(p: AccumulationPoint): string {
  if (p.kind === null || p.sizes === null) return p.className;
  // First and last snapshot; an unknown first size (absent then, under 16, or ids not
  // comparable across processes) is left out rather than guessed.
  const first = p.sizes[0];
  const last = p.sizes[p.sizes.length - 1]!;
  const shown = first === null || first === undefined || p.sizes.length < 2 ? [last] : [first, last];
  return `${p.className}, ${shown.map((n) => formatCount(n!)).join(' → ')} ${MEMBERS[p.kind]}`;
}

/** "holds 600 of 600 new ChatMessage" (or "of 600 ChatMessage" without comparable ids). */
export function pointHolds(p: AccumulationPoint, cls: GrowingClass): string {
  return `holds ${heldCount(p, cls)}`;
}

/** "600 of 600 new ChatMessage" (or "of 600 ChatMessage" without comparable ids). */
function heldCount(p: AccumulationPoint, cls: GrowingClass): string {
  const which = cls.newSurvivors === null ? '' : 'new ';
  return `${formatCount(p.holds)} of ${formatCount(p.of)} ${which}${cls.className}`;
}

/**
 * When the point is itself an instance, the head of a chain of them (each instance holds
 * the one before), the link that repeats on the top path: "(.someMethod →
 * someMethod()::originalThing)×0–899", which names the variable to fix. Null otherwise.
 */
export function pointChain(p: AccumulationPoint, cls: GrowingClass): string | null {
  const text = cls.paths[0]?.text;
  const prefix = `${p.path} (`;
  if (p.className !== cls.className || text === undefined || !text.startsWith(prefix)) return null;
  // The run's closing parenthesis: names inside it have their own (`someMethod()`).
  let depth = 1;
  let i = prefix.length;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  const times = /^×[\d,]+(?:–[\d,]+)?/.exec(text.slice(i));
  return depth === 0 && times ? text.slice(prefix.length - 1, i) + times[0] : null;
}

/** " at server.mjs:58": where a step's function or class is in the program; empty for Node's own code. */
export function sourceOf(step: PathStepJson | undefined): string {
  const l = step?.location;
  return l === undefined || isRuntimeScript(l.script) ? '' : ` at ${l.script}:${l.line}`;
}

/** " at server.mjs:58" after a class that is a function, from the last step of its top path. */
function functionSource(cls: GrowingClass): string {
  if (!cls.className.endsWith('()')) return '';
  const steps = cls.paths[0]?.steps;
  const last = steps?.[steps.length - 1];
  return last?.className === cls.className ? sourceOf(last) : '';
}

// Node's list of the pending timers of one duration, as a path names it.
const TIMER_LIST = /(?:^|[ .])timerListMap\[(\d+)\]$/;

/**
 * "450 of 450 new Poller held by pending 60000 ms timers (Node's timerListMap[60000])
 * through their callback poll() (bound) at monitor.mjs:46", or null when the point is no
 * timer list.
 */
export function timerLead(p: AccumulationPoint, cls: GrowingClass): string | null {
  const list = timerList(p);
  if (list === null) return null;
  const callback = cls.paths[0]?.steps.find((s) => s.edge === '._onTimeout');
  const through = callback === undefined || callback.className === cls.className ? '' : ` through their callback ${callback.name ?? callback.className}${sourceOf(callback)}`;
  return `${heldCount(p, cls)}${functionSource(cls)} held by ${timersPhrase(list)}${through}`;
}

/** The duration of the timers whose list the point is (Node's timerListMap[ms]), or null when it is no timer list. */
export function timerList(p: AccumulationPoint): string | null {
  return p.className === 'TimersList' ? (TIMER_LIST.exec(pointName(p))?.[1] ?? null) : null;
}

/** "pending 60000 ms timers (Node's timerListMap[60000])", the list's name through `code` (Markdown's or HTML's code markup). */
export function timersPhrase(ms: string, code: (name: string) => string = (name) => name): string {
  return `pending ${ms} ms timers (Node's ${code(`timerListMap[${ms}]`)})`;
}

/** How a report marks up the parts of a point's place: plain text for the terminal, Markdown, HTML. */
export interface PlaceMarkup {
  /** The point's path. */
  readonly name: (path: string) => string;
  /** Its shape, "Map, 12 → 4,012 entries". */
  readonly shape: (text: string) => string;
  /** The timer list's name, `timerListMap[60000]`. */
  readonly code: (name: string) => string;
}

const PLAIN: PlaceMarkup = { name: (s) => s, shape: (s) => s, code: (s) => s };

/**
 * Where a class piles up, for a class's line under the lead: "(module scope of app.mjs)
 * cache (Map, 12 → 4,012 entries)", or for Node's timer list the words of the timer lead,
 * "pending 60000 ms timers (Node's timerListMap[60000])", not the runtime's module scope.
 */
export function pointPlace(p: AccumulationPoint, markup: PlaceMarkup = PLAIN): string {
  const list = timerList(p);
  return list === null ? `${markup.name(pointName(p))} (${markup.shape(pointShape(p))})` : timersPhrase(list, markup.code);
}

/** The lead sentence, or null when nothing grows. */
export function leadSentence(result: DiffResult): string | null {
  const top = result.growing.find((g) => g.category === 'user') ?? result.growing[0];
  if (!top) return null;
  const p = top.accumulationPoint;
  if (p) {
    const timers = timerLead(p, top);
    if (timers !== null) return timers;
    const chain = pointChain(p, top);
    return `${pointName(p)} (${pointShape(p)}) ${pointHolds(p, top)}${functionSource(top)}${chain === null ? '' : ` in a chain ${chain}`}`;
  }
  const path = top.paths[0];
  const count = top.newSurvivors ?? top.growth.count;
  return path ? `${formatCount(count)} new ${top.className}${functionSource(top)} held by ${path.text}` : `${top.className} grows by ${formatCount(top.growth.count)}`;
}
