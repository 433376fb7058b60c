// The fuzz loop: generate case i from (seed, i), run it in-process on a worker (and,
// for a share of cases, through the real CLI in a child process), classify, and keep
// the seeds and a minimised repro of every distinct failure.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { classifyCli, classifyInProcess, FATAL_CLASSES } from './classify.mjs';
import { runCli } from './cli-runner.mjs';
import { loadCorpus } from './corpus.mjs';
import { minimise } from './minimise.mjs';
import { GZIP_DAMAGE, MUTATORS } from './mutators.mjs';
import { WorkerSlot } from './pool.mjs';
import { caseSeed, Rng } from './rng.mjs';

const MB = 1 << 20;
/** Mutations that only need the byte length, so they can be stacked on an already damaged text. */
const BLIND = MUTATORS.filter((m) => ['truncate-random', 'byte-flip', 'bit-flip', 'insert', 'delete'].includes(m.name));
const CLI_COMMANDS = ['info', 'info-stdin', 'summary', 'diff', 'diff-reversed'];

/** Time bounds: in-process 2 s + 1 s/MB; the CLI adds process start-up and the graph analysis. */
export function inProcessBoundMs(textLength, chunkSize) {
  const base = 2000 + (1000 * textLength) / MB;
  return chunkSize !== undefined && chunkSize < 1024 ? base * 4 : base;
}
export function cliBoundMs(textLength, command) {
  return 3000 + ((command.startsWith('info') ? 1000 : 2000) * textLength) / MB;
}

/** Builds case `index` of run `seed`: pure function of its arguments. */
export function generateCase(seed, index, corpus, { cliShare }) {
  const rng = new Rng(caseSeed(seed, index));
  // Half the cases on the small builder graphs, half on real snapshots: real ones carry
  // V8's exact layout, small ones are cheap and make minimised repros tiny.
  const small = corpus.filter((e) => e.bytes.length < 1 << 20);
  const large = corpus.filter((e) => e.bytes.length >= 1 << 20);
  const entry = rng.pick(large.length === 0 || (small.length > 0 && rng.chance(0.5)) ? small : large);
  const mutator = rng.weighted(MUTATORS.map((m) => [m.weight, m]));
  const first = mutator.apply(rng, entry, corpus);
  const notes = [`${mutator.name}: ${first.note}`];
  let bytes = first.bytes;
  const directory = first.directory === true;
  if (!directory && !mutator.seedless) {
    const extra = rng.weighted([[75, 0], [20, 1], [5, 2]]);
    for (let k = 0; k < extra && bytes.length > 0; k++) {
      const m = rng.pick(BLIND);
      const r = m.apply(rng, { name: entry.name, bytes, layout: entry.layout }, corpus);
      bytes = r.bytes;
      notes.push(`${m.name}: ${r.note}`);
    }
  }
  let gz = false;
  let textLength = directory ? 0 : bytes.length;
  if (!directory && rng.chance(0.15)) {
    gz = true;
    const damage = rng.weighted(GZIP_DAMAGE.map((d) => [d.weight, d]));
    const r = damage.apply(rng, gzipSync(bytes, { level: rng.pick([1, 1, 1, 6]) }));
    bytes = r.bytes;
    notes.push(`gzip${r.note ? ': ' + r.note : ''}`);
    textLength = damage.name === 'two-members' ? 2 * textLength : textLength;
  }
  const size = directory ? 0 : bytes.length;
  const delivery = rng.chance(0.2) ? 'stream' : 'path';
  const chunkChoices = size <= 4096 ? [1, 7, 64, undefined] : size <= 256 * 1024 ? [7, 64, 4096, 65536, undefined] : [4096, 65536, undefined, MB];
  const chunkSize = delivery === 'path' ? rng.pick(chunkChoices) : undefined;
  const streamChunk = delivery === 'stream' ? rng.pick(chunkChoices) ?? 65536 : undefined;
  const cli = rng.chance(cliShare) ? rng.pick(CLI_COMMANDS) : undefined;
  // Half the plain files are also read by the two-thread parse, which must agree exactly with one thread.
  const split = delivery === 'path' && !gz && !directory && rng.chance(0.5) ? { meetAt: rng.int(0, size + 1), blockSize: rng.pick([7, 64, 4096, undefined]), live: rng.chance(0.5) } : undefined;
  return { index, seedName: entry.name, cleanPath: entry.cleanPath, notes, bytes, directory, gz, textLength, delivery, chunkSize, streamChunk, split, cli };
}

/** Writes the case input where the slot's worker and CLI will read it; returns its path. */
function materialise(dir, slot, c, bytes = c.bytes) {
  const base = join(dir, `slot${slot}-case${c.index}${c.gz ? '.heapsnapshot.gz' : '.heapsnapshot'}`);
  rmSync(base, { recursive: true, force: true });
  if (c.directory) mkdirSync(base, { recursive: true });
  else writeFileSync(base, bytes);
  return base;
}

async function runInProcess(slot, c, file, bytes = c.bytes) {
  const textLength = c.directory ? 0 : Math.max(c.textLength, bytes.length);
  const job = { path: file, delivery: c.delivery, chunkSize: c.chunkSize, streamChunk: c.streamChunk, split: c.split, inputLength: textLength, directory: c.directory };
  const bound = inProcessBoundMs(textLength, c.chunkSize ?? c.streamChunk);
  const ctx = { file, textLength, maxOffset: c.gz ? Number.MAX_SAFE_INTEGER : (bytes?.length ?? 0), directory: c.directory };
  let res = await slot.run(job, bound);
  let verdict = classifyInProcess(res, ctx);
  if (verdict.cls === 'hang') {
    // Confirm alone-ish with three times the bound before calling it a hang (the machine may be busy).
    res = await slot.run(job, 3 * bound);
    const again = classifyInProcess(res, ctx);
    if (again.cls !== 'hang') verdict = { cls: 'slow', signature: 'slow: in-process parse over the bound once', detail: `over ${bound.toFixed(0)} ms once, then ${again.cls} in ${res.ms?.toFixed(0)} ms` };
  }
  return { verdict, ms: res.ms };
}

async function runThroughCli(c, file, bin, command) {
  const args = {
    diff: ['diff', c.cleanPath, file, '--format', 'json'],
    'diff-reversed': ['diff', file, c.cleanPath, '--format', 'json'],
    summary: ['summary', file, '--json'],
    info: ['info', file],
    'info-stdin': ['info', '-'],
  }[command];
  const stdin = command === 'info-stdin';
  const textLength = Math.max(c.textLength, c.bytes?.length ?? 0);
  const run = await runCli({ bin, args, timeoutMs: cliBoundMs(textLength, command), ...(stdin ? { stdinFile: file } : {}) });
  return { verdict: classifyCli(run, { file: stdin ? '<stdin>' : file, directory: c.directory, command }), ms: run.ms, args };
}

/**
 * Runs the fuzz campaign. Options: cases, seed, cliShare, workers, root (repo), scratch
 * (output folder), bin (built CLI), minimiseLimit, corpus options, log (progress lines).
 */
export async function runFuzz(opts) {
  const { cases, seed, cliShare = 0.03, workers = 2, root, scratch, bin, heapMb = 512, minimiseLimit = 30, log = () => {} } = opts;
  const casesDir = join(scratch, 'cases');
  const reproDir = join(scratch, 'repro');
  rmSync(casesDir, { recursive: true, force: true });
  rmSync(reproDir, { recursive: true, force: true });
  mkdirSync(casesDir, { recursive: true });
  mkdirSync(reproDir, { recursive: true });
  const corpus = await loadCorpus({ root, scratch, ...(opts.corpus ?? {}) });
  const counts = { cases: 0, ok: 0, clean: 0, crash: 0, hang: 0, oom: 0, wrong: 0, 'bad-error': 0, lenient: 0, slow: 0, unavailable: 0, 'harness-error': 0 };
  const cliCounts = { runs: 0, ok: 0, clean: 0, crash: 0, hang: 0, oom: 0, 'bad-error': 0, byCommand: {} };
  /** signature → { cls, via, cases: [caseId], first: { case, detail, notes, args } } */
  const groups = new Map();
  const reasons = new Map();
  const started = performance.now();
  const slots = Array.from({ length: workers }, () => new WorkerSlot({ heapMb }));
  let next = 0;
  let done = 0;

  const record = (c, via, verdict, extra = {}) => {
    if (verdict.reason) reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
    if (verdict.cls === 'ok' || verdict.cls === 'clean') return;
    let g = groups.get(verdict.signature);
    if (!g) {
      g = { cls: verdict.cls, via, signature: verdict.signature, cases: [], first: { index: c.index, detail: verdict.detail, notes: c.notes, seedName: c.seedName, delivery: c.delivery, chunkSize: c.chunkSize ?? c.streamChunk, ...extra } };
      groups.set(verdict.signature, g);
      const orig = join(reproDir, `case-${seed}-${c.index}${c.gz ? '.heapsnapshot.gz' : '.heapsnapshot'}`);
      if (!c.directory) writeFileSync(orig, c.bytes);
      g.first.original = c.directory ? '(a directory)' : orig;
    }
    g.cases.push(c.index);
  };

  const loop = async (k) => {
    const slot = slots[k];
    while (next < cases) {
      const index = (opts.firstCase ?? 0) + next++;
      const c = generateCase(seed, index, corpus, { cliShare });
      const file = materialise(casesDir, k, c);
      const inproc = await runInProcess(slot, c, file);
      counts.cases++;
      counts[inproc.verdict.cls] = (counts[inproc.verdict.cls] ?? 0) + 1;
      record(c, 'in-process', inproc.verdict);
      if (inproc.verdict.cls === 'unavailable') {
        next = cases; // no parser built: nothing else can run
        break;
      }
      if (c.cli && bin) {
        const cli = await runThroughCli(c, file, bin, c.cli);
        cliCounts.runs++;
        cliCounts[cli.verdict.cls] = (cliCounts[cli.verdict.cls] ?? 0) + 1;
        cliCounts.byCommand[c.cli] = (cliCounts.byCommand[c.cli] ?? 0) + 1;
        record(c, `cli ${c.cli}`, cli.verdict, { args: cli.args });
      }
      rmSync(file, { recursive: true, force: true });
      done++;
      if (done % 500 === 0) log(`${done}/${cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(slots.map((_, k) => loop(k)));
  const elapsedMs = performance.now() - started;

  // Minimise one case per failure signature.
  const minimised = [];
  for (const g of [...groups.values()].sort((a, b) => b.cases.length - a.cases.length)) {
    if (minimised.length >= minimiseLimit || g.first.original === '(a directory)' || g.cls === 'unavailable') continue;
    const c = generateCase(seed, g.first.index, corpus, { cliShare });
    const slot = slots[0];
    const same = async (bytes) => {
      const file = materialise(casesDir, 'min', c, bytes);
      const v = g.via === 'in-process'
        ? (await runInProcess(slot, { ...c, textLength: bytes.length }, file, bytes)).verdict
        : (await runThroughCli({ ...c, bytes, textLength: bytes.length }, file, bin, c.cli)).verdict;
      rmSync(file, { force: true });
      return v.signature === g.signature;
    };
    const budget = g.cls === 'hang' || g.cls === 'slow' ? { maxTests: 4, deadlineMs: 60_000 } : g.via === 'in-process' ? { maxTests: 300, deadlineMs: 20_000 } : { maxTests: 40, deadlineMs: 30_000 };
    const { bytes, tests } = await minimise(c.bytes, same, budget);
    const out = join(reproDir, `${g.cls}-${minimised.length + 1}${c.gz ? '.heapsnapshot.gz' : '.heapsnapshot'}`);
    writeFileSync(out, bytes);
    const how = g.via === 'in-process'
      ? `readSnapshot(${JSON.stringify(out)}, ${JSON.stringify({ chunkSize: g.first.chunkSize, delivery: c.delivery })})`
      : `node ${bin} ${(g.first.args ?? []).map((a) => (a.includes('slot') ? out : a)).join(' ')}${c.cli === 'info-stdin' ? ` < ${out}` : ''}`;
    writeFileSync(`${out}.txt`, [
      `class: ${g.cls} (${g.via})`, `signature: ${g.signature}`, `seeds: --seed ${seed}, cases ${g.cases.slice(0, 20).join(', ')}${g.cases.length > 20 ? ', …' : ''} (${g.cases.length} in all)`,
      `corpus entry: ${g.first.seedName}`, `mutations: ${g.first.notes.join(' | ')}`, `original: ${g.first.original} (${c.bytes.length} bytes)`,
      `minimised: ${bytes.length} bytes after ${tests} tests`, `reproduce: ${how}`, '', 'actual:', g.first.detail, '',
    ].join('\n'));
    g.repro = out;
    g.reproBytes = bytes.length;
    minimised.push(out);
  }
  await Promise.all(slots.map((s) => s.close()));
  const fatal = FATAL_CLASSES.reduce((n, cls) => n + [...groups.values()].filter((g) => g.cls === cls).reduce((m, g) => m + g.cases.length, 0), 0);
  const report = {
    date: new Date().toISOString(), seed, cases, cliShare, workers, elapsedMs: Math.round(elapsedMs),
    corpus: corpus.map((s) => ({ name: s.name, bytes: s.bytes.length })),
    counts, cliCounts, fatal,
    reasons: Object.fromEntries([...reasons.entries()].sort((a, b) => b[1] - a[1])),
    groups: [...groups.values()].map((g) => ({ cls: g.cls, via: g.via, signature: g.signature, count: g.cases.length, cases: g.cases.slice(0, 50), first: g.first, repro: g.repro, reproBytes: g.reproBytes })),
  };
  writeFileSync(join(scratch, 'report.json'), JSON.stringify(report, null, 2));
  return report;
}
