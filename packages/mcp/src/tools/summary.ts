import { z } from 'zod';
import { summaryAnswer } from '../answers.js';
import { snapshotInput } from './inputs.js';
import { defineTool, loadSnapshot } from './tool.js';

export const summaryTool = defineTool({
  name: 'summary',
  title: 'Classes by retained size',
  description:
    'The class table of one heap snapshot (like DevTools\' Summary view): per class the instance count, shallow size and retained size (bytes) and its share of the heap, largest first. States the totals (nodes, heap size, classes) and how many classes were left out.',
  inputSchema: {
    snapshot: snapshotInput,
    top: z.number().int().min(1).max(200).default(20).describe('Classes shown, largest retained size first'),
    filter: z.string().min(1).optional().describe('Only classes whose name contains this text (case-insensitive)'),
  },
  run: async (args, context) => summaryAnswer(args.snapshot, await loadSnapshot(context, args.snapshot), args),
});
