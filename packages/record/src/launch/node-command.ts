// How the inspector is switched on in the command to record: a `node` command
// gets the flag as its first argument; anything else (a script with a node
// shebang, a wrapper) gets it through NODE_OPTIONS, where the first Node
// process to start takes it.

import { basename } from 'node:path';

export interface InspectedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `port` 0 lets the child pick a free port, which it prints on stderr. */
export function withInspector(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  port = 0,
): InspectedCommand {
  const flag = `--inspect=127.0.0.1:${port}`;
  if (isNode(command)) return { command, args: [flag, ...args], env };
  const options = env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${flag}` : flag;
  return { command, args, env: { ...env, NODE_OPTIONS: options } };
}

export function isNode(command: string): boolean {
  return command === process.execPath || /^(node|nodejs)(\.exe)?$/i.test(basename(command));
}
