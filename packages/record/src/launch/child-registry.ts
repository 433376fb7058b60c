// Children heaptrail started and has not ended yet. Whatever way heaptrail's own
// process ends (return, uncaught error, process.exit), the 'exit' hook kills
// what is left, so no recorded program outlives a run that did not ask for it.

import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let hooked = false;

export function registerChild(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of live) killGroup(c, 'SIGKILL');
    });
  }
}

/** Forgets a child that is to be left running (--keep-alive). */
export function releaseChild(child: ChildProcess): void {
  live.delete(child);
}

/** Signals the child's process group (it was started as a group leader), else the child alone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
