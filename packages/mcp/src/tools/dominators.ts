import { z } from 'zod';
import { dominatorsAnswer } from '../answers.js';
import { snapshotInput } from './inputs.js';
import { defineTool, loadSnapshot } from './tool.js';

export const dominatorsTool = defineTool({
  name: 'dominators',
  title: 'Largest retainers (dominator tree)',
  description:
    'The top of the dominator tree of one heap snapshot: each object with the bytes that would be freed if it were gone (retained size), its largest children per level; the rest of each node\'s children are summed in otherCount/otherSize so sizes add up. Node ids are for the object and paths tools.',
  inputSchema: {
    snapshot: snapshotInput,
    depth: z.number().int().min(0).max(12).default(3).describe('Levels below the root'),
    top: z.number().int().min(0).max(20).default(5).describe('Largest children kept per node'),
  },
  run: async (args, context) => dominatorsAnswer(args.snapshot, await loadSnapshot(context, args.snapshot), args),
});
