// `heaptrail redact <snapshot> -o <out> --salt S`: the same snapshot with every
// string that is not a name replaced by a salted stand-in of the same length, to
// share a heap without its data. The rules are in docs/DESIGN.md ("Redaction").

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonText, redactionJson, renderRedactionText } from '@heaptrail/report';
import { defineCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { QUIET, formatOf, formatOptions } from '../options.js';
import { emit } from '../output.js';
import { progressLine } from '../progress.js';

export const redactCommand = defineCommand({
  command: 'redact <snapshot>',
  describe: 'Replace string contents with salted stand-ins of the same length, keeping names, numbers and the graph',
  builder: (y) =>
    formatOptions(
      y
        .positional('snapshot', { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' })
        .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Redacted snapshot to write (gzip when it ends in .gz)' })
        .option('salt', { type: 'string', describe: 'Key of the replacements: one salt for every file of a series keeps them comparable' })
        .option('salt-file', { type: 'string', describe: 'Read the salt from FILE (one trailing newline is dropped)' })
        .conflicts('salt', 'salt-file')
        .option('redact-scripts', { type: 'boolean', default: false, describe: 'Also replace script names (paths, URLs); reads the file twice' })
        .option('quiet', QUIET),
      ['text', 'json'] as const,
    ),
  examples: [
    ['$0 redact app.heapsnapshot -o shared.heapsnapshot.gz --salt-file key', 'Redact one file and gzip the result'],
    ['$0 redact s2.heapsnapshot -o red/s2.heapsnapshot --salt-file key', 'The same salt for each file of a series: their diffs stay comparable'],
  ],
  handler: async (args, io) => {
    const salt = await readSalt(args.salt, args.saltFile, io);
    const input = args.snapshot;
    if (input === '-' && args.redactScripts) throw new UsageError('--redact-scripts reads the snapshot twice: give a file, not stdin');
    if (args.output === '-') throw new UsageError('-o needs a file: the redacted snapshot is not written to stdout');
    const output = resolve(io.cwd, args.output);
    if (input !== '-' && resolve(io.cwd, input) === output) throw new UsageError('-o names the input: write the redacted snapshot elsewhere');
    const { redactSnapshot } = await import('@heaptrail/parser/redact');
    const progress = progressLine(io, args.quiet);
    try {
      const result = await redactSnapshot(input === '-' ? io.stdin : resolve(io.cwd, input), output, {
        salt,
        redactScripts: args.redactScripts,
        sourceName: input === '-' ? '<stdin>' : input,
        onProgress: (done, total) => progress.update(`redacting ${input}`, done, total, 'bytes'),
      });
      progress.done();
      await emit(io, formatOf(args) === 'json' ? jsonText(redactionJson(input, args.output, result)) : renderRedactionText(input, args.output, result));
    } finally {
      progress.done();
    }
    return EXIT_OK;
  },
});

/** `--salt`, or the bytes of `--salt-file` without one trailing newline; one of them is required. */
async function readSalt(flag: string | undefined, file: string | undefined, io: CliIo): Promise<string | Buffer> {
  if (file !== undefined) {
    const bytes = await readFile(resolve(io.cwd, file));
    const end = bytes.length - (bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? 2 : 1) : 0);
    if (end <= 0) throw new UsageError(`${file} is empty: the salt file holds the key of the replacements`);
    return bytes.subarray(0, end);
  }
  if (flag === undefined || flag === '') {
    throw new UsageError('give --salt or --salt-file: the same salt for every file of a series keeps their diffs comparable');
  }
  return flag;
}
