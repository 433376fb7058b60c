// The real CLI in a child process, bounded in heap (--max-old-space-size), address
// space (prlimit --as, so typed arrays sized from a lying header fail instead of
// quietly reserving gigabytes) and wall-clock time.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));

/**
 * Runs `node <bin> ...args` (stdin from `stdinFile` when given) and resolves with { code, signal, stdout, stderr, ms, timedOut }.
 * stdout is kept only up to 64 KiB (reports can be long; we only need to know one was written).
 */
export function runCli({ bin, args, heapMb = 512, addressSpaceMb = 6144, timeoutMs, env = {}, stdinFile }) {
  const nodeArgs = [`--max-old-space-size=${heapMb}`, bin, ...args];
  const [cmd, argv] = PRLIMIT
    ? [PRLIMIT, [`--as=${addressSpaceMb * 1024 * 1024}`, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return new Promise((resolve) => {
    const started = performance.now();
    const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
    const child = spawn(cmd, argv, { stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, HEAPTRAIL_DEBUG: '', NO_COLOR: '1', ...env } });
    if (typeof stdin === 'number') closeSync(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      if (stdout.length < 65536) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      if (stderr.length < 65536) stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}
