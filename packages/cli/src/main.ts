// The command, run in this process.
import { buildCli } from './cli.js';
import { describeError } from './errors.js';
import { processIo } from './io.js';

export function main(argv: readonly string[]): void {
  // A failing stdout is reported as an 'error' event, outside buildCli's handling:
  // a reader that went away (`| head`) ends the run quietly; anything else (a full
  // disk) is one line and exit 2, never an unhandled event with a stack trace.
  let stdoutFailed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (stdoutFailed) return;
    stdoutFailed = true;
    if (e.code === 'EPIPE') {
      process.exit(0);
    }
    const { line } = describeError(Object.assign(e, { path: 'stdout', syscall: 'write' }), process.env);
    process.stderr.write(line + '\n');
    process.exitCode = 2;
  });

  buildCli(argv, processIo()).then(
    (code) => {
      process.exitCode = stdoutFailed ? 2 : code;
    },
    (e) => {
      process.stderr.write(`heaptrail: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
