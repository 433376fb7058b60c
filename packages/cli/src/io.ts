// What a command may touch of the outside world, passed in explicitly so tests
// drive the CLI in-process without spawning.

import type { Readable } from 'node:stream';

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A terminal's width, for the reports that wrap to it; undefined for a file or a pipe. */
export function terminalWidth(sink: TextSink): number | undefined {
  return sink.isTTY && sink.columns ? sink.columns : undefined;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An io that records everything written, for tests. */
export function memoryIo(env: Record<string, string | undefined> = {}, stdin?: Readable): CliIo & {
  out(): string;
  err(): string;
} {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: stdin ?? (process.stdin as Readable),
    env,
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
