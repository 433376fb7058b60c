// `heaptrail info <snapshot>`: what is in a snapshot file, read without analysis.
// The quickest check that a file is readable.

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeSnapshot, jsonText, renderInfoText } from '@heaptrail/report';
import { defineCommand } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { readSnapshotArg } from '../load.js';
import { formatOf, formatOptions, snapshotInput } from '../options.js';
import { emit } from '../output.js';

export const infoCommand = defineCommand({
  command: 'info <snapshot>',
  describe: 'What a snapshot holds: counts, V8 layout, node types, parse speed',
  builder: (y) => formatOptions(snapshotInput(y), ['text', 'json'] as const),
  examples: [
    ['$0 info app.heapsnapshot', 'Counts, layout and node types of one snapshot'],
    ['gzip -dc app.heapsnapshot.gz | $0 info - --json', 'Read stdin, print JSON'],
  ],
  handler: async (args, io) => {
    const started = performance.now();
    const { snapshot, fromCache } = await readSnapshotArg(args, io);
    const parseMs = performance.now() - started;
    const fileBytes = args.snapshot === '-' ? null : (await stat(resolve(io.cwd, args.snapshot))).size;
    const info = describeSnapshot(args.snapshot, snapshot, fileBytes, parseMs, fromCache);
    await emit(io, formatOf(args) === 'json' ? jsonText(info) : renderInfoText(info));
    return EXIT_OK;
  },
});
