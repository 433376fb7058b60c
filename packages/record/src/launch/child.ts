// Starts the program to record with its inspector on a free loopback port and
// learns the port from the "Debugger listening on ws://…" line it prints.
//
// The child runs in its own process group: Ctrl-C in a terminal reaches
// heaptrail alone, which then ends the child itself (after removing a partial
// snapshot), instead of both racing to die. The child's stdout and stderr go to
// heaptrail's stderr, so a JSON report on stdout stays clean; the last lines of
// its stderr are kept to explain an early exit. A child left running
// (--keep-alive) loses its stderr when heaptrail exits: Node programs that
// write to stderr after that get EPIPE.

import { spawn, type ChildProcess } from 'node:child_process';
import { RecordError } from '../errors.js';
import { killGroup, registerChild, releaseChild } from './child-registry.js';
import { isInspectorLine, isWaitingForDisconnect, listeningUrl } from './inspector-lines.js';
import { LineSplitter } from './line-splitter.js';
import { withInspector } from './node-command.js';

export interface LaunchOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the child's stderr lines go (heaptrail's stderr); its stdout goes to file descriptor 2 directly. */
  readonly output: { write(text: string): unknown };
  /** How long the child may take to open its inspector (default 30 s). */
  readonly startTimeoutMs?: number;
  /** Lines of the child's stderr kept for error messages (default 5). */
  readonly keepLines?: number;
}

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface LaunchedChild {
  readonly pid: number;
  /** The inspector's WebSocket URL. */
  readonly url: string;
  /** Resolves when the child has exited (never rejects). */
  readonly exited: Promise<ChildExit>;
  readonly exit: ChildExit | undefined;
  /** Resolves when the program has run out of work and only our session keeps it (never rejects). */
  readonly finished: Promise<void>;
  /** The child's last stderr lines, oldest first. */
  lastLines(): readonly string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs: number): Promise<ChildExit>;
  /** Leaves the child running when heaptrail exits. */
  release(): void;
}

export function launchChild(options: LaunchOptions): Promise<LaunchedChild> {
  const keep = options.keepLines ?? 5;
  const inspected = withInspector(options.command, options.args, options.env);
  const lines: string[] = [];
  const remember = (line: string): void => {
    if (line.trim() === '') return;
    lines.push(line);
    if (lines.length > keep) lines.shift();
  };
  const shown = commandText(options.command, options.args);

  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(inspected.command, [...inspected.args], {
        cwd: options.cwd,
        env: inspected.env as NodeJS.ProcessEnv,
        // stdout straight onto heaptrail's stderr: it needs no reading, and it
        // still has somewhere to go after heaptrail exits (--keep-alive).
        stdio: ['ignore', 2, 'pipe'],
        detached: true,
      });
    } catch (e) {
      reject(new RecordError(`cannot start ${shown}: ${(e as Error).message}`));
      return;
    }
    let exit: ChildExit | undefined;
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    let url: string | undefined;
    let settled = false;
    // Exited once the exit is known and its stderr read to the end (or, when a
    // grandchild keeps that pipe open, a moment later), so the last lines are in.
    const stderrEnded = new Promise<void>((done) => child.stderr!.once('close', done));
    const exited = new Promise<ChildExit>((done) => {
      child.once('exit', (code, signal) => {
        const known = { code, signal };
        void Promise.race([stderrEnded, new Promise((r) => setTimeout(r, 200))]).then(() => {
          exit = known;
          done(known);
        });
      });
    });
    const fail = (error: RecordError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(error);
    };

    child.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'command not found' : e.code === 'EACCES' ? 'permission denied' : e.message;
      fail(new RecordError(`cannot start ${shown}: ${why}`));
    });
    if (child.pid !== undefined) registerChild(child);

    const errLines = new LineSplitter((line) => {
      const found = listeningUrl(line);
      if (found && url === undefined) {
        url = found;
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(handle(found));
        }
        return;
      }
      if (isWaitingForDisconnect(line)) finish();
      if (isInspectorLine(line)) return;
      remember(line);
      options.output.write(line + '\n');
    });
    child.stderr!.on('data', (b: Buffer) => errLines.push(b));
    child.stderr!.on('end', () => errLines.flush());

    child.once('close', () => {
      if (url !== undefined) return;
      fail(new RecordError(`${shown} ${describeExit(exit)} before its inspector opened${tail(lines)}`));
    });
    const startTimeout = options.startTimeoutMs ?? 30_000;
    const timer = setTimeout(
      () => fail(new RecordError(`${shown} did not open its inspector within ${startTimeout / 1000} s (is it a Node program?)`)),
      startTimeout,
    );

    const handle = (wsUrl: string): LaunchedChild => ({
      pid: child.pid!,
      url: wsUrl,
      exited,
      finished,
      get exit() {
        return exit;
      },
      lastLines: () => [...lines],
      stop: async (graceMs) => {
        if (exit) return exit;
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
        const done = await exited;
        clearTimeout(timer);
        return done;
      },
      release: () => {
        releaseChild(child);
        child.stderr!.destroy();
        child.unref();
      },
    });
  });
}

/** "exited with code 3", "was killed by SIGSEGV". */
export function describeExit(exit: ChildExit | undefined): string {
  if (!exit) return 'exited';
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** ": last stderr: a | b", or nothing without lines. */
export function tail(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `; its last stderr lines: ${lines.map((l) => l.trim()).join(' | ')}`;
}

function commandText(command: string, args: readonly string[]): string {
  const text = [command, ...args].join(' ');
  return `"${text.length > 60 ? text.slice(0, 57) + '...' : text}"`;
}
