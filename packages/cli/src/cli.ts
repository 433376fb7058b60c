import yargs from 'yargs';
import type { HeaptrailCommand } from './command.js';
import { describeError, EXIT_BAD_INPUT } from './errors.js';
import type { CliIo } from './io.js';
import { infoCommand } from './commands/info.js';
import { summaryCommand } from './commands/summary.js';
import { dominatorsCommand } from './commands/dominators.js';
import { pathsCommand } from './commands/paths.js';
import { diffCommand } from './commands/diff.js';

/** The explicit command list; order is the order in --help. */
export const COMMANDS: readonly HeaptrailCommand[] = [
  diffCommand,
  infoCommand,
  summaryCommand,
  dominatorsCommand,
  pathsCommand,
];

/** Parses argv (without node and script), runs the command and resolves to its exit code. */
export async function buildCli(argv: readonly string[], io: CliIo): Promise<number> {
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
    .epilogue('Exit codes: 0 ok, 1 a --fail-on/--max budget was exceeded, 2 bad input or usage.')
    .fail((msg, err) => {
      if (err) throw err;
      io.stderr.write(`heaptrail: ${msg}\nRun "heaptrail --help" for usage.\n`);
      exitCode = EXIT_BAD_INPUT;
    });
  for (const cmd of COMMANDS) {
    parser.command({
      command: cmd.command as string | string[],
      describe: cmd.describe,
      builder: cmd.builder,
      handler: (args: unknown) => {
        running = cmd.handler(args, io).then(
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
