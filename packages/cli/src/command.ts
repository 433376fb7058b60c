import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

/**
 * One command per file (STYLE.md habit 15): a typed yargs command object whose
 * handler returns the exit code instead of calling process.exit.
 */
export interface HeaptrailCommand<A = any> {
  readonly command: string | readonly string[];
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<A>;
  readonly handler: (args: A, io: CliIo) => Promise<number>;
}
