import yargs from 'yargs';
import type { HeaptrailCommand } from './command.js';
import { describeError, EXIT_BAD_INPUT } from './errors.js';
import type { CliIo } from './io.js';
import { infoCommand } from './commands/info.js';
import { summaryCommand } from './commands/summary.js';
import { dominatorsCommand } from './commands/dominators.js';
import { pathsCommand } from './commands/paths.js';
import { diffCommand } from './commands/diff.js';
import { redactCommand } from './commands/redact.js';

/** The explicit command list; order is the order in --help. */
export const COMMANDS: readonly HeaptrailCommand[] = [
  diffCommand,
  infoCommand,
  summaryCommand,
  dominatorsCommand,
  pathsCommand,
  redactCommand,
];

// yargs-parser reads a lone "-" (stdin) as an empty flag, so it crosses the parser disguised.
const STDIN_MARKER = '\u0000stdin';

function restoreStdin(value: unknown): unknown {
  if (value === STDIN_MARKER) return '-';
  if (Array.isArray(value)) return value.map(restoreStdin);
  return value;
}

function restoreStdinArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) out[k] = restoreStdin(v);
  return out;
}

/** Parses argv (without node and script), runs the command and resolves to its exit code. */
export async function buildCli(argv: readonly string[], io: CliIo): Promise<number> {
  argv = argv.map((a) => (a === '-' ? STDIN_MARKER : a));
  let exitCode: number | undefined;
  let running: Promise<void> | undefined;
  const width = Math.min(io.stdout.columns ?? 100, 120);
  const parser = yargs([...argv])
    .scriptName('heaptrail')
    .usage('$0 <command> [options]\n\nFind memory leaks in V8 heap snapshots.')
    .strict()
    .demandCommand(1, 'Give a command; see heaptrail --help.')
    .recommendCommands()
    .exitProcess(false)
    .wrap(width)
    .help()
    .alias('h', 'help')
    .version(false)
    .epilogue('Exit codes: 0 ok, 1 a --fail-on/--max budget was exceeded, 2 bad input or usage, 3 a bug in heaptrail (HEAPTRAIL_DEBUG=1 shows the stack).')
    .fail((msg, err) => {
      if (err) throw err;
      // yargs may report several problems with one command line: the first says enough.
      if (exitCode !== undefined) return;
      io.stderr.write(`heaptrail: ${msg}\nRun "heaptrail --help" for usage.\n`);
      exitCode = EXIT_BAD_INPUT;
    });
  for (const cmd of COMMANDS) {
    parser.command({
      command: cmd.command as string | string[],
      describe: cmd.describe,
      builder: cmd.builder,
      handler: (args: Record<string, unknown>) => {
        // With exitProcess(false) yargs still calls the handler after a usage failure.
        if (exitCode !== undefined) return;
        running = cmd.handler(restoreStdinArgs(args), io).then(
          (code) => void (exitCode = code),
          (e) => {
            const { line, code } = describeError(e, io.env);
            io.stderr.write(line + '\n');
            exitCode = code;
          },
        );
      },
    });
  }
  let helpText = '';
  try {
    await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
      helpText = output;
    });
  } catch (e) {
    if (exitCode === undefined) {
      const { line, code } = describeError(e, io.env);
      io.stderr.write(line + '\n');
      exitCode = code;
    }
  }
  if (running) await running;
  if (helpText && exitCode === undefined) io.stdout.write(helpText + '\n');
  return exitCode ?? 0;
}
