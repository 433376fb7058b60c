// End-to-end: what a person reads first in the report of each sample series. The built CLI's
// JSON (with its HTML report), and the text and Markdown rendered from that JSON (the CLI's text
// output is the same, checked once), are checked against the facts of samples/*/expected.json: the top growing class, the variable
// or collection it piles up in (`accumulationPoint`), the words its top path must carry
// (`topPathWords`) and a lead line that names the program's variable. The post-mortem
// (one snapshot) is read with `summary` and `paths`. Build first: `npx tsc -b packages/cli`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult, GrowingClass } from '@heaptrail/diff';
import { renderDiff } from '@heaptrail/report';
import { BIN, readExpected, runCli, SAMPLES, type Expected, type Run } from './helpers/cli.js';

/** The later series' facts (scripts/samples/lib/verify-facts.mjs writes them). */
interface Facts extends Expected {
  readonly topClass?: string;
  readonly accumulationPoint?: { readonly name: string; readonly kind: string; readonly holds: number[] };
  readonly topPathWords?: string[];
  readonly counts?: Record<string, number[]>;
  readonly facts?: Record<string, unknown>;
}

interface PathStep {
  readonly edge: string;
  readonly className: string;
  readonly nodeId: number;
  readonly location?: { readonly script: string };
}

const all: Facts[] = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((d) => existsSync(join(SAMPLES, d, 'expected.json')))
      .sort()
      .map((d) => readExpected(d) as Facts)
  : [];
const series = all.filter((e) => e.files.length > 1);
const postMortems = all.filter((e) => e.files.length === 1);
const files = (e: Expected) => e.files.map((f) => join('samples', e.scenario, f));

interface Reports {
  readonly json: DiffResult;
  readonly text: string;
  readonly markdown: string;
  readonly html: string;
}

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-leads-'));
const reports = new Map<string, Reports>();
const failures = new Map<string, string>();

const ok = (r: Run, what: string): string => {
  if (r.code !== 0) throw new Error(`${what}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
};

// One CLI run per series (JSON and its HTML report), two series at a time.
beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} missing: run npx tsc -b packages/cli`).toBe(true);
  const queue = [...series];
  const worker = async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      try {
        const html = join(dir, `${e.scenario}.html`);
        const json = JSON.parse(ok(await runCli(['diff', ...files(e), '--format', 'json', '--html', html, '-q']), e.scenario)) as DiffResult;
        const [text, markdown] = [renderDiff(json, 'text', { color: false, quiet: true }), renderDiff(json, 'markdown')];
        reports.set(e.scenario, { json, text, markdown, html: readFileSync(html, 'utf8') });
      } catch (err) {
        failures.set(e.scenario, String(err));
      }
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reportsOf(scenario: string): Reports {
  expect(failures.get(scenario)).toBeUndefined();
  return reports.get(scenario)!;
}

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The lead sentence in each format: text's first line, Markdown's heading, HTML's lead paragraph. */
function leads(r: Reports): { text: string | undefined; markdown: string | undefined; html: string | undefined } {
  const text = /^heaptrail: leak: (.*)$/.exec(r.text.split('\n')[0]!)?.[1];
  const markdown = /^### \S+ heaptrail: leak: `(.*)`$/.exec(r.markdown.split('\n')[0]!)?.[1];
  const html = /<p class="lead">Leak: <code>(.*?)<\/code><\/p>/.exec(r.html)?.[1];
  return { text, markdown, html: html === undefined ? undefined : unescapeHtml(html) };
}

/** An edge label without its notation: `::bus`, `.data`, `[60000]` → `bus`, `data`, `60000`. */
const bareLabel = (edge: string) => edge.replace(/^(?:::|\.)/, '').replace(/^\[(.*)\]$/, '$1');

/** Whether `text` names `word` as a step of a path (` bus.`, `.data `, `[60000]`), not inside another word. */
const namesStep = (text: string, word: string) => new RegExp(`(?:^|[ .\\[:])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[ .\\[\\]()]|$)`).test(text);

/** The line of the text report that shows `cls`'s top path (the first path line under its row). */
function textPathLine(text: string, cls: GrowingClass): string | undefined {
  const top = cls.paths[0]!;
  return text.split('\n').find((l) => /^\s+[\d,]+×/.test(l) && l.endsWith(top.text));
}

describe('the lead line of every sample series', () => {
  it('has series to read', () => {
    expect(series.length).toBeGreaterThan(0);
    expect(series.some((e) => e.topClass !== undefined)).toBe(true);
  });

  it("is the first line of the CLI's own text output, which is the text rendered from its JSON", async () => {
    const e = series.find((s) => s.scenario === 'listener-warning')!;
    const text = ok(await runCli(['diff', ...files(e), '-q']), e.scenario);
    expect(text).toBe(reportsOf(e.scenario).text);
    expect(text.split('\n')[0]).toMatch(/^heaptrail: leak: /);
  });

  for (const e of series) {
    const where = e.grows[0]?.pathContains;
    it(`${e.scenario}: ${where === undefined ? 'says nothing grows' : `names the program's "${where}", the same in text, Markdown and HTML`}`, () => {
      const r = reportsOf(e.scenario);
      const lead = leads(r);
      if (where === undefined) {
        expect(lead).toEqual({ text: undefined, markdown: undefined, html: undefined });
        expect(r.text.split('\n')[0]).toMatch(/^heaptrail: No class grows/);
        return;
      }
      expect(lead.text).toBeDefined();
      expect(lead.markdown).toBe(lead.text);
      expect(lead.html).toBe(lead.text);
      // It starts at the program's global or module variable, not at V8's roots or a DevTools handle.
      expect(lead.text).not.toMatch(/\(GC roots\)|\(Global handles\)|DevTools/);
      expect(namesStep(lead.text!, where), lead.text).toBe(true);
      const first = r.json.growing.find((g) => g.category === 'user')!;
      expect(lead.text).toContain(first.className);
    });
  }
});

describe('the facts each later series promises', () => {
  for (const e of series.filter((s) => s.topClass !== undefined)) {
    const point = e.accumulationPoint!;
    describe(e.scenario, () => {
      const classOf = (r: Reports, name: string) => {
        const cls = r.json.growing.find((g) => g.className === name);
        expect(cls, `${name} reported`).toBeDefined();
        return cls!;
      };

      it(`lists ${e.topClass} first, or first after the holder class it is held by`, () => {
        const r = reportsOf(e.scenario);
        const first = r.json.growing.find((g) => g.category === 'user')!;
        const top = classOf(r, e.topClass!);
        expect(top.counts).toEqual(e.counts![e.topClass!]);
        // A holder (a listener closure holding the request context) may come first.
        if (first !== top) expect(top.heldBy).toBe(first.className);
        for (const name of e.mustNotReport) expect(r.json.growing.map((g) => g.className)).not.toContain(name);
      });

      it(`piles ${e.topClass} up in ${point.name} (${point.kind}), which its top path goes through`, () => {
        const r = reportsOf(e.scenario);
        const top = classOf(r, e.topClass!);
        const p = top.accumulationPoint;
        expect(p).not.toBeNull();
        const steps = top.paths[0]!.steps as readonly PathStep[];
        // The report's point is on the top path, and so is the program's variable of the expected class.
        expect(steps.some((s) => s.nodeId === p!.nodeId)).toBe(true);
        expect(steps.some((s) => bareLabel(s.edge) === point.name && s.className === point.kind), top.paths[0]!.text).toBe(true);
        // It holds every new instance the expected point holds.
        expect(p!.of).toBe(top.newSurvivors);
        expect(p!.holds).toBeGreaterThanOrEqual(point.holds[point.holds.length - 1]! - point.holds[0]!);
      });

      it(`says ${e.topPathWords!.join(', ')} on the top path of ${e.topClass}, in JSON, text, Markdown and HTML`, () => {
        const r = reportsOf(e.scenario);
        const top = classOf(r, e.topClass!);
        const path = top.paths[0]!.text;
        for (const word of e.topPathWords!) expect(path).toContain(word);
        expect(textPathLine(r.text, top)).toBeDefined();
        expect(r.markdown).toContain(path);
        expect(unescapeHtml(r.html)).toContain(path);
      });

      it('names the point in the lead line', () => {
        const lead = leads(reportsOf(e.scenario)).text!;
        expect(namesStep(lead, point.name), lead).toBe(true);
      });
    });
  }
});

describe("what a person needs from each leak's report", () => {
  const top = (scenario: string, name: string) => {
    const r = reportsOf(scenario);
    return { r, cls: r.json.growing.find((g) => g.className === name)! };
  };

  it("timers: one path group for all new Pollers, along Node's timer list to the bound poll()", () => {
    const { r, cls } = top('timers', 'Poller');
    expect(cls.paths).toHaveLength(1);
    const path = cls.paths[0]!;
    expect(path.count).toBe(cls.newSurvivors);
    expect(path.text).toMatch(/\(\._idleNext\)×\d+–\d+ → Timeout\._onTimeout → poll\(\).* → Poller$/);
    expect(path.repeats[0]!.max).toBeGreaterThan(1);
    expect(textPathLine(r.text, cls)).toMatch(new RegExp(`^\\s+${cls.newSurvivors}× `));
    // The lead names what the program did: timers it never cleared, and the callback it gave them, where it is defined.
    expect(leads(r).text).toBe(
      `${cls.newSurvivors} of ${cls.newSurvivors} new Poller held by pending 60000 ms timers (Node's timerListMap[60000]) through their callback poll() (bound) at scenarios/timers.mjs:46`,
    );
  });

  it("listeners: the lead names the listener's source line, where it is added", () => {
    const { r, cls } = top('listeners', 'onRequestData()');
    expect(leads(r).text).toMatch(/ holds 450 of 450 new onRequestData\(\) at scenarios\/listeners\.mjs:58$/);
    expect(cls.paths[0]!.steps.at(-1)!.location).toMatchObject({ script: 'scenarios/listeners.mjs', line: 58 });
  });

  it('closure-chain: one group of all new LeakyThings, the chain through the context of someMethod() with its repeat count', () => {
    const { r, cls } = top('closure-chain', 'LeakyThing');
    const path = cls.paths[0]!;
    expect(path.count).toBe(cls.newSurvivors);
    expect(path.text).toContain('(.someMethod → someMethod()::originalThing)×');
    // Every new instance but the newest hangs off the one after it.
    expect(path.repeats[0]!.max).toBe(cls.newSurvivors! - 1);
    expect(leads(r).text).toContain(`in a chain (.someMethod → someMethod()::originalThing)×0–${cls.newSurvivors! - 1}`);
  });

  it("listener-warning: the listeners on bus._events.data, not on the pending warning's emitter in the nextTick queue", () => {
    const { r, cls } = top('listener-warning', 'onData()');
    expect(cls.paths[0]!.text).toMatch(/ bus\._events\.data\[\] → onData\(\)$/);
    expect(r.json.growing.find((g) => g.className === 'RequestContext')!.heldBy).toBe('onData()');
    expect(leads(r).text).toMatch(/ bus\._events\.data \(Array, /);
    for (const name of ['onData()', 'RequestContext']) {
      for (const p of r.json.growing.find((g) => g.className === name)!.paths) expect(p.text).not.toMatch(/::queue|\.args|\.emitter/);
    }
  });

  it('suspended-promise: from lock.waiters through the resolve function to the suspended handleRequest()', () => {
    const { cls } = top('suspended-promise', 'RequestState');
    expect(cls.paths[0]!.text).toMatch(/ lock\.waiters\[\] → resolve\(\) → .*handleRequest\(\) \(suspended at await\).* → RequestState$/);
  });

  it('node-modules-lib: the app\'s registry, whose Registry and Histograms the library under node_modules made', () => {
    const e = series.find((s) => s.scenario === 'node-modules-lib')!;
    const { cls } = top('node-modules-lib', 'Histogram');
    const steps = cls.paths[0]!.steps as readonly PathStep[];
    expect(steps.filter((s) => s.location?.script === e.facts!.libraryScript).map((s) => s.className)).toEqual(['Registry', 'Histogram']);
  });

  it('string-service: the strings SessionRecord holds first, their parts folded into the string they make up', () => {
    const { r, cls } = top('string-service', '(string)');
    expect(r.json.growing.find((g) => g.category === 'user')!.className).toBe('SessionRecord');
    expect(cls.heldBy).toBe('SessionRecord');
    const first = cls.paths.slice(0, 3);
    for (const p of first) expect(p.text).toContain('sessionsById');
    expect(first.some((p) => p.stringParts > 0)).toBe(true);
    for (const p of cls.paths) expect(p.text).not.toMatch(/\.(?:first|second|parent|actual)\b/);
  });
});

describe('a post-mortem (one snapshot)', () => {
  for (const e of postMortems) {
    const point = e.accumulationPoint!;
    const file = files(e)[0]!;
    describe(e.scenario, () => {
      it('is no diff: one clear line, exit 2', async () => {
        const r = await runCli(['diff', file]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^heaptrail: a diff needs at least 2 snapshots.*\(one snapshot: read it with summary --suspect and paths\)$/)]);
      });

      it(`summary --suspect's first line is the suspect: ${e.topClass}, its share of the heap, and the variable ${point.name} it piles up in (text and JSON)`, async () => {
        const html = join(dir, `${e.scenario}-summary.html`);
        const [text, json, plain] = await Promise.all([
          runCli(['summary', file, '--suspect', '-q', '--html', html]),
          runCli(['summary', file, '--suspect', '--json', '-q']),
          runCli(['summary', file, '--json', '-q']),
        ]);
        // Without --suspect, the table alone (and its cache's columns suffice).
        expect(JSON.parse(plain.stdout)).not.toHaveProperty('suspect');
        expect(text.code).toBe(0);
        const first = text.stdout.split('\n')[0]!;
        expect(first).toMatch(new RegExp(`^heaptrail: suspect: [\\d,]+ ${e.topClass} retain .* \\([\\d.]+% of the heap\\), [\\d,]+ of them in `));
        expect(namesStep(first, point.name), first).toBe(true);
        const suspect = (JSON.parse(json.stdout) as { suspect: { className: string; count: number; accumulationPoint: { holds: number } } }).suspect;
        expect(suspect).toMatchObject({ className: e.topClass, count: e.counts![e.topClass!]![0] });
        expect(suspect.accumulationPoint.holds).toBe(point.holds[0]);
        // The HTML report leads with the same sentence.
        const lead = /<p class="lead">Suspect: <code>(.*?)<\/code><\/p>/.exec(readFileSync(html, 'utf8'))?.[1];
        expect(lead === undefined ? undefined : unescapeHtml(lead)).toBe(first.replace(/^heaptrail: suspect: /, ''));
      });

      it(`summary shows ${e.topClass} among the largest classes, with its count`, async () => {
        const r = await runCli(['summary', file, '--json', '--top', '5', '-q']);
        expect(r.code).toBe(0);
        const rows = (JSON.parse(r.stdout) as { classes: { className: string; count: number; retainedShare: number }[] }).classes;
        const row = rows.find((c) => c.className === e.topClass);
        expect(row, rows.map((c) => c.className).join(', ')).toBeDefined();
        expect(row!.count).toBe(e.counts![e.topClass!]![0]);
        expect(row!.retainedShare).toBeGreaterThan(0.5);
      });

      it(`paths --class ${e.topClass} starts at the module variable ${point.name}, not in V8's stack roots or deoptimization literals`, async () => {
        const [json, text] = await Promise.all([
          runCli(['paths', file, '--class', e.topClass!, '--json', '-q']),
          runCli(['paths', file, '--class', e.topClass!, '-q']),
        ]);
        expect(json.code).toBe(0);
        const groups = (JSON.parse(json.stdout) as { groups: { count: number; text: string; internalSteps: number; steps: PathStep[] }[] }).groups;
        const first = groups[0]!;
        expect(first.count).toBeGreaterThanOrEqual(point.holds[0]!);
        expect(first.internalSteps).toBe(0);
        expect(first.text).toMatch(new RegExp(`^\\(module scope of [^)]*\\) ${point.name}\\[\\] → ${e.topClass}$`));
        expect(first.steps.some((s) => bareLabel(s.edge) === point.name && s.className === point.kind)).toBe(true);
        for (const word of e.topPathWords!) expect(first.text).toContain(word);
        for (const g of groups) expect(g.text).not.toContain('deoptimization');
        expect(text.code).toBe(0);
        expect(text.stdout.split('\n').some((l) => l.includes(first.text) && l.trim().startsWith(first.count.toLocaleString('en-US')))).toBe(true);
      });
    });
  }
});
