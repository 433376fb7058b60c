import { z } from 'zod';
import { diffSeries, resolveSeriesFiles } from '@heaptrail/diff';
import { diffAnswer } from '../diff-answer.js';
import { pathChoiceInputs, pathChoiceOf } from './inputs.js';
import { defineTool, loadSnapshot } from './tool.js';

export const diffTool = defineTool({
  name: 'diff',
  title: 'What keeps growing across snapshots',
  description:
    'Compares a series of heap snapshots of one program taken over time (oldest first, or one directory of them, ordered by when they were taken) and reports the classes whose instance counts keep growing: counts per snapshot, growth, new instances that survived, the class that holds them, the object where they accumulate and the top retaining paths (with example ids for the object and paths tools). The snapshots stay loaded for follow-up calls.',
  inputSchema: {
    snapshots: z
      .array(z.string().min(1))
      .min(1)
      .describe('Snapshot files oldest first (.heapsnapshot or .heapsnapshot.gz), or one directory of them; absolute paths are safest'),
    top: z.number().int().min(1).max(50).default(10).describe('Growing classes shown'),
    paths: z.number().int().min(0).max(10).default(3).describe('Retaining-path groups shown per class'),
    includeInternals: z.boolean().default(false).describe('Also report V8 internals ((system), (array), …)'),
    ...pathChoiceInputs,
  },
  run: async (args, context) => {
    const { files, order } = await resolveSeriesFiles(args.snapshots, context.cwd);
    const options = {
      includeInternals: args.includeInternals,
      pathsPerClass: Math.max(args.paths, 1),
      pathClasses: Math.max(25, args.top),
      pathChoice: pathChoiceOf(args),
      order: { by: order ?? 'given', given: null },
    } as const;
    const result = await diffSeries(files, (index) => loadSnapshot(context, files[index]!, index, files.length), options);
    return diffAnswer(result, args);
  },
});

