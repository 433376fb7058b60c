import { createRequire } from 'node:module';
import type { Argv } from 'yargs';
import { closestNames } from '@heaptrail/graph';
import { bareCacheBeforeInput } from './cache-option.js';
import { retryOnCacheDamage } from './cache-retry.js';
import type { CommandHooks, RegisteredCommand } from './command.js';
import { describeError, EXIT_BAD_INPUT } from './errors.js';
import type { CliIo } from './io.js';
import { infoCommand } from './commands/info.js';
import { summaryCommand } from './commands/summary.js';
import { dominatorsCommand } from './commands/dominators.js';
import { pathsCommand } from './commands/paths.js';
import { diffCommand } from './commands/diff.js';
import { recordCommand } from './commands/record.js';
import { mcpCommand } from './commands/mcp.js';
import { redactCommand } from './commands/redact.js';

// yargs' CommonJS build wraps help at word boundaries; its ES module build cuts
// words in the middle (inside the examples people copy).
const require = createRequire(import.meta.url);
const yargs = require('yargs') as (args: readonly string[]) => Argv;
const VERSION = (require('../package.json') as { version: string }).version;

/** The explicit command list; order is the order in --help. */
export const COMMANDS: readonly RegisteredCommand[] = [diffCommand, recordCommand, infoCommand, summaryCommand, dominatorsCommand, pathsCommand, redactCommand, mcpCommand];

const EXIT_CODES = 'Exit codes: 0 ok, 1 a --fail-on/--max budget was exceeded, 2 bad input or usage, 3 a bug in heaptrail (HEAPTRAIL_DEBUG=1 shows the stack).';

// yargs-parser reads a lone "-" (stdin) as an empty flag, so it crosses the parser disguised.
const STDIN_MARKER = '\u0000stdin';

function restoreStdin<T>(value: T): T {
  if (value === STDIN_MARKER) return '-' as T;
  if (Array.isArray(value)) return value.map(restoreStdin) as T;
  return value;
}

/** Parses argv (without node and script), runs the command and resolves to its exit code. */
export async function buildCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = bareCacheBeforeInput(
    argv.map((a) => (a === '-' ? STDIN_MARKER : a)),
    io.cwd,
    STDIN_MARKER,
  );
  let exitCode: number | undefined;
  let running: Promise<void> | undefined;
  let declared: readonly string[] = [];
  const fail = (line: string, code: number) => {
    // yargs may report several problems with one command line: the first says enough.
    if (exitCode !== undefined) return;
    io.stderr.write(line + '\n');
    exitCode = code;
  };
  const parser = yargs(args)
    .scriptName('heaptrail')
    .usage('$0 <command> [options]\n\nFind memory leaks in V8 heap snapshots.')
    .strict()
    .demandCommand(1, 'Give a command; see heaptrail --help.')
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(io.stdout.columns ?? 100, 120))
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .alias('V', 'version')
    .epilogue(EXIT_CODES)
    .fail((msg, err) => {
      // A value refused by an option's coerce arrives as yargs' own error, carrying our message.
      if (err && err.name !== 'YError') throw err;
      const text = msg ?? err?.message ?? 'bad command line';
      fail(`heaptrail: ${text}${suggestOption(text, declared)}\nRun "heaptrail --help" for usage.`, EXIT_BAD_INPUT);
    });
  const hooks: CommandHooks = {
    epilogue: EXIT_CODES,
    declared: (options) => void (declared = options),
    run: (handler) => {
      // With exitProcess(false) yargs still calls the handler after a usage failure.
      if (exitCode !== undefined) return;
      running = retryOnCacheDamage(() => handler(io)).then(
        (code) => void (exitCode = code),
        (e) => {
          const { line, code } = describeError(e, io.env);
          fail(line, code);
        },
      );
    },
  };
  for (const cmd of COMMANDS) cmd.register(parser, hooks);
  // Arguments reach the handlers with "-" restored.
  parser.middleware((a) => {
    for (const key of Object.keys(a)) a[key] = restoreStdin(a[key]);
  }, true);
  let output = '';
  try {
    await parser.parseAsync(args, {}, (_err, _argv, text) => {
      output = text;
    });
  } catch (e) {
    const { line, code } = describeError(e, io.env);
    fail(line, code);
  }
  if (running) await running;
  // --help and --version print here, once nothing failed.
  if (output && exitCode === undefined) io.stdout.write(output + '\n');
  return exitCode ?? 0;
}

/** '; did you mean --format?' for "Unknown argument: formt". */
function suggestOption(msg: string, declared: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return '';
  const unknown = m[1]!.split(', ')[0]!;
  const near = closestNames(unknown, declared.filter((o) => o.length > 1 && !/[A-Z]/.test(o)), 1);
  return near.length > 0 ? `; did you mean --${near[0]}?` : '';
}
