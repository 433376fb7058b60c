// `heaptrail record [options] -- <command …>`: takes the series from a live
// process over the inspector protocol and reports it as `heaptrail diff` would.

import type { DiffResult } from '@heaptrail/diff';
import { createRecordPrinter, isRecordError, onInterrupt, record, RECORD_DEFAULTS, targetFromArgs } from '@heaptrail/record';
import { renderDiffHtml, renderDiffMarkdown, renderDiffText, renderJson, shouldUseColor } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_BUDGET, EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { emit } from '../output.js';

interface RecordArgs {
  readonly '--'?: string[];
  readonly count: number;
  readonly interval?: number;
  readonly warmup: number;
  readonly timeout: number;
  readonly grace: number;
  readonly out?: string;
  readonly inspect?: string;
  readonly pid?: number;
  readonly keepAlive: boolean;
  readonly onSignal: boolean;
  readonly onLine: boolean;
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
}

export const recordCommand: HeaptrailCommand<RecordArgs> = {
  command: 'record',
  describe: 'Take the series from a live Node process (started, or attached to) and report what grows, as diff does',
  builder: (y) =>
    y
      // The program's own arguments come after `--`, untouched (no number parsing).
      .parserConfiguration({ 'populate--': true, 'parse-positional-numbers': false })
      .usage('$0 record [options] -- <command …>\n$0 record [options] --inspect ADDRESS | --pid PID')
      .option('count', { alias: 'n', type: 'number', default: RECORD_DEFAULTS.count, describe: 'Snapshots to take' })
      .option('interval', {
        type: 'number',
        defaultDescription: `${RECORD_DEFAULTS.intervalMs / 1000}; off with --on-signal/--on-line`,
        describe: 'Seconds between snapshots',
      })
      .option('warmup', { type: 'number', default: RECORD_DEFAULTS.warmupMs / 1000, describe: 'Seconds before the first snapshot' })
      .option('out', { type: 'string', describe: 'Keep the snapshots in DIR (gzipped; heaptrail diff DIR reads them in order)' })
      .option('inspect', { type: 'string', describe: 'Attach to an inspector instead: ws://host:port/<id> or host:port (Node --inspect, Chromium --remote-debugging-port)' })
      .option('pid', { type: 'number', describe: 'Attach to a running Node process: opens its inspector with SIGUSR1, as node inspect -p does, on 127.0.0.1:9229 or at --inspect host:port' })
      .option('on-signal', { type: 'boolean', default: false, describe: 'SIGUSR2 to heaptrail takes the next snapshot' })
      .option('on-line', { type: 'boolean', default: false, describe: 'Each line on stdin takes the next snapshot' })
      .option('timeout', { type: 'number', default: RECORD_DEFAULTS.timeoutMs / 1000, describe: 'Seconds to wait for the inspector, and for each snapshot' })
      .option('grace', { type: 'number', default: RECORD_DEFAULTS.graceMs / 1000, describe: 'Seconds between SIGTERM and SIGKILL when ending the program' })
      .option('keep-alive', { type: 'boolean', default: false, describe: 'Leave the started program running' })
      .option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const, describe: 'Report format' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE instead of stdout' })
      .option('html', { type: 'string', describe: 'Also write a self-contained HTML report to FILE ("-": stdout)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress or notes on stderr' })
      .option('include-internals', { type: 'boolean', default: false, describe: 'Also report V8 internals ((system), (array), …)' })
      .option('paths', { type: 'number', default: 5, describe: 'Retaining-path groups kept per class' })
      .option('path-classes', { type: 'number', default: 25, describe: 'Classes (in report order) whose paths are traced' })
      .option('min-growth', { type: 'number', default: 10, describe: 'Instances a class must gain first → last' })
      .option('min-growth-ratio', { type: 'number', default: 0.02, describe: '…and at least this share of its first count' })
      .option('min-growing-intervals', { type: 'number', default: 2 / 3, defaultDescription: '2/3', describe: 'Share of intervals in which the count must rise' })
      .option('max-shrinking-intervals', { type: 'number', default: 0, describe: 'Share of intervals allowed to shrink (by over 1%)' })
      .option('survivor-route', { type: 'boolean', default: true, describe: 'Also report a class whose count dips when instances born in every interval survive' })
      .option('fail-on-growth', { type: 'boolean', default: false, describe: 'Exit 1 when any class is reported' })
      .option('max-growth-bytes', { type: 'number', describe: 'Exit 1 when reported classes grew by more retained bytes' })
      .option('max-growing-classes', { type: 'number', describe: 'Exit 1 when more classes are reported' })
      .example('$0 record -- node server.mjs', '4 snapshots of a server, 10 s apart, after 2 s')
      .example('$0 record --count 5 --interval 30 --out snaps/ -- node app.js', 'Keep the snapshots too')
      .example('$0 record --inspect 127.0.0.1:9229 --on-line', 'A process started with --inspect; a snapshot per line on stdin')
      .example('$0 record --pid 4242 --fail-on-growth', 'CI: exit 1 when anything grows') as never,
  handler: async (args, io) => {
    const interrupt = onInterrupt();
    const printer = createRecordPrinter({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet: args.quiet });
    let result: DiffResult;
    try {
      const target = targetFromArgs({ command: args['--'], inspect: args.inspect, pid: args.pid, keepAlive: args.keepAlive }, io.cwd, io.env);
      ({ result } = await record({
        target,
        cwd: io.cwd,
        count: args.count,
        ...(args.interval !== undefined ? { intervalMs: seconds('--interval', args.interval), clock: true } : {}),
        warmupMs: seconds('--warmup', args.warmup),
        timeoutMs: seconds('--timeout', args.timeout),
        graceMs: seconds('--grace', args.grace),
        ...(args.out !== undefined ? { outDir: args.out } : {}),
        keepAlive: args.keepAlive,
        onSignal: args.onSignal,
        ...(args.onLine ? { lines: io.stdin } : {}),
        signal: interrupt.signal,
        output: io.stderr,
        onProgress: printer.onProgress,
        diff: {
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
        },
      }));
    } catch (e) {
      throw isRecordError(e) ? new UsageError(e.message) : e;
    } finally {
      printer.done();
      interrupt.dispose();
    }
    await emit(io, render(result, args, io), args.output);
    if (args.html !== undefined) await emit(io, renderDiffHtml(result), args.html);
    if (result.verdict.failedBudgets.length > 0) {
      io.stderr.write(`heaptrail: budget exceeded: ${result.verdict.failedBudgets.join('; ')}\n`);
      return EXIT_BUDGET;
    }
    return EXIT_OK;
  },
};

function seconds(flag: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new UsageError(`${flag} must be a number of seconds ≥ 0`);
  return value * 1000;
}

function render(result: DiffResult, args: RecordArgs, io: CliIo): string {
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
