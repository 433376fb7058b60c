// `heaptrail diff s1 s2 … sN` (or a directory): which classes keep growing
// across the series, and what retains their new instances.

import { diffFiles } from '@heaptrail/diff';
import { defineCommand } from '../command.js';
import { diffOptionsFrom, diffReportOptions, emitDiffReport } from '../diff-options.js';
import { cacheSetting } from '../cache-option.js';
import { QUIET, READ_OPTIONS, readSettings } from '../options.js';
import { progressLine, showStage } from '../progress.js';

export const diffCommand = defineCommand({
  command: 'diff [snapshots..]',
  describe: 'Classes whose instance counts keep growing across snapshots, with the paths that retain them',
  builder: (y) =>
    diffReportOptions(
      y.positional('snapshots', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'Snapshots oldest first (.heapsnapshot or .heapsnapshot.gz), or one directory of them; snapshots of one process are put in the order they were taken',
      }),
    )
      .option('keep-order', {
        type: 'boolean',
        default: false,
        describe: 'Judge the snapshots in the order given even when their object ids say they were taken in another (one process only; by default they are put in that order, with a note)',
      })
      .option('quiet', { ...QUIET, describe: 'No progress line, notes or hints' })
      .options(READ_OPTIONS),
  examples: [
    ['$0 diff snaps/', 'The snapshots of a directory, oldest first'],
    ['$0 diff a.heapsnapshot b.heapsnapshot.gz', 'Two files (put in the order they were taken, by their object ids)'],
    ['$0 diff snaps/ --avoid _events --avoid "/^Timers?List$/"', 'Paths around these retainers, where another path exists'],
    ['$0 diff snaps/ -o leak.md --format markdown', 'A Markdown report, e.g. for a PR comment'],
    ['$0 diff snaps/ --max-growth-bytes 1e6', 'CI: exit 1 when growing classes gained more than 1 MB'],
    ['$0 diff snaps/ --write-baseline known.json', 'Record the leaks known today, to commit'],
    ['$0 diff snaps/ --baseline known.json --fail-on-growth', 'CI: exit 1 only on a leak not in known.json'],
    ['$0 diff snaps/ --threads 1', 'No worker threads: slower, less memory'],
  ],
  handler: async (args, io) => {
    const progress = progressLine(io, args.quiet);
    let result;
    try {
      result = await diffFiles(args.snapshots, {
        ...(await diffOptionsFrom(args, io)),
        keepOrder: args.keepOrder,
        cwd: io.cwd,
        stdin: io.stdin,
        ...readSettings(args, io.env),
        ...cacheSetting(args, io, args.quiet),
        onProgress: (e) =>
          e.kind === 'load'
            ? showStage(progress, `[${e.index + 1}/${e.count}] ${e.file}`, e.stage, e.done, e.total)
            : progress.update(`paths ${e.className}`, e.done, e.total, 'items'),
      });
    } finally {
      progress.done();
    }
    return emitDiffReport(result, args, io);
  },
});
