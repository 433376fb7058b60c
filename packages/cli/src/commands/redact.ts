// `heaptrail redact <snapshot> -o <out> --salt S`: the same snapshot with every
// string that is not a name replaced by a salted stand-in of the same length, to
// share a heap without its data. Prints what the file still says and what was
// replaced. The rules are in docs/DESIGN.md ("Redaction").

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redactSnapshot, type RedactResult } from '@heaptrail/parser';
import { createProgress, formatBytes, formatCount, terminalSafe } from '@heaptrail/report';
import type { HeaptrailCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { QUIET_OPTION } from './load.js';

interface RedactArgs {
  readonly snapshot: string;
  readonly output: string;
  readonly salt?: string;
  readonly saltFile?: string;
  readonly redactScripts: boolean;
  readonly quiet: boolean;
}

export const redactCommand: HeaptrailCommand<RedactArgs> = {
  command: 'redact <snapshot>',
  describe: 'Replace string contents with salted stand-ins of the same length, keeping names, numbers and the graph',
  builder: (y) =>
    y
      .positional('snapshot', { type: 'string', demandOption: true, describe: 'A .heapsnapshot or .heapsnapshot.gz file ("-" for stdin)' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Redacted snapshot to write (gzip when it ends in .gz)' })
      .option('salt', { type: 'string', describe: 'Key of the replacements: use one salt for every file of a series' })
      .option('salt-file', { type: 'string', describe: 'Read the salt from FILE (a trailing newline is dropped)' })
      .conflicts('salt', 'salt-file')
      .option('redact-scripts', { type: 'boolean', default: false, describe: 'Also replace script names (paths, URLs); reads the file twice' })
      .option('quiet', QUIET_OPTION)
      .example('$0 redact app.heapsnapshot -o shared.heapsnapshot.gz --salt-file key', 'Redact one file, gzip the result')
      .example('$0 redact s2.heapsnapshot -o red/s2.heapsnapshot --salt-file key', 'Same key for a series: diffs stay comparable') as never,
  handler: async (args, io) => {
    const salt = await readSalt(args, io);
    const input = args.snapshot;
    if (input === '-' && args.redactScripts) throw new UsageError('--redact-scripts reads the snapshot twice: give a file, not stdin');
    if (args.output === '-') throw new UsageError('give a file for -o: the redacted snapshot is not written to stdout');
    const output = resolve(io.cwd, args.output);
    if (input !== '-' && resolve(io.cwd, input) === output) throw new UsageError('-o names the input: write the redacted snapshot elsewhere');
    const progress = createProgress({ stream: io.stderr, isTTY: io.stderr.isTTY, quiet: args.quiet });
    let result: RedactResult;
    try {
      result = await redactSnapshot(input === '-' ? io.stdin : resolve(io.cwd, input), output, {
        salt,
        redactScripts: args.redactScripts,
        sourceName: input === '-' ? '<stdin>' : input,
        onProgress: (done, total) => progress.update(`redacting ${input}`, done, total, 'bytes'),
      });
    } finally {
      progress.done();
    }
    io.stdout.write(renderRedaction(input, args.output, result));
    return EXIT_OK;
  },
};

async function readSalt(args: RedactArgs, io: CliIo): Promise<string | Buffer> {
  if (args.saltFile !== undefined) {
    const bytes = await readFile(resolve(io.cwd, args.saltFile));
    const end = bytes.length - (bytes.at(-1) === 0x0a ? (bytes.at(-2) === 0x0d ? 2 : 1) : 0);
    if (end <= 0) throw new UsageError(`${args.saltFile} is empty: the salt file holds the key of the replacements`);
    return bytes.subarray(0, end);
  }
  if (args.salt === undefined || args.salt === '') {
    throw new UsageError('give --salt or --salt-file: the same salt for every file of a series keeps their diffs comparable');
  }
  return args.salt;
}

/** What the redacted file still says, then what was replaced. */
export function renderRedaction(input: string, output: string, r: RedactResult): string {
  const k = r.kept;
  const lines = [
    `redacted ${terminalSafe(input)} -> ${terminalSafe(output)}`,
    '',
    'kept as they were (the shared file still says these):',
    `  the graph: ${formatCount(k.nodes)} nodes and ${formatCount(k.edges)} edges with their types, ids, sizes and links`,
    `  ${formatCount(k.names)} names: classes, functions, properties and variables, V8's labels, regular expression`,
    `    sources, DOM element names with their attributes, global object names with their URLs, and string values`,
    `    spelled like one of these`,
    `  ${formatCount(k.locations)} source locations (script id, line, column)`,
  ];
  if (k.traceFunctionInfos > 0) lines.push(`  ${formatCount(k.traceFunctionInfos)} allocation-trace functions (name, script, line)`);
  lines.push(k.scriptNames ? '  script names (file paths, URLs) where V8 uses them as names; --redact-scripts replaces them' : '  script names: replaced (see below)');
  if (k.otherSections.length > 0) lines.push(`  sections heaptrail does not read, copied as they are: ${k.otherSections.map(terminalSafe).join(', ')}`);
  lines.push(
    '',
    'replaced by salted stand-ins of the same length:',
    `  ${formatCount(r.redacted.strings)} of ${formatCount(r.input.strings)} strings (${formatBytes(r.redacted.bytes)}): string values, script sources, unreferenced strings`,
  );
  if (!k.scriptNames) lines.push(`  of which ${formatCount(r.redacted.scriptNames)} script names that were also names (${formatCount(r.redacted.scripts)} scripts found)`);
  return lines.join('\n') + '\n';
}
