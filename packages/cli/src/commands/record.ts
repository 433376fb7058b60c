// `heaptrail record [options] -- <command …>`: takes the series from a live
// process over the inspector protocol and reports it as `heaptrail diff` does.

import { RECORD_DEFAULTS } from '@heaptrail/record/defaults';
import { defineCommand } from '../command.js';
import { diffOptionsFrom, diffReportOptions, emitDiffReport } from '../diff-options.js';
import { UsageError } from '../errors.js';
import { nonNegative, QUIET, wholeNumber } from '../options.js';

const seconds = (flag: string) => (v: unknown) => nonNegative(flag, v) * 1000;

export const recordCommand = defineCommand({
  command: 'record',
  describe: 'Take the series from a live Node process (started, or attached to) and report what grows, as diff does',
  builder: (y) =>
    diffReportOptions(
      // The program's own arguments come after `--`, untouched (no number parsing).
      y
        .parserConfiguration({ 'populate--': true, 'parse-positional-numbers': false })
        .usage('$0 record [options] -- <command …>\n$0 record [options] --inspect ADDRESS | --pid PID'),
    )
      .option('count', { alias: 'n', type: 'number', default: RECORD_DEFAULTS.count, describe: 'Snapshots to take', coerce: (v: unknown) => wholeNumber('--count', v, 2) })
      .option('interval', {
        type: 'number',
        defaultDescription: `${RECORD_DEFAULTS.intervalMs / 1000}; off with --on-signal/--on-line`,
        describe: 'Seconds between snapshots',
        coerce: seconds('--interval'),
      })
      .option('warmup', { type: 'number', default: RECORD_DEFAULTS.warmupMs / 1000, describe: 'Seconds before the first snapshot', coerce: seconds('--warmup') })
      .option('out', { type: 'string', describe: 'Keep the snapshots in DIR (gzipped; heaptrail diff DIR reads them in order)' })
      .option('inspect', { type: 'string', describe: 'Attach to an inspector instead: ws://host:port/<id> or host:port (Node --inspect, Chromium --remote-debugging-port)' })
      .option('pid', {
        type: 'number',
        describe: 'Attach to a running Node process: opens its inspector with SIGUSR1, as node inspect -p does, on 127.0.0.1:9229 or at --inspect host:port',
        coerce: (v: unknown) => wholeNumber('--pid', v, 1),
      })
      .option('on-signal', { type: 'boolean', default: false, describe: 'SIGUSR2 to heaptrail takes the next snapshot' })
      .option('on-line', { type: 'boolean', default: false, describe: 'Each line on stdin takes the next snapshot' })
      .option('timeout', { type: 'number', default: RECORD_DEFAULTS.timeoutMs / 1000, describe: 'Seconds to wait for the inspector, and for each snapshot', coerce: seconds('--timeout') })
      .option('grace', { type: 'number', default: RECORD_DEFAULTS.graceMs / 1000, describe: 'Seconds between SIGTERM and SIGKILL when ending the program', coerce: seconds('--grace') })
      .option('keep-alive', { type: 'boolean', default: false, describe: 'Leave the started program running' })
      .option('quiet', { ...QUIET, describe: 'No progress lines, notes or hints' }),
  examples: [
    ['$0 record -- node server.mjs', '4 snapshots of a server, 10 s apart, after 2 s'],
    ['$0 record --count 5 --interval 30 --out snaps/ -- node app.js', 'Keep the snapshots too (heaptrail diff snaps/ reads them)'],
    ['$0 record --inspect 127.0.0.1:9229 --on-line', 'A process started with --inspect; a snapshot per line on stdin'],
    ['$0 record --pid 4242 --fail-on-growth', 'CI: exit 1 when anything grows'],
  ],
  handler: async (args, io) => {
    // Read before the first await: yargs takes `--` off the arguments once the handler returns.
    const command = (args as { readonly '--'?: readonly string[] })['--']?.map(String);
    // The recorder (and its WebSocket client) loads only when this command runs.
    const { createRecordPrinter, isRecordError, onInterrupt, record, targetFromArgs } = await import('@heaptrail/record');
    const interrupt = onInterrupt();
    const printer = createRecordPrinter({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet: args.quiet });
    let outcome;
    try {
      outcome = await record({
        target: targetFromArgs({ command, inspect: args.inspect, pid: args.pid, keepAlive: args.keepAlive }, io.cwd, io.env),
        cwd: io.cwd,
        count: args.count,
        ...(args.interval !== undefined ? { intervalMs: args.interval, clock: true } : {}),
        warmupMs: args.warmup,
        timeoutMs: args.timeout,
        graceMs: args.grace,
        ...(args.out !== undefined ? { outDir: args.out } : {}),
        keepAlive: args.keepAlive,
        onSignal: args.onSignal,
        ...(args.onLine ? { lines: io.stdin } : {}),
        signal: interrupt.signal,
        output: io.stderr,
        onProgress: printer.onProgress,
        diff: await diffOptionsFrom(args, io),
      });
    } catch (e) {
      throw isRecordError(e) ? new UsageError(e.message) : e;
    } finally {
      printer.done();
      interrupt.dispose();
    }
    return emitDiffReport(outcome.result, args, io);
  },
});
