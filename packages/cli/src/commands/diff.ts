// `heaptrail diff s1 s2 … sN` (or a directory): which classes keep growing
// across the series, and what retains their new instances.

import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffSeries, orderSnapshotFiles, type DiffOptions, type DiffResult } from '@heaptrail/diff';
import { createProgress, renderDiffHtml, renderDiffMarkdown, renderDiffText, renderJson, shouldUseColor } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_BUDGET, EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';
import { createSeriesLoader, showStage } from './load.js';

interface DiffArgs {
  readonly snapshots?: string[];
  readonly format: 'text' | 'json' | 'markdown';
  readonly output?: string;
  readonly html?: string;
  readonly quiet: boolean;
  readonly includeInternals: boolean;
  readonly paths: number;
  readonly pathClasses: number;
  readonly minGrowth: number;
  readonly minGrowthRatio: number;
  readonly minGrowingIntervals: number;
  readonly maxShrinkingIntervals: number;
  readonly survivorRoute: boolean;
  readonly failOnGrowth: boolean;
  readonly maxGrowthBytes?: number;
  readonly maxGrowingClasses?: number;
  readonly threads?: number;
}

export const diffCommand: HeaptrailCommand<DiffArgs> = {
  command: 'diff [snapshots..]',
  describe: 'Classes whose instance counts keep growing across snapshots, with the paths that retain them',
  builder: (y) =>
    y
      .positional('snapshots', {
        type: 'string',
        array: true,
        describe: 'Snapshots oldest first (.heapsnapshot or .heapsnapshot.gz), or one directory of them',
      })
      .option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const, describe: 'Report format' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE instead of stdout' })
      .option('html', { type: 'string', describe: 'Also write a self-contained HTML report to FILE ("-": stdout)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress or notes on stderr' })
      .option('include-internals', { type: 'boolean', default: false, describe: 'Also report V8 internals ((system), (array), …)' })
      .option('paths', { type: 'number', default: 5, describe: 'Retaining-path groups kept per class' })
      .option('path-classes', { type: 'number', default: 25, describe: 'Classes (in report order) whose paths are traced' })
      .option('min-growth', { type: 'number', default: 10, describe: 'Instances a class must gain first → last' })
      .option('min-growth-ratio', { type: 'number', default: 0.02, describe: '…and at least this share of its first count' })
      .option('min-growing-intervals', {
        type: 'number',
        default: 2 / 3,
        defaultDescription: '2/3',
        describe: 'Share of intervals in which the count must rise',
      })
      .option('max-shrinking-intervals', { type: 'number', default: 0, describe: 'Share of intervals allowed to shrink (by over 1%)' })
      .option('survivor-route', {
        type: 'boolean',
        default: true,
        describe: 'Same process, 3+ snapshots: also report a class whose count dips when instances born in every interval survive (--no-survivor-route turns it off)',
      })
      .option('fail-on-growth', { type: 'boolean', default: false, describe: 'Exit 1 when any class is reported' })
      .option('max-growth-bytes', { type: 'number', describe: 'Exit 1 when reported classes grew by more retained bytes' })
      .option('max-growing-classes', { type: 'number', describe: 'Exit 1 when more classes are reported' })
      .option('threads', {
        type: 'number',
        defaultDescription: '$HEAPTRAIL_THREADS or 2',
        describe: 'Threads for reading: 2 parses the next snapshot on a worker thread while one is analysed; 1 reads everything on the main thread (less memory)',
      })
      .example('$0 diff snaps/', 'The snapshots of a directory, oldest first')
      .example('$0 diff a.heapsnapshot b.heapsnapshot.gz', 'Two files, in this order')
      .example('$0 diff snaps/ -o leak.md --format markdown', 'A Markdown report, e.g. for a PR comment')
      .example('$0 diff snaps/ --max-growth-bytes 1e6', 'CI: exit 1 when growing classes gained > 1 MB')
      .example('HEAPTRAIL_THREADS=1 $0 diff snaps/', 'No reading worker: slower, less memory') as never,
  handler: async (args, io) => {
    checkNumbers(args);
    const threads = threadCount(args.threads, io.env.HEAPTRAIL_THREADS);
    const files = await seriesFiles(args.snapshots, io.cwd);
    const progress = createProgress({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet: args.quiet });
    const options: DiffOptions = {
      rule: {
        minCountGrowth: args.minGrowth,
        minRelativeGrowth: args.minGrowthRatio,
        minGrowingIntervals: args.minGrowingIntervals,
        maxShrinkingIntervals: args.maxShrinkingIntervals,
      },
      includeInternals: args.includeInternals,
      survivorRoute: args.survivorRoute,
      pathsPerClass: args.paths,
      pathClasses: args.pathClasses,
      budgets: {
        failOnGrowth: args.failOnGrowth,
        ...(args.maxGrowthBytes !== undefined ? { maxGrowthBytes: args.maxGrowthBytes } : {}),
        ...(args.maxGrowingClasses !== undefined ? { maxGrowingClasses: args.maxGrowingClasses } : {}),
      },
    };
    // Progress of a read ahead shows under its own file's name.
    const loader = createSeriesLoader(files, io, {
      threads,
      onProgress: (index, stage, done, total) => showStage(progress, `[${index + 1}/${files.length}] ${files[index]}`, stage, done, total),
    });
    let result: DiffResult;
    try {
      result = await diffSeries(files, (file, index) => loader.load(file, index), options);
    } finally {
      // Also on errors: a read still running on a worker would keep the process alive.
      loader.close();
      progress.done();
    }
    await emit(io, render(result, args, io), args.output);
    if (args.html !== undefined) await emit(io, renderDiffHtml(result), args.html);
    if (!result.sameProcess && !args.quiet && args.format === 'json') {
      io.stderr.write('heaptrail: note: the snapshots come from different processes; compared by class counts only (no object identity)\n');
    }
    if (result.verdict.failedBudgets.length > 0) {
      io.stderr.write(`heaptrail: budget exceeded: ${result.verdict.failedBudgets.join('; ')}\n`);
      return EXIT_BUDGET;
    }
    return EXIT_OK;
  },
};

function render(result: DiffResult, args: DiffArgs, io: CliIo): string {
  switch (args.format) {
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderDiffMarkdown(result);
    default: {
      const toTerminal = args.output === undefined || args.output === '-';
      const color = toTerminal && shouldUseColor({ isTTY: io.stdout.isTTY, env: io.env });
      return renderDiffText(result, { color, ...(toTerminal && io.stdout.columns ? { width: io.stdout.columns } : {}) });
    }
  }
}

/** `--threads`, else `HEAPTRAIL_THREADS`, else 2 (the reading worker on). */
function threadCount(flag: number | undefined, env: string | undefined): number {
  if (flag !== undefined) {
    if (!(Number.isInteger(flag) && flag >= 1)) throw new UsageError('--threads must be a whole number ≥ 1');
    return flag;
  }
  if (env === undefined || env === '') return 2;
  const n = Number(env);
  if (!(Number.isInteger(n) && n >= 1)) throw new UsageError(`HEAPTRAIL_THREADS must be a whole number ≥ 1, got ${JSON.stringify(env)}`);
  return n;
}

function checkNumbers(args: DiffArgs): void {
  const nonNegative: [string, number | undefined][] = [
    ['--paths', args.paths],
    ['--path-classes', args.pathClasses],
    ['--min-growth', args.minGrowth],
    ['--min-growth-ratio', args.minGrowthRatio],
    ['--min-growing-intervals', args.minGrowingIntervals],
    ['--max-shrinking-intervals', args.maxShrinkingIntervals],
    ['--max-growth-bytes', args.maxGrowthBytes],
    ['--max-growing-classes', args.maxGrowingClasses],
  ];
  for (const [flag, value] of nonNegative) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new UsageError(`${flag} must be a number ≥ 0`);
  }
  for (const [flag, value] of [['--min-growing-intervals', args.minGrowingIntervals], ['--max-shrinking-intervals', args.maxShrinkingIntervals]] as const) {
    if (value > 1) throw new UsageError(`${flag} is a share of the intervals, between 0 and 1`);
  }
}

/**
 * The series to diff: the files as given, or the snapshots of one directory
 * ordered by when they were taken (see orderSnapshotFiles). Paths stay as the
 * user typed them; they are resolved against cwd only to read.
 */
async function seriesFiles(inputs: readonly string[] | undefined, cwd: string): Promise<string[]> {
  const files: string[] = [...(inputs ?? [])];
  if (files.length === 1 && files[0] !== '-') {
    const dir = files[0]!;
    const info = await statAsTyped(dir, cwd);
    if (info.isDirectory()) {
      const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
      const listed = await Promise.all(
        entries
          .filter((e) => e.isFile() || e.isSymbolicLink())
          .map(async (e) => ({ name: e.name, mtimeMs: (await stat(resolve(cwd, dir, e.name))).mtimeMs })),
      );
      const ordered = orderSnapshotFiles(listed).files.map((f) => join(dir, f.name));
      if (ordered.length < 2) {
        throw new UsageError(`${dir}: a diff needs at least 2 snapshots (.heapsnapshot or .heapsnapshot.gz), found ${ordered.length}`);
      }
      return ordered;
    }
  }
  if (files.length < 2) throw new UsageError('a diff needs at least 2 snapshots, oldest first, or a directory of them');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be only one of the snapshots');
  for (const f of files) {
    if (f === '-') continue;
    if ((await statAsTyped(f, cwd)).isDirectory()) throw new UsageError(`${f}: is a directory; give files, or one directory alone`);
  }
  return files;
}

/** stat() whose error names the path as the user typed it, not its absolute form. */
async function statAsTyped(path: string, cwd: string): Promise<Stats> {
  try {
    return await stat(resolve(cwd, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file or directory`);
    if (code === 'EACCES') throw new UsageError(`${path}: permission denied`);
    throw e;
  }
}
