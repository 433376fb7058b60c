#!/usr/bin/env node
// Decides, before loading the commands, whether a second process with huge pages runs
// this command (huge-pages.ts); otherwise runs it here.
import { enableCompileCache } from './compile-cache.js';
import { hugePagesEnv, runAgain, systemProbe } from './huge-pages.js';

// Before the commands' modules load, so that they come from the cache.
enableCompileCache();

const argv = process.argv.slice(2);
const env = hugePagesEnv(argv, process.env, systemProbe);

async function runHere(): Promise<void> {
  (await import('./main.js')).main(argv);
}

if (env === undefined) {
  await runHere();
} else {
  let end: Awaited<ReturnType<typeof runAgain>> | undefined;
  try {
    end = await runAgain(process.argv.slice(1), env);
  } catch {
    // The second process did not start: the command runs here, without huge pages.
  }
  if (end === undefined) await runHere();
  else if ('signal' in end) process.kill(process.pid, end.signal);
  else process.exitCode = end.code;
}
