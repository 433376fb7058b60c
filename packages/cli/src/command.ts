import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { CliIo } from './io.js';

/**
 * One command per file: a yargs command whose handler gets the arguments typed as
 * its builder declares them (camel-cased), and returns the exit code instead of
 * calling process.exit.
 */
export interface HeaptrailCommand<A> {
  readonly command: string | readonly string[];
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<A>;
  /** `[command line, what it does]`, shown under "Examples:" with the command on a line of its own. */
  readonly examples?: readonly (readonly [string, string])[];
  readonly handler: (args: ArgumentsCamelCase<A>, io: CliIo) => Promise<number>;
}

/** A command once its types have been checked: what the command list holds. */
export interface RegisteredCommand {
  readonly name: string;
  register(parser: Argv, hooks: CommandHooks): void;
}

export interface CommandHooks {
  /** Runs the command; called by yargs once the arguments are valid. */
  run(handler: (io: CliIo) => Promise<number>): void;
  /** Told the options this command declares, so a mistyped one can be matched. */
  declared(options: readonly string[]): void;
  /** Text after the examples (exit codes), shared by every command. */
  readonly epilogue: string;
}

export function defineCommand<A>(c: HeaptrailCommand<A>): RegisteredCommand {
  const name = (typeof c.command === 'string' ? c.command : c.command[0]!).split(' ')[0]!;
  return {
    name,
    register(parser, hooks) {
      parser.command({
        command: c.command as string | string[],
        describe: c.describe,
        builder: (y: Argv) => {
          const built = c.builder(y).epilogue(examplesText(c.examples ?? []) + hooks.epilogue);
          hooks.declared(Object.keys((built as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key));
          return built;
        },
        handler: (args: ArgumentsCamelCase<A>) => hooks.run((io) => c.handler(args, io)),
      });
    },
  };
}

/** Examples with the command line alone on its line, so it is never wrapped in the middle. */
function examplesText(examples: readonly (readonly [string, string])[]): string {
  if (examples.length === 0) return '';
  return 'Examples:\n' + examples.map(([cmd, what]) => `  ${cmd.replace(/\$0/g, 'heaptrail')}\n      ${what}`).join('\n') + '\n\n';
}
