// The lines Node's inspector prints on the child's stderr. The URL line is how
// we learn the port; these lines are ours, not the program's, so they are not
// passed through.

const LISTENING = /^Debugger listening on (wss?:\/\/\S+)/;
const NOISE = [
  /^For help, see: https:\/\/nodejs\.org\/.*inspector/,
  /^Debugger attached\.$/,
  /^Debugger ending on ws:/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];

export function listeningUrl(line: string): string | undefined {
  return LISTENING.exec(line)?.[1];
}

/** Node prints this when the program is done but a debugger (we) still holds it open. */
export function isWaitingForDisconnect(line: string): boolean {
  return /^Waiting for the debugger to disconnect\.\.\.$/.test(line);
}

export function isInspectorLine(line: string): boolean {
  return LISTENING.test(line) || NOISE.some((re) => re.test(line));
}
