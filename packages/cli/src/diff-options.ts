// The options of a series diff, shared by every command that ends in a diff
// report (`diff`, and `record` which takes the series itself): declared once,
// turned into the library's DiffOptions once, and the report emitted once.

import type { ArgumentsCamelCase, Argv } from 'yargs';
import { baselineEntries, baselineText, readBaselineFile, type DiffOptions, type DiffResult, type PathChoice } from '@heaptrail/diff';
import { AvoidPatternError, checkAvoidPatterns } from '@heaptrail/graph';
import { DIFF_FORMATS, describeBudget, renderDiff, renderDiffHtml, shouldUseColor, type DiffFormat } from '@heaptrail/report';
import { EXIT_BUDGET, EXIT_OK, UsageError } from './errors.js';
import { reportToGitHub } from './github.js';
import { terminalWidth, type CliIo } from './io.js';
import { formatOf, formatOptions, nonNegative, share, wholeNumber } from './options.js';
import { emit } from './output.js';

/**
 * Which retaining paths to show: shared by every command that shows them (`paths`, and
 * through diffReportOptions `diff` and `record`).
 */
export function pathChoiceOptions<T>(y: Argv<T>) {
  return y
    .option('shortest-paths', {
      type: 'boolean',
      default: false,
      describe: 'Show the plain shortest retaining paths (fewest steps, as DevTools does) instead of those that start at the program\'s own code and avoid the runtime\'s machinery',
    })
    .option('avoid', {
      // One value per flag (repeat the flag), so the positional snapshots after it stay positionals.
      type: 'string',
      nargs: 1,
      default: [] as string[],
      defaultDescription: 'none',
      describe: 'Route paths around PATTERN, like DevTools\' "ignore this retainer" (repeatable): a class name or an edge name (_events, .emitter, ::queue), exactly, or a /regex/ tested against both',
      coerce: avoidPatterns,
    })
    .check((a) => {
      if (a.shortestPaths && a.avoid.length > 0) throw new UsageError('--avoid applies to the preferred paths: drop it or --shortest-paths');
      return true;
    });
}

function avoidPatterns(v: unknown): string[] {
  const list = (Array.isArray(v) ? v : [v]).map(String);
  try {
    checkAvoidPatterns(list);
  } catch (e) {
    if (e instanceof AvoidPatternError) throw new UsageError(`--avoid: ${e.message}`);
    throw e;
  }
  return list;
}

/** The path choice the arguments ask for. */
export function pathChoiceFrom(args: { readonly shortestPaths: boolean; readonly avoid: readonly string[] }): PathChoice {
  return { order: args.shortestPaths ? 'shortest' : 'preferred', avoid: [...args.avoid] };
}

export function diffReportOptions<T>(y: Argv<T>) {
  return pathChoiceOptions(formatOptions(y, DIFF_FORMATS))
    .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE instead of stdout' })
    .option('html', { type: 'string', describe: 'Also write a self-contained HTML report to FILE ("-": stdout, and the report then only to -o FILE)' })
    .option('include-internals', { type: 'boolean', default: false, describe: 'Also report V8 internals ((system), (array), …)' })
    .option('paths', { type: 'number', default: 5, describe: 'Retaining-path groups kept per class', coerce: (v: unknown) => wholeNumber('--paths', v) })
    .option('path-classes', { type: 'number', default: 25, describe: 'Classes (in report order) whose paths are traced', coerce: (v: unknown) => wholeNumber('--path-classes', v) })
    .option('min-growth', { type: 'number', default: 10, describe: 'Instances a class must gain first → last', coerce: (v: unknown) => nonNegative('--min-growth', v) })
    .option('min-growth-ratio', { type: 'number', default: 0.02, describe: '…and at least this share of its first count', coerce: (v: unknown) => nonNegative('--min-growth-ratio', v) })
    .option('min-growing-intervals', {
      type: 'string',
      default: '2/3',
      defaultDescription: '2/3',
      describe: 'Share of intervals in which the count must rise (0.5, 2/3, 1)',
      coerce: (v: unknown) => share('--min-growing-intervals', v),
    })
    .option('max-shrinking-intervals', {
      type: 'string',
      default: '0',
      defaultDescription: '0',
      describe: 'Share of intervals allowed to shrink by over 1% (0.25, 1/4)',
      coerce: (v: unknown) => share('--max-shrinking-intervals', v),
    })
    .option('survivor-route', {
      type: 'boolean',
      default: true,
      describe: 'Same process, 3+ snapshots: also report a class whose count dips when instances born in every interval survive (--no-survivor-route turns it off)',
    })
    .option('fail-on-growth', { type: 'boolean', default: false, describe: 'Exit 1 when any class is reported' })
    .option('max-growth-bytes', { type: 'number', describe: 'Exit 1 when reported classes grew by more retained bytes', coerce: (v: unknown) => nonNegative('--max-growth-bytes', v) })
    .option('max-growing-classes', { type: 'number', describe: 'Exit 1 when more classes are reported', coerce: (v: unknown) => wholeNumber('--max-growing-classes', v) })
    .option('baseline', { type: 'string', describe: 'Known leaks (a --write-baseline file): reported as known, not counted by the budgets' })
    .option('fail-on-known', { type: 'boolean', default: false, describe: 'With --baseline: known leaks count toward the budgets too' })
    .option('write-baseline', { type: 'string', describe: 'Write the growing classes and their path signatures to FILE, a baseline to commit' })
    .option('annotations', {
      type: 'boolean',
      default: true,
      describe: 'With GITHUB_ACTIONS=true: ::error/::warning per growing class on stderr, and the Markdown report appended to $GITHUB_STEP_SUMMARY (--no-annotations turns both off)',
    });
}

type DiffReportArgs = ArgumentsCamelCase<ReturnType<typeof diffReportOptions> extends Argv<infer A> ? A : never>;

/** The library options the arguments ask for; reads the --baseline file first, so a bad one fails before any snapshot is read. */
export async function diffOptionsFrom(args: DiffReportArgs, io: CliIo): Promise<DiffOptions> {
  if (args.failOnKnown && args.baseline === undefined) throw new UsageError('--fail-on-known needs --baseline FILE');
  const baseline = args.baseline === undefined ? undefined : await readBaselineFile(args.baseline, io.cwd);
  return {
    ...(baseline ? { baseline } : {}),
    rule: {
      minCountGrowth: args.minGrowth,
      minRelativeGrowth: args.minGrowthRatio,
      minGrowingIntervals: args.minGrowingIntervals,
      maxShrinkingIntervals: args.maxShrinkingIntervals,
    },
    includeInternals: args.includeInternals,
    survivorRoute: args.survivorRoute,
    pathChoice: pathChoiceFrom(args),
    pathsPerClass: args.paths,
    pathClasses: args.pathClasses,
    budgets: {
      failOnGrowth: args.failOnGrowth,
      ...(args.maxGrowthBytes !== undefined ? { maxGrowthBytes: args.maxGrowthBytes } : {}),
      ...(args.maxGrowingClasses !== undefined ? { maxGrowingClasses: args.maxGrowingClasses } : {}),
      failOnKnown: args.failOnKnown,
    },
  };
}

/**
 * Writes the report (stdout or -o), the HTML (--html) and the baseline
 * (--write-baseline), notes and GitHub annotations on stderr, and returns the exit
 * code: 1 when a budget was exceeded. With `--html -` the HTML
 * has stdout to itself: the report goes only to -o FILE when one is given.
 */
export async function emitDiffReport(result: DiffResult, args: DiffReportArgs & { readonly quiet: boolean }, io: CliIo): Promise<number> {
  const format = formatOf(args) as DiffFormat;
  const htmlToStdout = args.html === '-';
  if (!htmlToStdout || (args.output !== undefined && args.output !== '-')) {
    const toTerminal = args.output === undefined || args.output === '-';
    const color = toTerminal && shouldUseColor({ isTTY: io.stdout.isTTY, env: io.env });
    const columns = toTerminal ? terminalWidth(io.stdout) : undefined;
    const width = columns !== undefined ? { width: columns } : {};
    await emit(io, renderDiff(result, format, { color, quiet: args.quiet, ...width }), args.output);
  }
  if (args.html !== undefined) await emit(io, renderDiffHtml(result), args.html);
  // The text report on the terminal says it in its notes; anywhere else stderr does.
  const textOnTerminal = format === 'text' && !htmlToStdout && (args.output === undefined || args.output === '-');
  if (result.order.by === 'object-ids' && !args.quiet && !textOnTerminal) {
    const given = result.order.given ?? [];
    io.stderr.write(
      `heaptrail: note: the snapshots were not given in the order they were taken (${given.join(' ')}); judged by their object ids in the order ${result.snapshots.map((s) => s.file).join(' ')} (--keep-order keeps the given order)\n`,
    );
  }
  if (args.writeBaseline !== undefined) await emit(io, baselineText(baselineEntries([...result.growing, ...(result.baseline?.known ?? [])])), args.writeBaseline);
  if (args.annotations) await reportToGitHub(result, io);
  if (!result.sameProcess && !args.quiet && format === 'json') {
    io.stderr.write('heaptrail: note: the snapshots come from different processes; compared by class counts only (no object identity)\n');
  }
  if (result.verdict.failedBudgets.length > 0) {
    io.stderr.write(`heaptrail: budget exceeded: ${result.verdict.failedBudgets.map(describeBudget).join('; ')}\n`);
    return EXIT_BUDGET;
  }
  return EXIT_OK;
}
