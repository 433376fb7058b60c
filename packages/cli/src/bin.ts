#!/usr/bin/env node
import { buildCli } from './cli.js';
import { processIo } from './io.js';

buildCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`heaptrail: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
