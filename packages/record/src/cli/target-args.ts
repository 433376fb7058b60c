// Which target the command line names: a command after `--`, --inspect ADDR,
// or --pid PID (with --inspect host:port when that process was given another
// --inspect-port); a command and an attachment exclude each other.

import { RecordError } from '../errors.js';
import type { RecordTarget } from '../target.js';

export interface TargetArgs {
  readonly command?: readonly string[];
  readonly inspect?: string;
  readonly pid?: number;
  readonly keepAlive?: boolean;
}

export function targetFromArgs(args: TargetArgs, cwd: string, env: Readonly<Record<string, string | undefined>>): RecordTarget {
  // With --pid, --inspect says where that process opens its inspector.
  const attach = args.pid !== undefined ? '--pid' : args.inspect !== undefined ? '--inspect' : '';
  const given = [args.command?.length ? 'a command' : '', attach].filter(Boolean);
  if (given.length === 0) throw new RecordError('give the program to record after --, or --inspect ADDRESS, or --pid PID');
  if (given.length > 1) throw new RecordError(`give a command or ${attach}, not both`);
  if (args.keepAlive && !args.command?.length) throw new RecordError('--keep-alive is for a program heaptrail starts; an attached one is never ended');
  if (args.pid !== undefined) return { kind: 'pid', pid: args.pid, ...(args.inspect !== undefined ? { address: args.inspect } : {}) };
  if (args.inspect !== undefined) return { kind: 'inspect', address: args.inspect };
  const [command, ...rest] = args.command!;
  return { kind: 'launch', command: command!, args: rest, cwd, env };
}
